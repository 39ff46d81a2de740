import { randomUUID } from 'node:crypto';
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { apiRoutes } from '../../server/src/app';
import type { RouteDef } from '../../server/src/http/route';
import type { AppState } from '../../server/src/http/state';
import { createTestApp, type TestApp } from '../support/app';

/**
 * The role × operation matrix: every route the app mounts, called by an anonymous caller, a patient and each
 * demo staff account, against the table below — the README's role table, route by route. A route without a
 * row fails the test (so a new route must say who may call it), and so does a row without a route.
 *
 * "Allowed" means the request got past the access check: whatever the answer (here mostly 400 or 404, since
 * the probe sends an unknown field or a random id, so nothing is written), it is neither 401 nor 403.
 * "Refused" means 401 UNAUTHENTICATED for the anonymous caller and 403 FORBIDDEN for everyone else.
 * Department scope (a doctor and another department's booking) is tested in roles-scope.test.ts.
 */

const STAFF = ['admin', 'scheduler', 'clerk', 'doctor', 'complaints_officer', 'quality_officer'] as const;
const CALLERS = ['anonymous', 'patient', ...STAFF] as const;
type Staff = (typeof STAFF)[number];
type Caller = (typeof CALLERS)[number];

/** The demo staff account of each role (server/src/db/seed/seed.ts). */
const ACCOUNT: Record<Staff, string> = {
  admin: 'admin',
  scheduler: 'scheduler',
  clerk: 'clerk',
  doctor: 'doctor',
  complaints_officer: 'complaints',
  quality_officer: 'quality',
};

const ANYONE: readonly Caller[] = CALLERS;
const PATIENT: readonly Caller[] = ['patient'];
const ANY_STAFF: readonly Caller[] = STAFF;
/** These staff roles, and admin. */
const staff = (...roles: Exclude<Staff, 'admin'>[]): Caller[] => ['admin', ...roles];

const BOOKING_READERS = [
  'patient',
  ...staff('clerk', 'doctor', 'complaints_officer', 'quality_officer'),
] as const;

/** Who may call each operation (everyone else is refused). */
const EXPECTED: Record<string, readonly Caller[]> = {
  // ---- sign-in and the signed-in caller
  'POST /api/v1/auth/wechat': ANYONE,
  'POST /api/v1/auth/staff/login': ANYONE,
  'POST /api/v1/auth/sms/send': ANYONE,
  'POST /api/v1/auth/sms/login': ANYONE,
  'POST /api/v1/auth/refresh': ANYONE,
  'POST /api/v1/auth/logout': ANYONE, // the refresh token it ends is the credential
  'GET /api/v1/me': PATIENT,
  'GET /api/v1/staff/me': ANY_STAFF,
  'POST /api/v1/staff/me/password': ANY_STAFF,

  // ---- the patient's own profiles, bookings, waitlist, payments and bills
  'GET /api/v1/me/profiles': PATIENT,
  'POST /api/v1/me/profiles': PATIENT,
  'GET /api/v1/me/profiles/:id': PATIENT,
  'PATCH /api/v1/me/profiles/:id': PATIENT,
  'DELETE /api/v1/me/profiles/:id': PATIENT,
  'GET /api/v1/me/privacy': PATIENT,
  'POST /api/v1/me/privacy/consent': PATIENT,
  'GET /api/v1/me/data': PATIENT,
  'POST /api/v1/me/account/delete': PATIENT,
  'POST /api/v1/bookings': PATIENT,
  'GET /api/v1/me/bookings': PATIENT,
  'POST /api/v1/waitlist': PATIENT,
  'GET /api/v1/me/waitlist': PATIENT,
  'DELETE /api/v1/waitlist/:id': PATIENT,
  'POST /api/v1/bookings/:id/pay': PATIENT,
  'POST /api/v1/payments/local/:orderNo/confirm': PATIENT,
  'GET /api/v1/me/bills': PATIENT,

  // ---- public information
  'GET /api/v1/hospital': ANYONE,
  'GET /api/v1/notices': ANYONE,
  'GET /api/v1/departments': ANYONE,
  'GET /api/v1/departments/:id/doctors': ANYONE,
  'GET /api/v1/doctors/:id': ANYONE,
  'GET /api/v1/exam-types': ANYONE,
  'GET /api/v1/exam-types/:code': ANYONE,
  'GET /api/v1/search': ANYONE,
  'GET /api/v1/doctor-photos/:name': ANYONE,
  'GET /api/v1/slots': ANYONE,
  'GET /api/v1/fees': ANYONE,
  // Signed by WeChat Pay, not by a token: it answers 401 NOTIFICATION_REJECTED to an unsigned body.
  'POST /api/v1/payments/wechat/notify': ANYONE,

  // ---- one booking: its owner, or staff within their reach (a doctor: their department)
  'GET /api/v1/bookings/:id': BOOKING_READERS,
  'GET /api/v1/bookings/:id/guidance': BOOKING_READERS,
  'POST /api/v1/bookings/:id/cancel': ['patient', ...staff('clerk')],

  // ---- staff work on bookings
  'GET /api/v1/staff/bookings': staff('clerk', 'doctor', 'quality_officer'),
  'POST /api/v1/staff/bookings': staff('clerk'),
  'POST /api/v1/staff/bookings/:id/arrive': staff('clerk'),
  'POST /api/v1/staff/bookings/:id/collect': staff('clerk'),
  'GET /api/v1/staff/desk/find': staff('clerk'),
  'GET /api/v1/staff/desk/day': staff('clerk'),
  'POST /api/v1/staff/bookings/:id/complete': staff('doctor'),

  // ---- orders
  'GET /api/v1/orders/:orderNo': ['patient', ...staff('clerk', 'complaints_officer', 'quality_officer')],
  'GET /api/v1/staff/orders': staff('clerk', 'quality_officer'),
  'POST /api/v1/staff/orders/:orderNo/refund': staff('clerk'),

  // ---- sessions
  'GET /api/v1/admin/sessions': staff('scheduler', 'clerk'),
  'GET /api/v1/admin/sessions/:id': staff('scheduler', 'clerk'),
  'GET /api/v1/admin/sessions/:id/suspend': staff('scheduler'),
  'POST /api/v1/admin/sessions/:id/suspend': staff('scheduler'),

  // ---- hospital settings, catalog, rosters
  'GET /api/v1/admin/hospital': staff('scheduler'),
  'PATCH /api/v1/admin/hospital': staff(),
  'GET /api/v1/admin/departments': staff('scheduler'),
  'POST /api/v1/admin/departments': staff('scheduler'),
  'PATCH /api/v1/admin/departments/:id': staff('scheduler'),
  'GET /api/v1/admin/doctors': staff('scheduler'),
  'POST /api/v1/admin/doctors': staff('scheduler'),
  'PATCH /api/v1/admin/doctors/:id': staff('scheduler'),
  'POST /api/v1/admin/doctors/:id/photo': staff('scheduler'),
  'GET /api/v1/admin/rooms': staff('scheduler'),
  'POST /api/v1/admin/rooms': staff('scheduler'),
  'PATCH /api/v1/admin/rooms/:id': staff('scheduler'),
  'GET /api/v1/admin/exam-types': staff('scheduler'),
  'POST /api/v1/admin/exam-types': staff('scheduler'),
  'PATCH /api/v1/admin/exam-types/:id': staff('scheduler'),
  'GET /api/v1/admin/rosters': staff('scheduler'),
  'POST /api/v1/admin/rosters': staff('scheduler'),
  'PATCH /api/v1/admin/rosters/:id': staff('scheduler'),
  'GET /api/v1/admin/rosters/exceptions': staff('scheduler'),
  'POST /api/v1/admin/rosters/exceptions': staff('scheduler'),
  'DELETE /api/v1/admin/rosters/exceptions/:id': staff('scheduler'),
  'POST /api/v1/admin/rosters/generate': staff('scheduler'),

  // ---- audit log
  'GET /api/v1/admin/audit': staff('quality_officer'),

  // ---- accounts and their sign-ins
  'GET /api/v1/admin/patients/:id': staff(),
  'POST /api/v1/admin/patients/:id/disable': staff(),
  'POST /api/v1/admin/patients/:id/enable': staff(),
  'GET /api/v1/admin/staff': staff(),
  'POST /api/v1/admin/staff': staff(),
  'PATCH /api/v1/admin/staff/:id': staff(),
  'POST /api/v1/admin/staff/:id/password': staff(),
  'POST /api/v1/admin/staff/:id/disable': staff(),
  'POST /api/v1/admin/staff/:id/enable': staff(),
  'POST /api/v1/admin/staff/:id/sessions/revoke': staff(),
};

/** Routes under /api that are not API operations (the documentation serves itself to anyone). */
const DOCS_ROUTES = [
  'GET /api/openapi.json',
  'GET /api/docs',
  'GET /api/docs/init.js',
  'GET /api/docs/assets/:file',
];

let t: TestApp;
let defs: RouteDef[];
const tokens = {} as Record<Exclude<Caller, 'anonymous'>, string>;

beforeAll(async () => {
  t = await createTestApp();
  const noop: Middleware<AppState> = (_ctx, next) => next();
  defs = apiRoutes(t.services, noop);
  tokens.patient = await t.patientToken('roles-matrix');
  for (const role of STAFF) tokens[role] = await t.staffToken(ACCOUNT[role]);
}, 120_000); // six Argon2 sign-ins
afterAll(() => t.close());

const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/** Every `METHOD path` the running app's router serves. */
function mountedRoutes(): string[] {
  const routers = t.app.middleware
    .map((m) => (m as unknown as { router?: Router }).router)
    .filter((r): r is Router => r !== undefined);
  const out = new Set<string>();
  for (const layer of routers.flatMap((r) => r.stack)) {
    for (const method of layer.methods) {
      if (method === 'HEAD' || typeof layer.path !== 'string') continue;
      out.add(key(method, layer.path));
    }
  }
  return [...out];
}

/** A request that passes no contract: a random id, and an unknown body field, so nothing is ever written. */
function probe(def: RouteDef, caller: Caller) {
  const path = def.path.replace(/:([A-Za-z_]+)/g, (_m, name: string) =>
    name === 'orderNo' ? 'P20261123000000000000' : name === 'code' ? 'NO-SUCH-EXAM' : randomUUID(),
  );
  let req = t.http[def.method](path);
  if (caller !== 'anonymous') req = req.set('Authorization', `Bearer ${tokens[caller]}`);
  return def.method === 'get' || def.method === 'delete' ? req : req.send({ __probe: true });
}

type Outcome = 'allowed' | 'unauthenticated' | 'forbidden' | 'other';

function outcomeOf(res: { status: number; body: { error?: { code?: string } } }): Outcome {
  const code = res.body?.error?.code;
  if (res.status === 401 && code === 'UNAUTHENTICATED') return 'unauthenticated';
  if (res.status === 403 && code === 'FORBIDDEN') return 'forbidden';
  // Any other 401/403 would be an access answer the matrix does not know; the notify route's own signature
  // check (401 NOTIFICATION_REJECTED) is the one exception, and not about the caller.
  if ((res.status === 401 || res.status === 403) && code !== 'NOTIFICATION_REJECTED') return 'other';
  if (res.status >= 500) return 'other';
  return 'allowed';
}

test('every mounted API route has a row in the matrix, and every row a route', () => {
  const routes = defs.map((d) => key(d.method, d.path));
  expect(new Set(routes).size).toBe(routes.length);
  // The list the test enumerates is exactly what the app serves under /api (apart from its documentation).
  const mounted = mountedRoutes().filter(
    (r) => r.split(' ')[1]!.startsWith('/api/') && !DOCS_ROUTES.includes(r),
  );
  expect([...mounted].sort()).toEqual([...routes].sort());
  const missing = routes.filter((r) => !(r in EXPECTED));
  expect(missing).toEqual([]); // a new route: add the roles that may call it to EXPECTED and to the README
  const stale = Object.keys(EXPECTED).filter((r) => !routes.includes(r));
  expect(stale).toEqual([]);
});

test('each caller gets exactly the access the matrix states, on every route', async () => {
  const wrong: string[] = [];
  for (const def of defs) {
    const name = key(def.method, def.path);
    const allowed = EXPECTED[name];
    if (!allowed) continue; // reported by the test above
    for (const caller of CALLERS) {
      const res = await probe(def, caller);
      const got = outcomeOf(res);
      const want: Outcome = allowed.includes(caller)
        ? 'allowed'
        : caller === 'anonymous'
          ? 'unauthenticated'
          : 'forbidden';
      if (got !== want) {
        wrong.push(
          `${name} as ${caller}: expected ${want}, got ${res.status} ${res.body?.error?.code ?? ''}`,
        );
      }
    }
  }
  expect(wrong).toEqual([]);
}, 180_000);
