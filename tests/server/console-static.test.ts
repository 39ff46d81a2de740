// The staff console as the server sends it (/console/): its build's hashed files immutable and precompressed,
// every page route answered with index.html (the console routes in the browser), a missing file a 404.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestApp, type TestApp } from '../support/app';

const ROOT = path.resolve(__dirname, '..', '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-'));
const INDEX = '<!doctype html><title>医院工作台</title><div id="root"></div>';
/** As the console's Vite build names its files (console/vite.config.mts): `<name>.<hex hash>.js`. */
const SCRIPT = `console.log(${JSON.stringify('工作台 '.repeat(4000))});\n`;

let t: TestApp;
beforeAll(async () => {
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
  fs.writeFileSync(path.join(dir, 'assets', 'index.21295b4d.js'), SCRIPT);
  const step = spawnSync(process.execPath, [path.join(ROOT, 'miniapp/scripts/precompress.mjs'), dir], {
    encoding: 'utf8',
  });
  expect(step.status).toBe(0);
  t = await createTestApp({ env: { CONSOLE_DIR: dir } });
}, 60_000);
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('/console redirects to /console/, and every page route is the console’s index.html', async () => {
  const bare = await t.http.get('/console').expect(302);
  expect(bare.headers.location).toBe('/console/');
  for (const page of ['/console/', '/console/audit', '/console/sign-in?next=%2Faudit']) {
    const res = await t.http.get(page).expect(200);
    expect(res.text).toBe(INDEX);
    expect(res.headers['cache-control']).toBe('no-cache');
  }
});

test('a hashed script is immutable and sent precompressed; a missing one is a 404, never the page', async () => {
  const script = await t.http
    .get('/console/assets/index.21295b4d.js')
    .set('Accept-Encoding', 'br')
    .buffer(true)
    .parse((res, done) => {
      res.on('data', () => undefined);
      res.on('end', () => done(null, null));
    })
    .expect(200);
  expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(script.headers['content-encoding']).toBe('br');
  const missing = await t.http.get('/console/assets/index.0badf00d.js').expect(404);
  expect(missing.body.error.code).toBe('ROUTE_NOT_FOUND');
});

test('no console built: a clear 503 naming the build command', async () => {
  const empty = await createTestApp({ env: { CONSOLE_DIR: path.join(dir, 'nothing-here') } });
  try {
    const res = await empty.http.get('/console/').expect(503);
    expect(res.text).toContain('npm run build -w console');
  } finally {
    await empty.close();
  }
});
