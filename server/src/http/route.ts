import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import {
  ENDPOINT_CONTRACTS,
  ENDPOINTS,
  type EndpointAccess,
  type EndpointContractTable,
  type EndpointDef,
  type EndpointKey,
  type Endpoints,
  ERRORS,
  type ErrorCode,
  type FieldIssue,
  fieldError,
  type Locale,
  localFieldMessage,
} from '@hospital/shared';
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { AppError } from '../core/errors';
import { isBusy, type Load } from '../core/load';
import { currentLocale } from '../i18n';
import type { IdempotencyService } from '../modules/idempotency/idempotency.service';
import { can, describeAction, isAction, type PatientAction, POLICIES, type Policy } from '../policies';
import { isEmptyBody, UNSTORABLE_TEXT, unknownQueryKeys, unstorableTextIssues } from './input';
import type { AppContext, AppState, Principal } from './state';

/**
 * Who may call a route (shared/src/api/endpoints.ts): public, authenticated, patient, staff, a policy action of
 * `server/src/policies`, or a list of staff roles.
 */
export type Access = EndpointAccess;
type PatientPrincipal = Extract<Principal, { kind: 'patient' }>;
type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;
type PrincipalFor<A> = A extends 'public'
  ? Principal | undefined
  : A extends 'patient'
    ? PatientPrincipal
    : A extends 'authenticated' | PatientAction
      ? Principal
      : StaffPrincipal;

type Contract<K extends EndpointKey> = EndpointContractTable[K];
type SchemaOf<K extends EndpointKey, Part extends string> =
  Contract<K> extends { readonly [P in Part]: infer S extends z.ZodType } ? S : undefined;
type Parsed<K extends EndpointKey, Part extends string> =
  SchemaOf<K, Part> extends z.ZodType ? z.output<SchemaOf<K, Part>> : undefined;

/** What a handler receives: the request's parts parsed through the endpoint's schemas, and who is calling. */
export interface RouteInput<K extends EndpointKey> {
  params: Parsed<K, 'params'>;
  query: Parsed<K, 'query'>;
  body: Parsed<K, 'body'>;
  principal: PrincipalFor<Endpoints[K]['access']>;
  ctx: AppContext;
}

/** What a route file adds to a shared endpoint: the one service call, and server-only middleware. */
export interface RouteImpl<K extends EndpointKey> {
  /** Extra middleware before the handler (e.g. the strict login rate limiter). */
  before?: Middleware<AppState>[];
  /**
   * A public GET whose answer may be a second old in a rush: while the instance is busy (core/load.ts), the
   * same request — path, query and language — is answered with the answer computed last, if it is at most a
   * second old, without the handler, the schema or serialising. When quiet, every answer is computed.
   */
  busyCache?: boolean;
  /** Answers the endpoint's response (parsed through its schema, so fields outside it never leak). */
  handler(
    input: RouteInput<K>,
  ): Promise<SchemaOf<K, 'response'> extends z.ZodType ? z.input<SchemaOf<K, 'response'>> : unknown>;
}

/**
 * One mounted endpoint: its shared definition (method, path, access, status, idempotency from
 * `ENDPOINTS`; summary, tags, schemas and error codes from `ENDPOINT_CONTRACTS`) and its handler. The same
 * definition validates requests, checks access, shapes the response and writes the OpenAPI document, so the
 * docs cannot drift from what the server does, nor the server from what the clients send.
 */
export interface RouteDef {
  /** The endpoint's key in the shared tables (`'booking.create'`; the OpenAPI `operationId`). */
  key: EndpointKey;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Koa-style path (`/api/v1/me/profiles/:id`). */
  path: string;
  summary: string;
  tags: readonly string[];
  access: Access;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  /** 200, or 204 without a response schema, unless the endpoint says otherwise. */
  status: number;
  errors: readonly ErrorCode[];
  /**
   * Accepts an `Idempotency-Key` header: a retry with the same key returns the first answer. Needs
   * `mountRoutes(…, { idempotency })`.
   */
  idempotent: boolean;
  before: Middleware<AppState>[];
  busyCache: boolean;
  handler(input: RouteInput<EndpointKey>): Promise<unknown>;
}

/**
 * The route of a shared endpoint: everything but the handler (and server-only middleware) comes from
 * `@hospital/shared`, so a route file holds no method, path, access rule or schema of its own.
 */
export function route<K extends EndpointKey>(key: K, impl: RouteImpl<K>): RouteDef {
  const endpoint: EndpointDef = ENDPOINTS[key];
  const contract: EndpointContractTable[EndpointKey] = ENDPOINT_CONTRACTS[key];
  const { summary, tags, params, query, body, response, errors } = contract as {
    summary: string;
    tags: readonly string[];
    params?: z.ZodType;
    query?: z.ZodType;
    body?: z.ZodType;
    response?: z.ZodType;
    errors?: readonly ErrorCode[];
  };
  return {
    key,
    method: endpoint.method.toLowerCase() as RouteDef['method'],
    path: endpoint.path,
    summary,
    tags,
    access: endpoint.access,
    params,
    query,
    body,
    response,
    status: endpoint.status ?? (response ? 200 : 204),
    errors: errors ?? [],
    idempotent: endpoint.idempotent ?? false,
    before: impl.before ?? [],
    busyCache: impl.busyCache ?? false,
    handler: impl.handler as RouteDef['handler'],
  };
}

/** zod's wording of its generic issues (a wrong type, a number out of range) in English; Chinese is the default. */
const ENGLISH_ISSUES = z.locales.en().localeError;

/** The request's field issues in its locale (docs/decisions/026-english-names-and-field-errors.md). */
function fieldIssues(where: string, error: z.ZodError, locale: Locale): FieldIssue[] {
  return error.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    message: localFieldMessage(i.message, locale, 'params' in i ? i.params : undefined),
  }));
}

/**
 * Validates one part of the request. Before any schema: text the database cannot store (NUL, lone
 * surrogates) anywhere in it is refused, and so is a query parameter the route does not know (every one
 * when it has no query schema) or a body where it expects none.
 */
/**
 * A query string whose percent-encoding is broken (`%E0%A4%A`) is refused rather than read as the literal text
 * Koa's parser would leave behind: whatever the client meant, it is not what it sent.
 */
function refuseBrokenQueryEncoding(querystring: string): void {
  const broken: string[] = [];
  for (const pair of querystring.split('&')) {
    const [key = '', value = ''] = pair.split('=', 2);
    for (const part of [key, value]) {
      try {
        decodeURIComponent(part.replace(/\+/g, ' '));
      } catch {
        broken.push(key);
        break;
      }
    }
  }
  if (!broken.length) return;
  const shown = broken.map((k) => k.slice(0, 40));
  throw new AppError(
    'VALIDATION_FAILED',
    {
      zh: '查询参数的编码有误（百分号编码不完整），请检查链接后重试',
      en: 'The query string is not properly percent-encoded; check the link and retry',
    },
    shown.map((key) => ({ path: `query.${key}`, message: fieldError('badEncoding') })),
  );
}

function parsePart(where: 'params' | 'query' | 'body', schema: z.ZodType | undefined, value: unknown) {
  const unstorable = unstorableTextIssues(where, value);
  if (unstorable.length) throw new AppError('VALIDATION_FAILED', UNSTORABLE_TEXT, unstorable);
  if (where === 'query') {
    const unknown = unknownQueryKeys(schema, (value ?? {}) as Record<string, unknown>);
    if (unknown.length) {
      throw new AppError(
        'VALIDATION_FAILED',
        {
          zh: `此接口不接受查询参数 ${unknown.join('、')}，请删除后重试`,
          en: `This endpoint does not take the query parameter(s) ${unknown.join(', ')}; remove them and retry`,
        },
        unknown.map((key) => ({ path: `query.${key}`, message: fieldError('unknownQueryKey') })),
      );
    }
  }
  if (!schema) {
    if (where === 'body' && !isEmptyBody(value)) {
      throw new AppError(
        'VALIDATION_FAILED',
        {
          zh: '此接口不接受请求内容，请不带请求体发送',
          en: 'This endpoint takes no request body; send the request without one',
        },
        [{ path: 'body', message: fieldError('noBody') }],
      );
    }
    return undefined;
  }
  const locale = currentLocale();
  const parsed = schema.safeParse(value, locale === 'en' ? { error: ENGLISH_ISSUES } : undefined);
  if (parsed.success) return parsed.data;
  const details = fieldIssues(where, parsed.error, locale);
  const first = details[0]?.message; // already in the request's locale
  throw new AppError('VALIDATION_FAILED', first ? { zh: first, en: first } : undefined, details);
}

/** Checks the route's access rule against the request's principal; the error says what to do. */
export function authorize(access: Access, ctx: AppContext): Principal | undefined {
  const principal = ctx.state.principal;
  if (access === 'public') return principal;
  if (!principal) throw new AppError(ctx.state.authError ?? 'UNAUTHENTICATED');
  if (access === 'authenticated') return principal;
  if (isAction(access)) {
    if (can(principal, access)) return principal;
    const policy: Policy = POLICIES[access];
    if (principal.kind === 'patient') throw new AppError('FORBIDDEN', '此功能仅限医院工作人员使用');
    if (!policy.staff && policy.patient) throw new AppError('FORBIDDEN', '此功能仅限患者使用');
    throw new AppError('FORBIDDEN');
  }
  if (access === 'patient') {
    if (principal.kind !== 'patient') throw new AppError('FORBIDDEN', '此功能仅限患者使用');
    return principal;
  }
  if (principal.kind !== 'staff') throw new AppError('FORBIDDEN', '此功能仅限医院工作人员使用');
  if (
    access !== 'staff' &&
    !principal.roles.includes('admin') &&
    !access.some((r) => principal.roles.includes(r))
  ) {
    throw new AppError('FORBIDDEN');
  }
  return principal;
}

function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]+)/g, '{$1}');
}

const errorResponse = (code: ErrorCode) => ({
  description: `${ERRORS[code].status} ${code}`,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/**
 * The error codes a route's OpenAPI operation lists: the endpoint's own, and the generic ones it can answer
 * (every route: validation and rate limit; protected ones: 401 and 403; with path parameters: 404).
 */
export function documentedErrors(def: Pick<RouteDef, 'errors' | 'access' | 'params'>): Set<ErrorCode> {
  const codes = new Set<ErrorCode>(['VALIDATION_FAILED', 'RATE_LIMITED', ...def.errors]);
  if (def.access !== 'public') {
    codes.add('UNAUTHENTICATED');
    codes.add('FORBIDDEN');
  }
  if (def.params) codes.add('NOT_FOUND');
  return codes;
}

function register(registry: OpenAPIRegistry, def: RouteDef): void {
  const responses: RouteConfig['responses'] = {};
  responses[def.status] = def.response
    ? { description: 'OK', content: { 'application/json': { schema: def.response } } }
    : { description: 'No content' };
  for (const code of documentedErrors(def)) {
    const key = ERRORS[code].status;
    const existing = responses[key] as { description: string } | undefined;
    if (existing) existing.description += `, ${code}`;
    else responses[key] = errorResponse(code);
  }
  const roles = def.access === 'public' ? undefined : def.access;
  registry.registerPath({
    method: def.method,
    path: openApiPath(def.path),
    operationId: def.key,
    summary: def.summary,
    tags: [...def.tags],
    description: roles
      ? `Access: ${Array.isArray(roles) ? `staff roles ${roles.join(', ')}` : isAction(roles) ? describeAction(roles) : roles}`
      : 'Public',
    security: def.access === 'public' ? [] : [{ bearer: [] }],
    request: {
      params: def.params as z.ZodObject | undefined as never,
      query: def.query as z.ZodObject | undefined as never,
      headers: def.idempotent
        ? (z.object({
            'idempotency-key': z.string().optional().meta({
              description: 'Retry-safe key (8–128 chars); a retry with the same key returns the first answer',
            }),
          }) as never)
        : undefined,
      body: def.body ? { content: { 'application/json': { schema: def.body } } } : undefined,
    },
    responses,
  });
}

function principalKey(p: Principal | undefined): string {
  if (!p) return 'anonymous';
  return p.kind === 'patient' ? `patient:${p.accountId}` : `staff:${p.staffId}`;
}

/** Mounts route definitions on a router and describes them in the OpenAPI registry. */
export function mountRoutes(
  router: Router<AppContext['state']>,
  registry: OpenAPIRegistry,
  defs: RouteDef[],
  opts: { idempotency?: IdempotencyService; load?: Load } = {},
): void {
  const seen = new Set<EndpointKey>();
  // `busyCache` answers, serialised, by request (path, query, language), kept a second.
  const answers = new LRUCache<string, string>({ max: 1000, ttl: 1000 });
  for (const def of defs) {
    if (seen.has(def.key)) throw new Error(`mountRoutes: the endpoint ${def.key} is mounted twice`);
    seen.add(def.key);
    if (def.busyCache && (def.method !== 'get' || def.access !== 'public')) {
      throw new Error(`mountRoutes: ${def.key} is not a public GET, so its answers cannot be shared`);
    }
    register(registry, def);
    router[def.method](def.path, ...def.before, async (ctx) => {
      const c = ctx as unknown as AppContext;
      const cacheKey = def.busyCache ? `${ctx.path}?${ctx.querystring}|${c.state.locale}` : '';
      const cached = def.busyCache && isBusy(opts.load) ? answers.get(cacheKey) : undefined;
      if (cached !== undefined) {
        ctx.status = def.status;
        ctx.type = 'json';
        ctx.body = cached;
        return;
      }
      const principal = authorize(def.access, c);
      refuseBrokenQueryEncoding(ctx.querystring);
      const input = {
        params: parsePart('params', def.params, ctx.params),
        query: parsePart('query', def.query, ctx.query),
        body: parsePart('body', def.body, ctx.request.body),
        principal,
        ctx: c,
      } as RouteInput<EndpointKey>;
      const run = async () => {
        const result = await def.handler(input);
        return def.response
          ? { status: def.status, body: def.response.parse(result) as unknown }
          : { status: def.status, body: undefined };
      };
      const key = ctx.get('idempotency-key');
      const outcome =
        def.idempotent && key && opts.idempotency
          ? await opts.idempotency.run(
              `${principalKey(principal)} ${def.method.toUpperCase()} ${def.path}`,
              key,
              { params: ctx.params, body: input.body },
              run,
            )
          : { ...(await run()), replayed: false };
      if (outcome.replayed) ctx.set('Idempotent-Replayed', 'true');
      ctx.status = outcome.status;
      if (outcome.body !== undefined && outcome.body !== null) {
        // Serialised once, here: given an object, Koa serialises it to learn its length (compression's
        // threshold) and again to send it — a listing of hundreds of slots, twice per answer.
        ctx.type = 'json';
        ctx.body = JSON.stringify(outcome.body);
        if (def.busyCache && outcome.status === 200) answers.set(cacheKey, ctx.body as string);
      }
    });
  }
}
