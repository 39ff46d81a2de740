import { fixedClock } from '../../server/src/core/clock';
import { hashPassword } from '../../server/src/security/passwords';
import { createTestApp, type TestApp } from '../support/app';
import { createSession, patientWithProfile, payBooking } from '../support/factories';

/**
 * Scopes and rules the role matrix (roles-matrix.test.ts) cannot see with random ids: a doctor of 心血管内科
 * (the demo `doctor`) reaches only that department's bookings, check-in happens on the booking's own
 * hospital-local day, and only the window (and admin) cancels or refunds.
 */

// 10:00 in Beijing on Monday 23 Nov 2026.
const NOW = '2026-11-23T02:00:00Z';
const TODAY = '2026-11-23';
const TOMORROW = '2026-11-24';
const clock = fixedClock(NOW);
let t: TestApp;
let n = 500;
const auth: Record<string, { Authorization: string }> = {};
let cardioId: string;
let giId: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  for (const who of ['admin', 'clerk', 'doctor', 'complaints', 'quality', 'scheduler']) {
    auth[who] = { Authorization: `Bearer ${await t.staffToken(who)}` };
  }
  cardioId = (await t.db.prisma.department.findFirstOrThrow({ where: { code: 'CARDIO' } })).id;
  giId = (await t.db.prisma.department.findFirstOrThrow({ where: { code: 'GI' } })).id;
}, 120_000);
afterAll(() => t.close());
beforeEach(() => clock.set(NOW));

/** A confirmed (free) booking of a new patient, through the patient API. */
async function booked(opts: { doctorCode?: string; examCode?: string; date?: string; feeFen?: number }) {
  const { slots, departmentId } = await createSession(t.db, {
    doctorCode: opts.doctorCode,
    examCode: opts.examCode,
    date: opts.date ?? TODAY,
    start: '11:00',
    slots: 1,
    feeFen: opts.feeFen ?? 0,
  });
  const p = await patientWithProfile(t, `scope-${n}`, n++);
  const res = await t.http
    .post('/api/v1/bookings')
    .set(p.auth)
    .send({ slotId: slots[0]!.id, profileId: p.profileId })
    .expect(201);
  return { id: res.body.id as string, departmentId, patient: p };
}

const statusOf = async (id: string) =>
  (await t.db.prisma.booking.findUniqueOrThrow({ where: { id } })).status;

async function signInNewStaff(username: string, departmentId: string | null) {
  await t.db.prisma.staff.create({
    data: {
      username,
      passwordHash: await hashPassword('scope-test-pw'),
      displayName: username,
      roles: ['doctor'],
      departmentId,
    },
  });
  const res = await t.http
    .post('/api/v1/auth/staff/login')
    .send({ username, password: 'scope-test-pw' })
    .expect(200);
  return {
    auth: { Authorization: `Bearer ${res.body.accessToken}` },
    refreshToken: res.body.refreshToken as string,
  };
}

describe('a doctor reaches only their own department (心血管内科)', () => {
  let cardio: Awaited<ReturnType<typeof booked>>;
  let gi: Awaited<ReturnType<typeof booked>>;
  beforeAll(async () => {
    cardio = await booked({ doctorCode: 'D001' });
    gi = await booked({ doctorCode: 'D004' });
    expect([cardio.departmentId, gi.departmentId]).toEqual([cardioId, giId]);
    for (const b of [cardio, gi]) {
      await t.http.post(`/api/v1/staff/bookings/${b.id}/arrive`).set(auth.clerk!).expect(200);
    }
  });

  test('the doctor’s sign-in carries the department', async () => {
    const me = await t.http.get('/api/v1/staff/me').set(auth.doctor!).expect(200);
    expect(me.body).toMatchObject({ username: 'doctor', roles: ['doctor'], departmentId: cardioId });
  });

  test('listing bookings finds only the department’s; another department’s filter finds nothing', async () => {
    const mine = await t.http
      .get(`/api/v1/staff/bookings?date=${TODAY}&pageSize=100`)
      .set(auth.doctor!)
      .expect(200);
    const ids = mine.body.items.map((b: { id: string }) => b.id);
    expect(ids).toContain(cardio.id);
    expect(ids).not.toContain(gi.id);
    expect(mine.body.items.every((b: { department: { id: string } }) => b.department.id === cardioId)).toBe(
      true,
    );
    const other = await t.http
      .get(`/api/v1/staff/bookings?departmentId=${giId}`)
      .set(auth.doctor!)
      .expect(200);
    expect(other.body).toMatchObject({ items: [], total: 0 });
    // The window and the quality office see every department.
    for (const who of ['clerk', 'quality']) {
      const all = await t.http
        .get(`/api/v1/staff/bookings?date=${TODAY}&pageSize=100`)
        .set(auth[who]!)
        .expect(200);
      expect(all.body.items.map((b: { id: string }) => b.id)).toEqual(
        expect.arrayContaining([cardio.id, gi.id]),
      );
    }
  });

  test('another department’s booking and its guidance answer 404 to the doctor; their own is shown', async () => {
    await t.http.get(`/api/v1/bookings/${cardio.id}`).set(auth.doctor!).expect(200);
    const res = await t.http.get(`/api/v1/bookings/${gi.id}`).set(auth.doctor!).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect(JSON.stringify(res.body)).not.toContain(gi.id);
    const exam = await booked({ examCode: 'US-ABD', date: TOMORROW });
    await t.http.get(`/api/v1/bookings/${exam.id}/guidance`).set(auth.doctor!).expect(404);
    await t.http.get(`/api/v1/bookings/${exam.id}/guidance`).set(auth.clerk!).expect(200);
    await t.http.get(`/api/v1/bookings/${exam.id}/guidance`).set(exam.patient.auth).expect(200);
  });

  test('completing another department’s visit answers 404 and changes nothing; their own is completed', async () => {
    const refused = await t.http
      .post(`/api/v1/staff/bookings/${gi.id}/complete`)
      .set(auth.doctor!)
      .expect(404);
    expect(refused.body.error.code).toBe('NOT_FOUND');
    expect(await statusOf(gi.id)).toBe('CHECKED_IN');
    expect(
      await t.db.prisma.auditLog.count({ where: { entityId: gi.id, action: 'booking.completed' } }),
    ).toBe(0);

    const done = await t.http
      .post(`/api/v1/staff/bookings/${cardio.id}/complete`)
      .set(auth.doctor!)
      .expect(200);
    expect(done.body.status).toBe('COMPLETED');
    const entry = await t.db.prisma.auditLog.findFirst({
      where: { entityId: cardio.id, action: 'booking.completed' },
    });
    expect(entry?.actorName).toBe('doctor');
    // The clerk checks in but does not complete; admin reaches every department.
    await t.http.post(`/api/v1/staff/bookings/${gi.id}/complete`).set(auth.clerk!).expect(403);
    await t.http.post(`/api/v1/staff/bookings/${gi.id}/complete`).set(auth.admin!).expect(200);
  });

  test('a doctor without a department reaches no booking', async () => {
    const lost = await signInNewStaff('doctor-no-department', null);
    const list = await t.http.get(`/api/v1/staff/bookings?date=${TODAY}`).set(lost.auth).expect(200);
    expect(list.body).toMatchObject({ items: [], total: 0 });
    await t.http.get(`/api/v1/bookings/${cardio.id}`).set(lost.auth).expect(404);
  });

  test('a change of department reaches the doctor at the next refresh', async () => {
    const mover = await signInNewStaff('doctor-mover', cardioId);
    const other = await booked({ doctorCode: 'D005' });
    await t.http.get(`/api/v1/bookings/${other.id}`).set(mover.auth).expect(404);
    await t.db.prisma.staff.update({ where: { username: 'doctor-mover' }, data: { departmentId: giId } });
    // The access token carries the department it was issued with, until it is refreshed.
    await t.http.get(`/api/v1/bookings/${other.id}`).set(mover.auth).expect(404);
    const refreshed = await t.http
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: mover.refreshToken })
      .expect(200);
    const now = { Authorization: `Bearer ${refreshed.body.accessToken}` };
    await t.http.get(`/api/v1/bookings/${other.id}`).set(now).expect(200);
    await t.http.get(`/api/v1/bookings/${cardio.id}`).set(now).expect(404);
  });
});

describe('check-in happens on the booking’s own day, in the hospital’s time zone', () => {
  test('a booking of another day is refused with CHECK_IN_NOT_TODAY and stays as it was', async () => {
    const tomorrow = await booked({ doctorCode: 'D002', date: TOMORROW });
    const res = await t.http
      .post(`/api/v1/staff/bookings/${tomorrow.id}/arrive`)
      .set(auth.clerk!)
      .expect(422);
    expect(res.body.error).toMatchObject({
      code: 'CHECK_IN_NOT_TODAY',
      message: '该预约的就诊日期为 2026-11-24，只能在就诊当天签到',
    });
    const en = await t.http
      .post(`/api/v1/staff/bookings/${tomorrow.id}/arrive`)
      .set(auth.clerk!)
      .set('Accept-Language', 'en')
      .expect(422);
    expect(en.body.error.message).toBe(
      'This booking is for 2026-11-24; patients can only be checked in on the day of their visit',
    );
    expect(await statusOf(tomorrow.id)).toBe('CONFIRMED');
  });

  test('the day is the hospital’s: at 00:30 in Beijing (still the day before in UTC) the new day’s bookings check in', async () => {
    const today = await booked({ doctorCode: 'D003', date: TODAY });
    const tomorrow = await booked({ doctorCode: 'D006', date: TOMORROW });
    clock.set('2026-11-23T16:30:00Z'); // 2026-11-24 00:30 in Asia/Shanghai
    await t.http.post(`/api/v1/staff/bookings/${tomorrow.id}/arrive`).set(auth.clerk!).expect(200);
    const late = await t.http.post(`/api/v1/staff/bookings/${today.id}/arrive`).set(auth.clerk!).expect(422);
    expect(late.body.error.code).toBe('CHECK_IN_NOT_TODAY');
    expect(await statusOf(tomorrow.id)).toBe('CHECKED_IN');
    expect(await statusOf(today.id)).toBe('CONFIRMED');
  });

  test('only the window (and admin) checks patients in', async () => {
    const b = await booked({ doctorCode: 'D007', date: TODAY });
    for (const who of ['doctor', 'complaints', 'quality', 'scheduler']) {
      await t.http.post(`/api/v1/staff/bookings/${b.id}/arrive`).set(auth[who]!).expect(403);
    }
    expect(await statusOf(b.id)).toBe('CONFIRMED');
    await t.http.post(`/api/v1/staff/bookings/${b.id}/arrive`).set(auth.admin!).expect(200);
  });
});

describe('cancelling and refunding are the window’s', () => {
  test('complaints and quality officers, schedulers and doctors cannot cancel a booking or refund its order', async () => {
    const b = await booked({ doctorCode: 'D001', date: TOMORROW, feeFen: 3000 });
    const orderNo = await payBooking(t, b.patient.auth, b.id);
    for (const who of ['complaints', 'quality', 'scheduler', 'doctor']) {
      const cancel = await t.http
        .post(`/api/v1/bookings/${b.id}/cancel`)
        .set(auth[who]!)
        .send({ reason: '不应取消' })
        .expect(403);
      expect(cancel.body.error.code).toBe('FORBIDDEN');
      await t.http
        .post(`/api/v1/staff/orders/${orderNo}/refund`)
        .set(auth[who]!)
        .send({ reason: '不应退款' })
        .expect(403);
    }
    expect(await statusOf(b.id)).toBe('CONFIRMED');
    const order = await t.db.prisma.paymentOrder.findUniqueOrThrow({ where: { orderNo } });
    expect(order.status).toBe('PAID');
    expect(await t.db.prisma.paymentRefund.count({ where: { order: { orderNo } } })).toBe(0);
    // The complaints and quality offices may read the booking and the order (a complaint about a visit or a fee).
    for (const who of ['complaints', 'quality']) {
      await t.http.get(`/api/v1/bookings/${b.id}`).set(auth[who]!).expect(200);
      await t.http.get(`/api/v1/orders/${orderNo}`).set(auth[who]!).expect(200);
    }
    const cancelled = await t.http
      .post(`/api/v1/bookings/${b.id}/cancel`)
      .set(auth.clerk!)
      .send({ reason: '患者电话取消' })
      .expect(200);
    expect(cancelled.body.status).toBe('CANCELLED');
  });
});

test('staff are told what they may do, from the same table the server enforces', async () => {
  const doctor = await t.http.get('/api/v1/staff/me').set(auth.doctor!).expect(200);
  expect(doctor.body).toMatchObject({ username: 'doctor', departmentId: cardioId });
  expect(doctor.body.permissions).toEqual({
    'booking.read': 'department',
    'booking.list': 'department',
    'booking.complete': 'department',
  });
  const clerk = await t.http.get('/api/v1/staff/me').set(auth.clerk!).expect(200);
  expect(clerk.body.permissions).toMatchObject({ 'booking.checkIn': 'any', 'order.refund': 'any' });
  expect(clerk.body.permissions['booking.complete']).toBeUndefined();
  const admin = await t.http.get('/api/v1/staff/me').set(auth.admin!).expect(200);
  expect(Object.values(admin.body.permissions).every((scope) => scope === 'any')).toBe(true);
  expect(admin.body.permissions['hospital.update']).toBe('any');
});
