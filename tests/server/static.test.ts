import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestApp, type TestApp } from '../support/app';

let t: TestApp;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h5-'));
beforeAll(async () => {
  fs.mkdirSync(path.join(dir, 'js'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>患者端</title><div id="app"></div>');
  fs.writeFileSync(path.join(dir, 'js', 'app.0123abcd.js'), 'console.log("app")');
  t = await createTestApp({ env: { H5_DIR: dir } });
});
afterAll(() => t.close());

test('the patient H5 app is served at /h5/, and / leads there', async () => {
  const root = await t.http.get('/').expect(302);
  expect(root.headers.location).toBe('/h5/');
  const bare = await t.http.get('/h5').expect(302);
  expect(bare.headers.location).toBe('/h5/');
  const page = await t.http.get('/h5/').expect(200);
  expect(page.text).toContain('患者端');
  expect(page.headers['cache-control']).toBe('no-cache');
});

test('hashed assets are served with a long cache; a missing script is a 404, never the page', async () => {
  const js = await t.http.get('/h5/js/app.0123abcd.js').expect(200);
  expect(js.headers['content-type']).toContain('javascript');
  expect(js.headers['cache-control']).toContain('immutable');
  const missing = await t.http.get('/h5/js/gone.js').expect(404);
  expect(missing.body.error.code).toBe('ROUTE_NOT_FOUND');
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
