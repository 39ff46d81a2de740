import { createTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

test('healthz answers while the process runs', async () => {
  const res = await t.http.get('/healthz').expect(200);
  expect(res.body).toEqual({ status: 'ok' });
});

test('readyz reports the database reachable and every migration applied', async () => {
  const res = await t.http.get('/readyz').expect(200);
  expect(res.body).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok' } });
});

test('readyz answers 503 once the database is gone', async () => {
  const other = await createTestApp();
  await other.db.close();
  const res = await other.http.get('/readyz').expect(503);
  expect(res.body.checks.database).toBe('failing');
});
