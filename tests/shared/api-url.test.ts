import { buildPath, buildQuery, createApiClient, fetchTransport, passwordSignIn } from '@hospital/shared/api';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';

describe('buildPath', () => {
  it('fills every :parameter, percent-encoded', () => {
    expect(buildPath('/api/v1/bookings/:id/cancel', { id: 'b-1' })).toBe('/api/v1/bookings/b-1/cancel');
    expect(buildPath('/api/v1/exam-types/:code', { code: 'A/B C?#' })).toBe(
      '/api/v1/exam-types/A%2FB%20C%3F%23',
    );
    expect(buildPath('/api/v1/a/:x/b/:y', { x: 1, y: '张' })).toBe('/api/v1/a/1/b/%E5%BC%A0');
    expect(buildPath('/api/v1/hospital', undefined)).toBe('/api/v1/hospital');
  });

  it('refuses a missing or empty parameter rather than call another endpoint', () => {
    expect(() => buildPath('/api/v1/bookings/:id', {})).toThrow(/"id" is missing/);
    expect(() => buildPath('/api/v1/bookings/:id', { id: '' })).toThrow(/"id" is missing/);
    expect(() => buildPath('/api/v1/bookings/:id', undefined)).toThrow(TypeError);
  });
});

describe('buildQuery', () => {
  it('encodes keys and values, in order, and leaves out what is not set', () => {
    expect(
      buildQuery({ date: '2026-11-24', name: 'a b&c', page: 2, empty: '', none: null, gone: undefined }),
    ).toBe('?date=2026-11-24&name=a%20b%26c&page=2');
    expect(buildQuery({ includeInactive: true })).toBe('?includeInactive=true');
    expect(buildQuery({ status: ['PAID', 'CLOSED'] })).toBe('?status=PAID&status=CLOSED');
  });

  it('is empty without anything to send', () => {
    expect(buildQuery(undefined)).toBe('');
    expect(buildQuery({})).toBe('');
    expect(buildQuery({ a: undefined, b: '' })).toBe('');
  });
});

describe('client.call builds the request the endpoint table describes', () => {
  const BASE = 'http://api.test';
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  const seen: { method: string; url: string; body: unknown; authorization: string | null }[] = [];
  beforeEach(() => {
    seen.length = 0;
    server.use(
      http.all(`${BASE}/*`, async ({ request }) => {
        const text = await request.text();
        seen.push({
          method: request.method,
          url: request.url.slice(BASE.length),
          body: text ? JSON.parse(text) : undefined,
          authorization: request.headers.get('authorization'),
        });
        return request.method === 'DELETE' ? new HttpResponse(null, { status: 204 }) : HttpResponse.json({});
      }),
    );
  });

  function client() {
    const map = new Map([['auth.access', 'token']]);
    return createApiClient({
      baseUrl: BASE,
      transport: fetchTransport(),
      storage: {
        get: (k) => map.get(k),
        set: (k, v) => void map.set(k, v),
        remove: (k) => void map.delete(k),
      },
      signIn: passwordSignIn(),
    });
  }

  it('method, encoded path, query string and body', async () => {
    const api = client();
    await api.call('catalog.examType', { params: { code: 'CT/胸部' } });
    await api.call('booking.search', {
      query: { date: '2026-11-24', status: 'CONFIRMED', departmentId: undefined, page: 2 },
    });
    await api.call('catalog.adminDoctors', { query: { includeInactive: 'true' } });
    await api.call('payment.refund', { params: { orderNo: 'P2026' }, body: { reason: '患者要求' } });
    await expect(api.call('scheduling.deleteException', { params: { id: 'e 1' } })).resolves.toBeUndefined();
    expect(seen).toEqual([
      {
        method: 'GET',
        url: '/api/v1/exam-types/CT%2F%E8%83%B8%E9%83%A8',
        body: undefined,
        authorization: null,
      },
      {
        method: 'GET',
        url: '/api/v1/staff/bookings?date=2026-11-24&status=CONFIRMED&page=2',
        body: undefined,
        authorization: 'Bearer token',
      },
      {
        method: 'GET',
        url: '/api/v1/admin/doctors?includeInactive=true',
        body: undefined,
        authorization: 'Bearer token',
      },
      {
        method: 'POST',
        url: '/api/v1/staff/orders/P2026/refund',
        body: { reason: '患者要求' },
        authorization: 'Bearer token',
      },
      {
        method: 'DELETE',
        url: '/api/v1/admin/rosters/exceptions/e%201',
        body: undefined,
        authorization: 'Bearer token',
      },
    ]);
  });

  it('a call without its path parameter fails before any request', async () => {
    const api = client();
    // A caller outside TypeScript's reach (the type requires params).
    const untyped = api.call as (key: string, options?: unknown) => Promise<unknown>;
    await expect(untyped.call(api, 'booking.get', {})).rejects.toThrow(/"id" is missing/);
    expect(seen).toEqual([]);
  });
});
