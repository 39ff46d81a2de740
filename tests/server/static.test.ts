// The patient H5 app as the server sends it to a phone: compressed (brotli or gzip, as the phone accepts; the
// build's precompressed files for hashed assets), hashed assets cached for a year, index.html revalidated on
// every visit, a missing script a 404. JSON answers are compressed above the threshold. Raw HTTP (node:http)
// throughout, so that the bytes on the wire are what is checked, not what a client library decoded.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createTestApp, type TestApp } from '../support/app';

const ROOT = path.resolve(__dirname, '..', '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h5-'));
/** A hashed script well above the threshold, as webpack names them. */
const SCRIPT = `console.log(${JSON.stringify('患者端 '.repeat(4000))});\n`;
/** A hashed stylesheet the build step did not precompress (a development build): compressed on the fly. */
const STYLE = `.page { color: #0f766e; }\n`.repeat(200);
const INDEX = '<!doctype html><title>患者端</title><div id="app"></div>';

let t: TestApp;
let base: string;
let plain: TestApp;
let plainBase: string;

beforeAll(async () => {
  fs.mkdirSync(path.join(dir, 'js'));
  fs.mkdirSync(path.join(dir, 'css'));
  fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
  fs.writeFileSync(path.join(dir, 'js', 'app.0123abcd.js'), SCRIPT);
  fs.writeFileSync(path.join(dir, 'js', 'tiny.4567cdef.js'), 'console.log(1)');
  // The build's own step (npm run build:h5 runs it after taro build).
  const step = spawnSync(process.execPath, [path.join(ROOT, 'miniapp/scripts/precompress.mjs'), dir], {
    encoding: 'utf8',
  });
  expect(step.status).toBe(0);
  fs.writeFileSync(path.join(dir, 'css', 'app.89abcdef.css'), STYLE);
  t = await createTestApp({ env: { H5_DIR: dir } });
  base = (await t.listen()).base;
  plain = await createTestApp({ env: { H5_DIR: dir, COMPRESSION: 'false' } });
  plainBase = (await plain.listen()).base;
}, 60_000);
afterAll(async () => {
  await Promise.all([t.close(), plain.close()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes as sent. */
  body: Buffer;
  /** The body decoded as its Content-Encoding says. */
  text: string;
}

function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const encoding = res.headers['content-encoding'];
          const decoded =
            encoding === 'br'
              ? zlib.brotliDecompressSync(body)
              : encoding === 'gzip'
                ? zlib.gunzipSync(body)
                : body;
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: decoded.toString() });
        });
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

const CHROME = 'gzip, deflate, br, zstd';

test('the patient H5 app is served at /h5/, and / leads there', async () => {
  const root = await t.http.get('/').expect(302);
  expect(root.headers.location).toBe('/h5/');
  const bare = await t.http.get('/h5').expect(302);
  expect(bare.headers.location).toBe('/h5/');
  const page = await t.http.get('/h5/').expect(200);
  expect(page.text).toContain('患者端');
});

test('a hashed script goes as the build precompressed it: brotli when accepted, else gzip, else as it is', async () => {
  const url = `${base}/h5/js/app.0123abcd.js`;
  const size = Buffer.byteLength(SCRIPT);

  const br = await get(url, { 'accept-encoding': CHROME });
  expect(br.status).toBe(200);
  expect(br.headers['content-encoding']).toBe('br');
  expect(br.headers['content-type']).toContain('javascript');
  expect(br.text).toBe(SCRIPT);
  // The build's file itself (best quality), not one compressed for this request.
  expect(br.body.equals(fs.readFileSync(path.join(dir, 'js', 'app.0123abcd.js.br')))).toBe(true);
  expect(br.body.length).toBeLessThan(size / 10);

  const gz = await get(url, { 'accept-encoding': 'gzip, deflate' });
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(gz.text).toBe(SCRIPT);

  const none = await get(url);
  expect(none.headers['content-encoding']).toBeUndefined();
  expect(none.body.length).toBe(size);

  for (const answer of [br, gz, none]) {
    expect(answer.headers.vary).toMatch(/accept-encoding/i);
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  }
});

test('a hashed file without a precompressed one is compressed on the fly; a tiny one goes as it is', async () => {
  const css = await get(`${base}/h5/css/app.89abcdef.css`, { 'accept-encoding': CHROME });
  expect(css.headers['content-encoding']).toBe('br');
  expect(css.headers['content-type']).toContain('text/css');
  expect(css.text).toBe(STYLE);
  expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');

  const tiny = await get(`${base}/h5/js/tiny.4567cdef.js`, { 'accept-encoding': CHROME });
  expect(tiny.headers['content-encoding']).toBeUndefined();
  expect(tiny.text).toBe('console.log(1)');
  expect(fs.existsSync(path.join(dir, 'js', 'tiny.4567cdef.js.br'))).toBe(false); // under the threshold
});

test('index.html is revalidated on every visit: no-cache with an ETag, 304 while unchanged', async () => {
  for (const route of ['/h5/', '/h5/index.html', '/h5/pages/home/index']) {
    const page = await get(`${base}${route}`, { 'accept-encoding': CHROME });
    expect(page.status).toBe(200);
    expect(page.text).toBe(INDEX);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers.etag).toMatch(/^W\/".+"$/);
    const again = await get(`${base}${route}`, { 'if-none-match': page.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  }
  // A new build's page is sent at once: its validator changed.
  const before = await get(`${base}/h5/`);
  const newer = INDEX.replace('患者端', '患者端 v2');
  fs.writeFileSync(path.join(dir, 'index.html'), newer);
  try {
    const after = await get(`${base}/h5/`, { 'if-none-match': before.headers.etag! });
    expect(after.status).toBe(200);
    expect(after.text).toBe(newer);
  } finally {
    fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
  }
});

test('a missing script is a 404, never the page', async () => {
  for (const missing of ['/h5/js/gone.js', '/h5/js/gone.0123abcd.js', '/h5/css/gone.89abcdef.css']) {
    const res = await get(`${base}${missing}`, { 'accept-encoding': CHROME });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text).error.code).toBe('ROUTE_NOT_FOUND');
  }
});

test('JSON answers above 1 KB are compressed as the client accepts, smaller ones go as they are', async () => {
  const list = await get(`${base}/api/v1/departments`, { 'accept-encoding': CHROME });
  expect(list.status).toBe(200);
  expect(list.headers['content-encoding']).toBe('br');
  expect(list.headers.vary).toMatch(/accept-encoding/i);
  const departments = JSON.parse(list.text).items as { name: string }[];
  expect(departments.map((d) => d.name)).toContain('心血管内科');
  expect(list.body.length).toBeLessThan(Buffer.byteLength(list.text) / 2);

  const gz = await get(`${base}/api/v1/departments`, { 'accept-encoding': 'gzip' });
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(JSON.parse(gz.text)).toEqual(JSON.parse(list.text));

  const none = await get(`${base}/api/v1/departments`);
  expect(none.headers['content-encoding']).toBeUndefined();
  expect(JSON.parse(none.text)).toEqual(JSON.parse(list.text));

  const small = await get(`${base}/healthz`, { 'accept-encoding': CHROME });
  expect(small.status).toBe(200);
  expect(small.body.length).toBeLessThan(1024);
  expect(small.headers['content-encoding']).toBeUndefined();
});

test('with COMPRESSION=false nothing is compressed and no precompressed file is sent', async () => {
  const script = await get(`${plainBase}/h5/js/app.0123abcd.js`, { 'accept-encoding': CHROME });
  expect(script.headers['content-encoding']).toBeUndefined();
  expect(script.text).toBe(SCRIPT);
  expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  const list = await get(`${plainBase}/api/v1/departments`, { 'accept-encoding': CHROME });
  expect(list.headers['content-encoding']).toBeUndefined();
  expect(JSON.parse(list.text).items.length).toBeGreaterThan(0);
});

test('files outside the app folder cannot be reached', async () => {
  for (const probe of [
    '/h5/..%2F..%2F..%2F..%2Fetc%2Fpasswd',
    '/h5/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/h5/js/..%2F..%2Fpackage.json',
  ]) {
    const res = await t.http.get(probe);
    expect(res.text).not.toMatch(/root:|"dependencies"/);
    expect([200, 400, 403, 404]).toContain(res.status); // 200 only as the app's own index page
    if (res.status === 200) expect(res.text).toContain('患者端');
  }
});
