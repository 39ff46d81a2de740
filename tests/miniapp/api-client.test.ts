import { createApiClient, fetchTransport, type KeyValueStorage, wechatSignIn } from '@hospital/shared/api';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { fakeAuthServer } from '../support/msw/auth';

// The patient app's client as miniapp/src/api/index.ts wires it (the shared client with the WeChat sign-in),
// on fetch so that msw sees its requests.

const BASE = 'http://api.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get: (k) => map.get(k),
    set: (k, v) => void map.set(k, v),
    remove: (k) => void map.delete(k),
  };
}

const account = { id: 'acc-1', createdAt: '2026-01-01T00:00:00.000Z', profileCount: 0 };
const tokens = (n: number) => ({
  tokenType: 'Bearer',
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  expiresIn: 1800,
});
const error = (code: string, message: string, status: number, details?: unknown) =>
  HttpResponse.json(
    { error: { code, message, requestId: 'r1', ...(details ? { details } : {}) } },
    { status },
  );

function makeClient(storage = memoryStorage(), locale: 'zh-CN' | 'en' = 'zh-CN') {
  const client = createApiClient({
    baseUrl: BASE,
    transport: fetchTransport(),
    storage,
    signIn: wechatSignIn(async () => 'dev:测试'),
    locale: () => locale,
  });
  return { client, api: client, storage };
}

describe('API client', () => {
  it('signs in on first use, then sends the bearer token', async () => {
    const seen: (string | null)[] = [];
    server.use(
      http.post(`${BASE}/api/v1/auth/wechat`, async ({ request }) => {
        expect(await request.json()).toEqual({ code: 'dev:测试' });
        return HttpResponse.json({ ...tokens(1), account });
      }),
      http.get(`${BASE}/api/v1/me/bookings`, ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return HttpResponse.json({ items: [] });
      }),
    );
    const { api, client } = makeClient();
    await expect(api.call('booking.mine')).resolves.toEqual({ items: [] });
    await api.call('booking.mine');
    expect(seen).toEqual(['Bearer access-1', 'Bearer access-1']);
    expect(client.account?.id).toBe('acc-1');
  });

  it('refreshes an expired token once and retries the request', async () => {
    let refreshes = 0;
    server.use(
      http.post(`${BASE}/api/v1/auth/refresh`, async ({ request }) => {
        refreshes++;
        expect(await request.json()).toEqual({ refreshToken: 'refresh-1' });
        return HttpResponse.json(tokens(2));
      }),
      http.get(`${BASE}/api/v1/me/profiles`, ({ request }) =>
        request.headers.get('authorization') === 'Bearer access-2'
          ? HttpResponse.json({ items: [], max: 5 })
          : error('TOKEN_EXPIRED', '登录已过期，请重新登录', 401),
      ),
    );
    const storage = memoryStorage();
    storage.set('auth.access', 'access-1');
    storage.set('auth.refresh', 'refresh-1');
    const { api } = makeClient(storage);
    // Two calls at once share one refresh.
    const [a, b] = await Promise.all([api.call('profiles.list'), api.call('profiles.list')]);
    expect(a).toEqual({ items: [], max: 5 });
    expect(b).toEqual({ items: [], max: 5 });
    expect(refreshes).toBe(1);
    expect(storage.map.get('auth.access')).toBe('access-2');
    expect(storage.map.get('auth.refresh')).toBe('refresh-2');
  });

  it('signs in again when the refresh token is refused', async () => {
    server.use(
      http.post(`${BASE}/api/v1/auth/refresh`, () => error('TOKEN_INVALID', '登录凭证无效，请重新登录', 401)),
      http.post(`${BASE}/api/v1/auth/wechat`, () => HttpResponse.json({ ...tokens(3), account })),
      http.get(`${BASE}/api/v1/me/bills`, ({ request }) =>
        request.headers.get('authorization') === 'Bearer access-3'
          ? HttpResponse.json({ items: [] })
          : error('TOKEN_EXPIRED', '登录已过期，请重新登录', 401),
      ),
    );
    const storage = memoryStorage();
    storage.set('auth.access', 'old');
    storage.set('auth.refresh', 'old-refresh');
    const { api } = makeClient(storage);
    await expect(api.call('payment.bills')).resolves.toEqual({ items: [] });
  });

  it('stores each rotated refresh token and never sends a used one again', async () => {
    const auth = fakeAuthServer(BASE);
    server.use(
      ...auth.handlers,
      http.get(`${BASE}/api/v1/me/bookings`, ({ request }) =>
        auth.accepts(request.headers.get('authorization')?.replace('Bearer ', '') ?? null)
          ? HttpResponse.json({ items: [] })
          : error('TOKEN_EXPIRED', '登录已过期，请重新登录', 401),
      ),
    );
    const { api, storage } = makeClient();
    await api.call('booking.mine'); // signs in: access-1, refresh-1
    for (let round = 0; round < 3; round++) {
      auth.expire(storage.map.get('auth.access')!);
      await expect(api.call('booking.mine')).resolves.toEqual({ items: [] });
    }
    expect(auth.refreshesSeen).toEqual(['refresh-1', 'refresh-2', 'refresh-3']);
    expect(storage.map.get('auth.refresh')).toBe('refresh-4');
  });

  it('signs in again when the sign-in was ended elsewhere (SESSION_REVOKED)', async () => {
    let signIns = 0;
    server.use(
      http.post(`${BASE}/api/v1/auth/wechat`, () => {
        signIns++;
        return HttpResponse.json({ ...tokens(5), account });
      }),
      http.get(`${BASE}/api/v1/me/bills`, ({ request }) =>
        request.headers.get('authorization') === 'Bearer access-5'
          ? HttpResponse.json({ items: [] })
          : error('SESSION_REVOKED', '登录已失效（已退出或被终止），请重新登录', 401),
      ),
    );
    const storage = memoryStorage();
    storage.set('auth.access', 'ended');
    storage.set('auth.refresh', 'ended-refresh');
    const { api } = makeClient(storage);
    await expect(api.call('payment.bills')).resolves.toEqual({ items: [] });
    expect(signIns).toBe(1);
  });

  it('signs out: the server ends the sign-in and the tokens are forgotten at once', async () => {
    const auth = fakeAuthServer(BASE);
    server.use(...auth.handlers);
    const { client, storage } = makeClient();
    await client.signIn();
    let notified = 0;
    client.subscribe(() => notified++);
    const done = client.signOut();
    expect(client.signedIn).toBe(false);
    await done;
    expect(auth.logoutsSeen).toEqual(['refresh-1']);
    expect(auth.accepts('access-1')).toBe(false);
    expect([...storage.map.keys()]).toEqual([]);
    expect(notified).toBe(1);
  });

  it('signing out without a network still forgets the tokens, and does not throw', async () => {
    server.use(http.post(`${BASE}/api/v1/auth/logout`, () => HttpResponse.error()));
    const storage = memoryStorage();
    storage.set('auth.access', 'a');
    storage.set('auth.refresh', 'r');
    const { client } = makeClient(storage);
    await expect(client.signOut()).resolves.toBeUndefined();
    expect(storage.map.size).toBe(0);
  });

  it("keeps the server's Chinese message, code and field details", async () => {
    server.use(
      http.post(`${BASE}/api/v1/me/profiles`, () =>
        error('VALIDATION_FAILED', '提交的信息有误，请检查后重试', 400, [
          { path: 'body.idNumber', message: '身份证号码校验位不正确' },
          { path: 'body.phone', message: '请输入正确的手机号码' },
        ]),
      ),
    );
    const storage = memoryStorage();
    storage.set('auth.access', 'a');
    const { api } = makeClient(storage);
    const failure = await api
      .call('profiles.create', {
        body: { name: '张三', idType: 'RESIDENT_ID', idNumber: '1', phone: '2', relationship: 'SELF' },
      })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
      message: '提交的信息有误，请检查后重试',
    });
    expect((failure as { fieldErrors: () => unknown }).fieldErrors()).toEqual({
      idNumber: '身份证号码校验位不正确',
      phone: '请输入正确的手机号码',
    });
  });

  it('falls back to the shared message for a code when the server sends none', async () => {
    server.use(
      http.get(`${BASE}/api/v1/departments`, () =>
        HttpResponse.json({ error: { code: 'SLOT_FULL' } }, { status: 409 }),
      ),
    );
    const { api } = makeClient();
    await expect(api.call('catalog.departments')).rejects.toMatchObject({
      code: 'SLOT_FULL',
      message: '该时段号源已约满，可选择其他时段或加入候补',
    });
  });

  it('answers a non-JSON server failure with a generic message, never a stack', async () => {
    server.use(
      http.get(`${BASE}/api/v1/departments`, () => new HttpResponse('<html>502</html>', { status: 502 })),
    );
    const { api } = makeClient();
    await expect(api.call('catalog.departments')).rejects.toMatchObject({
      code: 'INTERNAL',
      message: '系统繁忙，请稍后重试',
    });
  });

  it('maps a network failure to a clear message (in the chosen language)', async () => {
    server.use(http.get(`${BASE}/api/v1/departments`, () => HttpResponse.error()));
    await expect(makeClient().api.call('catalog.departments')).rejects.toMatchObject({
      code: 'NETWORK',
      message: '网络连接失败，请检查网络后重试',
    });
    await expect(makeClient(memoryStorage(), 'en').api.call('catalog.departments')).rejects.toMatchObject({
      code: 'NETWORK',
      message: 'Cannot reach the hospital server; check your connection and retry',
    });
  });

  it('sends the language the patient chose', async () => {
    let language: string | null = null;
    server.use(
      http.get(`${BASE}/api/v1/departments`, ({ request }) => {
        language = request.headers.get('accept-language');
        return HttpResponse.json({ items: [] });
      }),
    );
    await makeClient(memoryStorage(), 'en').api.call('catalog.departments');
    expect(language).toBe('en');
  });
});

describe('Idempotency-Key per user action', () => {
  it('reuses the key when the first attempt got no answer, and uses a new one for the next action', async () => {
    const keys: (string | null)[] = [];
    let attempt = 0;
    server.use(
      http.post(`${BASE}/api/v1/bookings`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        attempt++;
        if (attempt === 1) return HttpResponse.error();
        return HttpResponse.json({ id: `b${attempt}`, status: 'PENDING_PAYMENT' }, { status: 201 });
      }),
    );
    const storage = memoryStorage();
    storage.set('auth.access', 'a');
    const { api } = makeClient(storage);
    // The client keeps one key per action: the same endpoint, path and body.
    const book = () => api.call('booking.create', { body: { slotId: 's1', profileId: 'p1' } });
    await expect(book()).rejects.toMatchObject({ code: 'NETWORK' });
    await expect(book()).resolves.toMatchObject({ id: 'b2' });
    await book();
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('a server too busy to take the booking (503 SERVER_BUSY) gets it again after the pause it asked for, same key', async () => {
    const keys: (string | null)[] = [];
    server.use(
      http.post(`${BASE}/api/v1/bookings`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        if (keys.length <= 2) {
          return error('SERVER_BUSY', '当前预约人数较多，请稍候重试', 503, { retryAfterSeconds: 2 });
        }
        return HttpResponse.json({ id: 'b1', status: 'PENDING_PAYMENT' }, { status: 201 });
      }),
    );
    const storage = memoryStorage();
    storage.set('auth.access', 'a');
    const pauses: number[] = [];
    const client = createApiClient({
      baseUrl: BASE,
      transport: fetchTransport(),
      storage,
      signIn: wechatSignIn(async () => 'dev:测试'),
      sleep: async (ms) => void pauses.push(ms),
    });
    await expect(
      client.call('booking.create', { body: { slotId: 's1', profileId: 'p1' } }),
    ).resolves.toMatchObject({ id: 'b1' });
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    // The server's 2 s, then twice that, each spread over ±50 % so that the phones do not all come back at once.
    expect(pauses).toHaveLength(2);
    expect(pauses[0]! >= 1000 && pauses[0]! < 3000).toBe(true);
    expect(pauses[1]! >= 2000 && pauses[1]! < 6000).toBe(true);
  });

  it('a server that stays busy: after five more tries the patient is told, in words', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/api/v1/me/bookings`, () => {
        calls++;
        return error('SERVER_BUSY', '当前预约人数较多，请稍候重试', 503, { retryAfterSeconds: 1 });
      }),
    );
    const storage = memoryStorage();
    storage.set('auth.access', 'a');
    const client = createApiClient({
      baseUrl: BASE,
      transport: fetchTransport(),
      storage,
      signIn: wechatSignIn(async () => 'dev:测试'),
      sleep: async () => undefined,
    });
    await expect(client.call('booking.mine')).rejects.toMatchObject({
      code: 'SERVER_BUSY',
      status: 503,
      message: '当前预约人数较多，请稍候重试',
    });
    expect(calls).toBe(6);
  });

  it('drops the key after a definite refusal (the next tap is a new action)', async () => {
    const keys: (string | null)[] = [];
    server.use(
      http.post(`${BASE}/api/v1/bookings/:id/cancel`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        return error('CANCEL_CUTOFF_PASSED', '已超过线上取消时限，如需取消请到挂号窗口办理', 422);
      }),
    );
    const storage = memoryStorage();
    storage.set('auth.access', 'a');
    const { api } = makeClient(storage);
    const cancel = () => api.call('booking.cancel', { params: { id: 'b1' } });
    await expect(cancel()).rejects.toMatchObject({ code: 'CANCEL_CUTOFF_PASSED' });
    await expect(cancel()).rejects.toMatchObject({ code: 'CANCEL_CUTOFF_PASSED' });
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('keeps the key across a server failure and an answer still in progress; other actions get their own', async () => {
    const keys: Record<string, (string | null)[]> = {};
    const answers = [
      () => error('INTERNAL', '系统繁忙，请稍后重试', 500),
      () => error('REQUEST_IN_PROGRESS', '上一次请求仍在处理中，请稍候', 409),
      () => HttpResponse.json({ provider: 'local' }),
    ];
    server.use(
      http.post(`${BASE}/api/v1/bookings/:id/pay`, ({ request, params }) => {
        const id = String(params.id);
        keys[id] ??= [];
        keys[id].push(request.headers.get('idempotency-key'));
        return answers[Math.min(keys[id].length, answers.length) - 1]!();
      }),
    );
    const storage = memoryStorage();
    storage.set('auth.access', 'a');
    const { api } = makeClient(storage);
    const pay = (id: string) => api.call('payment.pay', { params: { id } });
    await expect(pay('b1')).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(pay('b2')).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(pay('b1')).rejects.toMatchObject({ code: 'REQUEST_IN_PROGRESS' });
    await expect(pay('b1')).resolves.toEqual({ provider: 'local' });
    await expect(pay('b1')).resolves.toEqual({ provider: 'local' });
    const [first, second, third, fourth] = keys.b1!;
    expect([second, third]).toEqual([first, first]);
    expect(fourth).not.toBe(first);
    expect(keys.b2![0]).not.toBe(first);
  });

  it('sends the key the caller gives instead of its own, and none to endpoints that take none', async () => {
    const seen: (string | null)[] = [];
    server.use(
      http.post(`${BASE}/api/v1/bookings/:id/cancel`, ({ request }) => {
        seen.push(request.headers.get('idempotency-key'));
        return HttpResponse.json({ id: 'b1', status: 'CANCELLED' });
      }),
      http.post(`${BASE}/api/v1/waitlist`, ({ request }) => {
        seen.push(request.headers.get('idempotency-key'));
        return HttpResponse.json({ id: 'w1' }, { status: 201 });
      }),
    );
    const storage = memoryStorage();
    storage.set('auth.access', 'a');
    const { api } = makeClient(storage);
    await api.call('booking.cancel', { params: { id: 'b1' }, idempotencyKey: 'kept-since-yesterday' });
    await api.call('waitlist.join', { body: { sessionId: 's1', profileId: 'p1' } });
    expect(seen).toEqual(['kept-since-yesterday', null]);
  });
});

describe('public endpoints', () => {
  it('send no token and never sign in', async () => {
    let authorization: string | null = 'unset';
    server.use(
      http.get(`${BASE}/api/v1/doctors/:id`, ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json({ id: 'd1' });
      }),
    );
    const storage = memoryStorage();
    storage.set('auth.access', 'a');
    // onUnhandledRequest: 'error' would fail a sign-in attempt (no handler for it here).
    await makeClient(storage).api.call('catalog.doctor', { params: { id: 'd1' } });
    await makeClient().api.call('catalog.doctor', { params: { id: 'd1' } });
    expect(authorization).toBeNull();
  });
});
