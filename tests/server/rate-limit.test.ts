import { createTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    env: { RATE_LIMIT_PER_MINUTE: '5', LOGIN_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: 'true' },
  });
});
afterAll(() => t.close());

test('past the per-minute limit the API answers 429 RATE_LIMITED with Retry-After', async () => {
  const statuses: number[] = [];
  let last: Awaited<ReturnType<typeof t.http.get>> | undefined;
  for (let i = 0; i < 7; i++) {
    last = await t.http.get('/api/v1/departments').set('X-Forwarded-For', '203.0.113.7');
    statuses.push(last.status);
  }
  expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
  expect(last!.body.error).toMatchObject({ code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试' });
  expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
});

test('WeChat Pay notifications are never rate-limited: past the limit they still reach the handler', async () => {
  const ip = '203.0.113.8';
  for (let i = 0; i < 5; i++) await t.http.get('/api/v1/departments').set('X-Forwarded-For', ip).expect(200);
  await t.http.get('/api/v1/departments').set('X-Forwarded-For', ip).expect(429);
  // WeChat retries an unacknowledged notification, from the same addresses: every retry is verified and
  // answered (here 401, as the signature is missing), none is refused with 429.
  for (const path of ['/api/v1/payments/wechat/notify', '/api/v1/payments/wechat/notify/']) {
    for (let i = 0; i < 8; i++) {
      const res = await t.http
        .post(path)
        .set('X-Forwarded-For', ip)
        .set('Content-Type', 'application/json')
        .send('{"id":"EV-1","event_type":"TRANSACTION.SUCCESS","resource":{}}');
      expect({ status: res.status, code: res.body.error?.code }).toEqual({
        status: 401,
        code: 'NOTIFICATION_REJECTED',
      });
      expect(res.headers['ratelimit-remaining']).toBeUndefined();
    }
  }
  // The exemption is that one endpoint: the rest of the API stays limited for this address.
  await t.http.get('/api/v1/departments').set('X-Forwarded-For', ip).expect(429);
});

test('sign-in is limited more strictly, per client address', async () => {
  const attempts: number[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await t.http
      .post('/api/v1/auth/staff/login')
      .set('X-Forwarded-For', '198.51.100.20')
      .send({ username: 'admin', password: `guess-${i}` });
    attempts.push(res.status);
  }
  // Three wrong guesses are answered; the rest are refused before the password is even checked.
  expect(attempts).toEqual([401, 401, 401, 429, 429]);
  // Another address is not affected.
  await t.http
    .post('/api/v1/auth/staff/login')
    .set('X-Forwarded-For', '198.51.100.21')
    .send({ username: 'admin', password: 'demo1234' })
    .expect(200);
});

test('signed-in users are counted per account, not per shared address', async () => {
  const tokens = [
    t.tokens.issue({ kind: 'patient', accountId: '00000000-0000-4000-8000-00000000000a' }).accessToken,
    t.tokens.issue({ kind: 'patient', accountId: '00000000-0000-4000-8000-00000000000b' }).accessToken,
  ];
  for (const token of tokens) {
    for (let i = 0; i < 5; i++) {
      await t.http
        .get('/api/v1/departments')
        .set('X-Forwarded-For', '192.0.2.50')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
    }
    await t.http
      .get('/api/v1/departments')
      .set('X-Forwarded-For', '192.0.2.50')
      .set('Authorization', `Bearer ${token}`)
      .expect(429);
  }
});

describe('counters in the database (RATE_LIMIT_STORE=database)', () => {
  // Two instances of the server behind one load balancer, on one database.
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const env = { RATE_LIMIT_PER_MINUTE: '4', TRUST_PROXY: 'true', RATE_LIMIT_STORE: 'database' };
    a = await createTestApp({ env });
    b = await createTestApp({ env, db: a.db });
  });
  afterAll(() => a.close()); // b shares a's database

  test('two instances share one limit: requests spread across both still stop at the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const instance = i % 2 === 0 ? a : b;
      statuses.push(
        (await instance.http.get('/api/v1/departments').set('X-Forwarded-For', '203.0.113.99')).status,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    const counter = await a.db.sql.query<{ points: number }>(
      `SELECT points FROM rate_limit WHERE key = 'api:ip:203.0.113.99'`,
    );
    expect(counter).toEqual([{ points: 6 }]);
  });

  test('a database failure falls back to per-instance counters instead of failing requests', async () => {
    await a.db.sql.exec('ALTER TABLE rate_limit RENAME TO rate_limit_away');
    try {
      await a.http.get('/api/v1/departments').set('X-Forwarded-For', '203.0.113.100').expect(200);
    } finally {
      await a.db.sql.exec('ALTER TABLE rate_limit_away RENAME TO rate_limit');
    }
  });
});
