import fs from 'node:fs';
import path from 'node:path';
import { ENDPOINT_CONTRACTS, ENDPOINT_KEYS, ENDPOINTS, ERRORS, type ErrorCode } from '@hospital/shared';
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { apiRoutes } from '../../server/src/app';
import { documentedErrors, type RouteDef } from '../../server/src/http/route';
import type { AppState } from '../../server/src/http/state';
import { isAction } from '../../server/src/policies';
import { createTestApp, type TestApp } from '../support/app';

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
  parameters?: { name: string; in: string; required?: boolean }[];
}
interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
}

/**
 * Routes under /api that serve the documentation itself; every other /api route is API and must be documented.
 * (Routes outside /api — probes, the H5 build — are not part of the API document.)
 */
const DOCS_ROUTES = [
  'GET /api/openapi.json',
  'GET /api/docs',
  'GET /api/docs/init.js',
  'GET /api/docs/assets/:file',
];

let t: TestApp;
let doc: OpenApiDocument;
let defs: RouteDef[];

beforeAll(async () => {
  t = await createTestApp();
  doc = (await t.http.get('/api/openapi.json').expect(200).expect('Content-Type', /json/)).body;
  // Every route the app mounts (the same list createApp mounts), not a hand-picked few.
  const noop: Middleware<AppState> = (_ctx, next) => next();
  defs = apiRoutes(t.services, noop);
}, 60_000);
afterAll(() => t.close());

const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;
const openApiPath = (path: string) => path.replace(/:([A-Za-z_]+)/g, '{$1}');
const operation = (def: RouteDef) => doc.paths[openApiPath(def.path)]?.[def.method];

/** What the running app's router answers: every `METHOD path` of the @koa/router mounted on the Koa app. */
function mountedRoutes(): string[] {
  const routers = t.app.middleware
    .map((m) => (m as unknown as { router?: Router }).router)
    .filter((r): r is Router => r !== undefined);
  expect(routers.length).toBeGreaterThanOrEqual(1);
  const out = new Set<string>();
  for (const layer of routers.flatMap((r) => r.stack)) {
    for (const method of layer.methods) {
      if (method === 'HEAD' || typeof layer.path !== 'string') continue; // HEAD is added for every GET
      out.add(key(method, layer.path));
    }
  }
  return [...out].sort();
}

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document with a bearer security scheme', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('mounts every endpoint of the shared table once, as the table says, and nothing else', () => {
    // The test app runs the local WeChat Pay stand-in, so even its confirm endpoint is mounted.
    expect(defs.map((d) => d.key).sort()).toEqual([...ENDPOINT_KEYS].sort());
    for (const d of defs) {
      const endpoint = ENDPOINTS[d.key];
      expect({ key: d.key, method: d.method, path: d.path, access: d.access }).toEqual({
        key: d.key,
        method: endpoint.method.toLowerCase(),
        path: endpoint.path,
        access: endpoint.access,
      });
    }
  });

  it('documents every route the app mounts, under its endpoint key', () => {
    expect(defs.length).toBeGreaterThan(60);
    const missing = defs.filter((d) => !operation(d)).map((d) => key(d.method, d.path));
    expect(missing).toEqual([]);
    const ids = defs.map((d) => ({ route: key(d.method, d.path), operationId: operation(d)?.operationId }));
    expect(ids).toEqual(defs.map((d) => ({ route: key(d.method, d.path), operationId: d.key })));
  });

  it('documents every /api route the running router serves, except the docs pages themselves', () => {
    const mounted = mountedRoutes();
    // The route definitions are what the app mounts (so the check below is not vacuous).
    for (const d of defs) expect(mounted).toContain(key(d.method, d.path));
    const undocumented = mounted.filter((r) => {
      const [method, path] = r.split(' ') as [string, string];
      return path.startsWith('/api/') && !doc.paths[openApiPath(path)]?.[method.toLowerCase()];
    });
    expect(undocumented.sort()).toEqual([...DOCS_ROUTES].sort());
  });

  it('documents nothing the server does not serve', () => {
    const mounted = new Set(mountedRoutes());
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => key(m, path.replace(/\{([A-Za-z_]+)\}/g, ':$1'))),
    );
    expect(documented.filter((r) => !mounted.has(r))).toEqual([]);
  });

  it('marks every protected route with bearer security and 401/403 answers, and every public one with none', () => {
    const problems: string[] = [];
    for (const d of defs) {
      const op = operation(d)!;
      const name = key(d.method, d.path);
      if (d.access === 'public') {
        if (op.security && op.security.length > 0) problems.push(`${name}: public but requires security`);
        // A public route may answer 401/403 for its own reasons (a refused refresh token), never for the caller.
        const described = Object.values(op.responses).map((r) => (r as { description: string }).description);
        if (described.some((text) => /\b(UNAUTHENTICATED|FORBIDDEN)\b/.test(text)))
          problems.push(`${name}: public but documents UNAUTHENTICATED or FORBIDDEN`);
        continue;
      }
      if (!op.security?.some((s) => 'bearer' in s)) problems.push(`${name}: no bearer security`);
      if (!op.responses['401']) problems.push(`${name}: no 401 response`);
      if (!op.responses['403']) problems.push(`${name}: no 403 response`);
    }
    expect(problems).toEqual([]);
    // The suite checks at least one of each kind.
    expect(defs.some((d) => d.access === 'public')).toBe(true);
    expect(defs.some((d) => d.access === 'patient')).toBe(true);
    expect(defs.some((d) => d.access === 'staff')).toBe(true);
    expect(defs.some((d) => isAction(d.access))).toBe(true);
  });

  it('documents exactly the error codes each endpoint lists (plus the generic ones), each under its status', () => {
    const generic = new Set<ErrorCode>([
      'VALIDATION_FAILED',
      'RATE_LIMITED',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'NOT_FOUND',
    ]);
    const problems: string[] = [];
    for (const d of defs) {
      const op = operation(d)!;
      const name = key(d.method, d.path);
      const listed = new Set<string>(
        (ENDPOINT_CONTRACTS[d.key] as { errors?: readonly string[] }).errors ?? [],
      );
      const documented = new Set<string>();
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        const description = (response as { description: string }).description;
        const [prefix, codes = ''] = description.split(/ (.*)/s) as [string, string?];
        expect({ name, status, prefix }).toEqual({ name, status, prefix: status });
        for (const code of codes.split(', ')) {
          documented.add(code);
          if (!Object.hasOwn(ERRORS, code)) problems.push(`${name}: documents an unknown code ${code}`);
          else if (String(ERRORS[code as ErrorCode].status) !== status)
            problems.push(
              `${name}: documents ${code} under ${status}, not ${ERRORS[code as ErrorCode].status}`,
            );
          if (!listed.has(code) && !generic.has(code as ErrorCode))
            problems.push(`${name}: documents ${code}, which the endpoint does not list`);
        }
      }
      for (const code of documentedErrors(d)) {
        if (!documented.has(code)) problems.push(`${name}: lists ${code} but does not document it`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents path parameters, and 400 and 404 for routes that take an id', () => {
    const withParams = defs.filter((r) => r.path.includes(':'));
    expect(withParams.length).toBeGreaterThan(20);
    for (const d of withParams) {
      const op = operation(d)!;
      const names = [...d.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]);
      const documented = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      expect({ route: key(d.method, d.path), params: documented.sort() }).toEqual({
        route: key(d.method, d.path),
        params: names.sort(),
      });
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['400', '404']));
    }
  });

  it('documents the Idempotency-Key header exactly on idempotent endpoints', () => {
    for (const d of defs) {
      const header = (operation(d)!.parameters ?? []).some(
        (p) => p.in === 'header' && p.name === 'idempotency-key',
      );
      expect({ key: d.key, header }).toEqual({ key: d.key, header: d.idempotent });
    }
    expect(defs.filter((d) => d.idempotent).map((d) => d.key)).toEqual(
      expect.arrayContaining(['booking.create', 'booking.cancel', 'payment.pay']),
    );
  });

  it('takes every contract from shared: no route file defines a schema or names a method, path or access', () => {
    const modules = path.resolve(__dirname, '../../server/src/modules');
    const files = fs
      .readdirSync(modules, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.routes.ts') && !f.startsWith('health/')); // probes are not API routes
    expect(files.length).toBeGreaterThanOrEqual(8);
    const problems = files.flatMap((file) => {
      const text = fs.readFileSync(path.join(modules, file), 'utf8');
      return [
        ...(/from 'zod'/.test(text) ? [`${file}: imports zod`] : []),
        ...(/\b(method|path|access|response|summary|errors):/.test(text)
          ? [`${file}: declares a contract field`]
          : []),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('agrees with the server: a route documented as protected really answers 401 without a token', async () => {
    const res = await t.http.get('/api/v1/admin/doctors').expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
    expect(doc.paths['/api/v1/admin/doctors']!.get!.responses['401']).toBeDefined();
  });
});

describe('GET /api/docs', () => {
  let html: string;

  beforeAll(async () => {
    const res = await t.http
      .get('/api/docs')
      .expect(200)
      .expect('Content-Type', /text\/html/);
    html = res.text;
  });

  const attr = (tag: string, name: string) =>
    [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>`, 'g'))].map(
      (m) => m[0].match(new RegExp(`${name}="([^"]*)"`))?.[1],
    );

  async function fetchAsset(url: string) {
    return t.http
      .get(url)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      });
  }

  it('serves its scripts and stylesheet from the server itself (no CDN)', async () => {
    const scripts = attr('script', 'src');
    const styles = attr('link', 'href');
    expect(scripts.length).toBeGreaterThanOrEqual(1);
    expect(styles.length).toBeGreaterThanOrEqual(1);
    // An inline script would be blocked by the page's own CSP (script-src 'self'): every script has a src.
    expect(scripts).not.toContain(undefined);
    for (const url of [...scripts, ...styles] as string[]) {
      expect(url).toMatch(/^\/(?!\/)/); // same origin: a path, not http(s):// or protocol-relative //
      const res = await fetchAsset(url);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      expect(res.headers['content-type']).toMatch(url.endsWith('.css') ? /text\/css/ : /javascript/);
      expect((res.body as string).length).toBeGreaterThan(0);
    }
  });

  it('loads Swagger UI pointed at this server’s document', async () => {
    const bundle = attr('script', 'src').find((s) => s?.includes('swagger-ui-bundle'));
    expect(bundle).toBeDefined();
    expect(((await fetchAsset(bundle!)).body as string).length).toBeGreaterThan(100_000);
    const init = attr('script', 'src').find((s) => s !== bundle)!;
    expect((await fetchAsset(init)).body).toContain('/api/openapi.json');
  });

  it("allows the page's assets in its content security policy", async () => {
    const res = await t.http.get('/api/docs').expect(200);
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/style-src 'self'/);
  });

  it('serves no other file from the assets folder', async () => {
    for (const file of ['package.json', '..%2Fpackage.json', 'index.html']) {
      const res = await t.http.get(`/api/docs/assets/${file}`);
      expect({ file, status: res.status }).toEqual({ file, status: 404 });
    }
  });
});
