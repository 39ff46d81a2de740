import request from 'supertest';
import { createApp } from '../../server/src/app';
import { createLogger } from '../../server/src/core/logger';
import { createLifecycle } from '../../server/src/http/lifecycle';
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
}, 30_000); // a second test database: seconds on a loaded machine

test('readyz answers 503 from the moment the instance starts shutting down; healthz still answers', async () => {
  const lifecycle = createLifecycle();
  const app = createApp({
    config: t.config,
    services: t.services,
    tokens: t.tokens,
    logger: createLogger('silent'),
    sql: t.db.sql,
    lifecycle,
  });
  await request(app.callback()).get('/readyz').expect(200);
  lifecycle.startDraining();
  const res = await request(app.callback()).get('/readyz').expect(503);
  expect(res.body).toEqual({ status: 'stopping' });
  await request(app.callback()).get('/healthz').expect(200);
});
