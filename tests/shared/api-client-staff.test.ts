// The shared API client with the staff password sign-in, as the console will use it: explicit sign-in from
// a form, the rotating refresh token, and what happens when the sign-in ends.
import {
  ApiError,
  createApiClient,
  fetchTransport,
  type KeyValueStorage,
  passwordSignIn,
  type StaffCredentials,
} from '@hospital/shared/api';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';

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

const staff = { id: 's1', username: 'clerk', displayName: '挂号员', roles: ['clerk'], departmentId: null };
const error = (code: string, status: number) =>
  HttpResponse.json({ error: { code, message: code, requestId: 'r' } }, { status });

/**
 * The staff sign-in endpoints: password `demo1234` only; refresh tokens rotate (the one used is refused from
 * then on); access tokens can be expired by the test.
 */
function fakeStaffAuth() {
  let n = 0;
  const valid = new Set<string>();
  const refreshTokens = new Set<string>();
  const logins: unknown[] = [];
  const refreshes: string[] = [];
  const logouts: string[] = [];
  const issue = () => {
    n++;
    valid.add(`access-${n}`);
    refreshTokens.add(`refresh-${n}`);
    return { tokenType: 'Bearer', accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresIn: 1800 };
  };
  const handlers = [
    http.post(`${BASE}/api/v1/auth/staff/login`, async ({ request }) => {
      const body = (await request.json()) as { username: string; password: string };
      logins.push(body);
      if (body.password !== 'demo1234') return error('INVALID_CREDENTIALS', 401);
      return HttpResponse.json({ ...issue(), staff });
    }),
    http.post(`${BASE}/api/v1/auth/refresh`, async ({ request }) => {
      const { refreshToken } = (await request.json()) as { refreshToken: string };
      refreshes.push(refreshToken);
      if (!refreshTokens.delete(refreshToken)) return error('SESSION_REVOKED', 401);
      return HttpResponse.json(issue());
    }),
    http.post(`${BASE}/api/v1/auth/logout`, async ({ request }) => {
      const { refreshToken } = (await request.json()) as { refreshToken: string };
      logouts.push(refreshToken);
      refreshTokens.delete(refreshToken);
      return new HttpResponse(null, { status: 204 });
    }),
    http.get(`${BASE}/api/v1/staff/bookings`, ({ request }) => {
      const token = request.headers.get('authorization')?.replace(/^Bearer /, '');
      if (!token) return error('UNAUTHENTICATED', 401);
      if (!valid.has(token)) return error('TOKEN_EXPIRED', 401);
      return HttpResponse.json({ items: [], total: 0, page: 1, pageSize: 50 });
    }),
  ];
  return {
    handlers,
    logins,
    refreshes,
    logouts,
    expire: (token: string) => void valid.delete(token),
    endAllSignIns: () => refreshTokens.clear(),
  };
}

function makeClient(storage = memoryStorage(), ask?: () => Promise<StaffCredentials>) {
  const api = createApiClient({
    baseUrl: BASE,
    transport: fetchTransport(),
    storage,
    storageKeyPrefix: 'console.auth.',
    signIn: passwordSignIn(ask),
  });
  return { api, storage };
}

const search = { query: { date: '2026-11-24' } } as const;

describe('staff password sign-in', () => {
  it('signs in with username and password, keeps who signed in, and sends the bearer token', async () => {
    const auth = fakeStaffAuth();
    server.use(...auth.handlers);
    const { api, storage } = makeClient();
    const notified: boolean[] = [];
    api.subscribe(() => notified.push(api.signedIn));
    await expect(api.signIn({ username: 'clerk', password: 'demo1234' })).resolves.toEqual(staff);
    expect(api.account).toEqual(staff);
    expect(api.signedIn).toBe(true);
    expect(notified).toEqual([true]);
    // Under the console's own keys, so that the patient H5 app on the same origin keeps its sign-in; never
    // the password.
    expect([...storage.map.keys()].sort()).toEqual([
      'console.auth.access',
      'console.auth.account',
      'console.auth.refresh',
    ]);
    expect([...storage.map.values()].join(' ')).not.toContain('demo1234');
    await expect(api.call('booking.search', search)).resolves.toMatchObject({ total: 0 });
    expect(auth.logins).toEqual([{ username: 'clerk', password: 'demo1234' }]);
  });

  it('a wrong password is an ApiError with the server’s code, and nothing is stored', async () => {
    const auth = fakeStaffAuth();
    server.use(...auth.handlers);
    const { api, storage } = makeClient();
    const failure = await api.signIn({ username: 'clerk', password: 'nope' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401 });
    expect(storage.map.size).toBe(0);
  });

  it('without a sign-in, a protected call fails UNAUTHENTICATED at once (the console shows its form)', async () => {
    server.use(...fakeStaffAuth().handlers);
    const { api } = makeClient();
    await expect(api.call('booking.search', search)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      status: 401,
      message: '请先登录',
    });
  });

  it('refreshes an expired access token with the rotating refresh token, once for calls at once', async () => {
    const auth = fakeStaffAuth();
    server.use(...auth.handlers);
    const { api, storage } = makeClient();
    await api.signIn({ username: 'clerk', password: 'demo1234' });
    for (let round = 0; round < 3; round++) {
      auth.expire(storage.map.get('console.auth.access')!);
      await Promise.all([api.call('booking.search', search), api.call('booking.search', search)]);
    }
    expect(auth.refreshes).toEqual(['refresh-1', 'refresh-2', 'refresh-3']);
    expect(storage.map.get('console.auth.refresh')).toBe('refresh-4');
    expect(storage.map.get('console.auth.access')).toBe('access-4');
    expect(auth.logins).toHaveLength(1);
  });

  it('when the refresh is refused, forgets the sign-in, tells its listeners and fails the call', async () => {
    const auth = fakeStaffAuth();
    server.use(...auth.handlers);
    const { api, storage } = makeClient();
    await api.signIn({ username: 'clerk', password: 'demo1234' });
    const signedIn: boolean[] = [];
    api.subscribe(() => signedIn.push(api.signedIn));
    auth.expire('access-1');
    auth.endAllSignIns(); // an admin ended the sessions
    await expect(api.call('booking.search', search)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(signedIn).toEqual([false]);
    expect(storage.map.size).toBe(0);
    expect(auth.logins).toHaveLength(1); // never signs in by itself without `ask`
  });

  it('with `ask`, signs in by itself when it has to, then makes the call', async () => {
    const auth = fakeStaffAuth();
    server.use(...auth.handlers);
    let asked = 0;
    const { api } = makeClient(memoryStorage(), async () => {
      asked++;
      return { username: 'clerk', password: 'demo1234' };
    });
    await expect(api.call('booking.search', search)).resolves.toMatchObject({ total: 0 });
    auth.expire('access-1');
    auth.endAllSignIns();
    await expect(api.call('booking.search', search)).resolves.toMatchObject({ total: 0 });
    expect(asked).toBe(2);
    expect(auth.refreshes).toEqual(['refresh-1']);
  });

  it('signs out on the server with the refresh token and forgets it at once', async () => {
    const auth = fakeStaffAuth();
    server.use(...auth.handlers);
    const { api, storage } = makeClient();
    await api.signIn({ username: 'clerk', password: 'demo1234' });
    const done = api.signOut();
    expect(api.signedIn).toBe(false);
    await done;
    expect(auth.logouts).toEqual(['refresh-1']);
    expect(storage.map.size).toBe(0);
    expect(api.account).toBeNull();
  });
});
