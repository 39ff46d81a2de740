import Koa from 'koa';
import request from 'supertest';
import { createLogger } from '../../server/src/core/logger';
import { admission } from '../../server/src/http/middleware/admission';
import { errorHandler } from '../../server/src/http/middleware/error-handler';
import { requestContext } from '../../server/src/http/middleware/request-context';
import type { AppState } from '../../server/src/http/state';
import { createTestApp, type TestApp } from '../support/app';

// Load shedding (http/middleware/admission.ts): beyond MAX_IN_FLIGHT API requests at once, one more is refused
// at once with 503 SERVER_BUSY and Retry-After, which the apps retry (tests/miniapp/api-client.test.ts).
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { MAX_IN_FLIGHT: '2' } });
});
afterAll(() => t.close());

test('past MAX_IN_FLIGHT requests at once, the next is refused at once with 503 SERVER_BUSY and Retry-After', async () => {
  // The middleware in a Koa app of its own, in front of a handler that answers when told: two requests held.
  let release!: () => void;
  const held = new Promise<void>((r) => {
    release = r;
  });
  const app = new Koa<AppState>();
  app.use(requestContext(createLogger('silent')));
  app.use(errorHandler());
  app.use(
    admission({
      maxInFlight: 2,
      exempt: () => false,
      logger: createLogger('silent'),
      allowedOrigins: new Set(['http://localhost:10086']),
    }),
  );
  app.use(async (ctx) => {
    await held;
    ctx.body = { ok: true };
  });
  const http = request(app.callback());
  const first = Promise.all([http.get('/api/v1/departments'), http.get('/api/v1/departments')]);
  await new Promise((r) => setTimeout(r, 100));
  const busy = await http
    .get('/api/v1/departments')
    .set('Accept-Language', 'en')
    .set('Origin', 'http://localhost:10086');
  expect(busy.status).toBe(503);
  expect(busy.headers['retry-after']).toBe('1');
  // A browser on an allowed origin can read it (and so retry).
  expect(busy.headers['access-control-allow-origin']).toBe('http://localhost:10086');
  expect(busy.body.error).toMatchObject({
    code: 'SERVER_BUSY',
    message: 'Many people are booking right now; try again in a moment',
    details: { retryAfterSeconds: 1 },
  });
  expect((await http.get('/api/v1/departments')).body.error.message).toBe('当前预约人数较多，请稍候重试');
  release();
  expect((await first).map((a) => a.status)).toEqual([200, 200]);
  // Once the two are answered, the next is taken again.
  await http.get('/api/v1/departments').expect(200);
});

test('the server sheds at MAX_IN_FLIGHT; health checks and WeChat Pay notifications are never shed', async () => {
  expect(t.config.maxInFlight).toBe(2);
  const slow = Array.from({ length: 6 }, () => t.http.get('/api/v1/departments'));
  const health = await Promise.all([t.http.get('/readyz'), t.http.get('/healthz')]);
  const notify = await t.http
    .post('/api/v1/payments/wechat/notify')
    .set('Content-Type', 'application/json')
    .send('{"id":"EV-1","event_type":"TRANSACTION.SUCCESS","resource":{}}');
  await Promise.all(slow);
  expect(health.map((h) => h.status)).toEqual([200, 200]);
  // Verified and refused for its missing signature, never answered "busy".
  expect(notify.status).toBe(401);
});
