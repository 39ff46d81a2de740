import { fixedClock } from '../../server/src/core/clock';
import { createTestApp, type TestApp } from '../support/app';
import { createSession, patientWithProfile, payBooking, settleRefunds } from '../support/factories';

/** The embedded default: the local stand-in of WeChat Pay, as the H5 app uses it. */
const clock = fixedClock('2026-11-23T02:00:00Z');
let t: TestApp;
let n = 700;
beforeAll(async () => {
  t = await createTestApp({ clock });
}, 60_000);
afterAll(() => t.close());

async function held(doctorCode: string, feeFen = 3000) {
  const { slots } = await createSession(t.db, {
    doctorCode,
    date: '2026-11-25',
    slots: 1,
    capacity: 3,
    feeFen,
  });
  const p = await patientWithProfile(t, `local-${n}`, n++);
  const res = await t.http
    .post('/api/v1/bookings')
    .set(p.auth)
    .send({ slotId: slots[0]!.id, profileId: p.profileId })
    .expect(201);
  return { ...p, bookingId: res.body.id as string };
}

test('pay with the local stand-in: signed parameters, confirm, booking confirmed, itemised bill', async () => {
  const p = await held('D009');
  const pay = await t.http.post(`/api/v1/bookings/${p.bookingId}/pay`).set(p.auth).expect(200);
  expect(pay.body).toMatchObject({
    provider: 'local',
    order: { status: 'PAYING', amountFen: 3000, kind: 'REGISTRATION' },
    clientParams: { signType: 'RSA', package: expect.stringMatching(/^prepay_id=/) },
  });
  expect(pay.body.order.description).toContain('挂号费');
  const orderNo = pay.body.order.orderNo;
  const confirmed = await t.http.post(`/api/v1/payments/local/${orderNo}/confirm`).set(p.auth).expect(200);
  expect(confirmed.body).toMatchObject({ status: 'PAID', statusLabel: '已支付' });
  expect((await t.http.get(`/api/v1/bookings/${p.bookingId}`).set(p.auth)).body.status).toBe('CONFIRMED');
  await t.http.post(`/api/v1/bookings/${p.bookingId}/pay`).set(p.auth).expect(409);

  const bills = await t.http.get('/api/v1/me/bills').set(p.auth).expect(200);
  expect(bills.body.items).toEqual([
    expect.objectContaining({
      bookingId: p.bookingId,
      paidFen: 3000,
      refundedFen: 0,
      netFen: 3000,
      date: '2026-11-25',
      startTime: '08:00',
    }),
  ]);
});

test('English labels follow Accept-Language; the order description WeChat shows stays in Chinese', async () => {
  const p = await held('D013');
  const pay = await t.http
    .post(`/api/v1/bookings/${p.bookingId}/pay`)
    .set(p.auth)
    .set('Accept-Language', 'en')
    .expect(200);
  expect(pay.body.order).toMatchObject({ statusLabel: 'Paying' });
  expect(pay.body.order.description).toMatch(/^挂号费-.+ (主任|副主任|主治|住院)医师$/);
  const booking = await t.http
    .get(`/api/v1/bookings/${p.bookingId}`)
    .set(p.auth)
    .set('Accept-Language', 'en');
  expect(booking.body).toMatchObject({ status: 'PENDING_PAYMENT', statusLabel: 'Awaiting payment' });
  expect(booking.body.doctor.titleLabel).toMatch(/physician$/);
  const fees = await t.http.get('/api/v1/fees').set('Accept-Language', 'en').expect(200);
  expect(fees.body.registration.map((r: { label: string }) => r.label)).toEqual([
    'General',
    'Expert',
    'Special needs',
  ]);
});

test('cancelling a paid booking refunds it through the stand-in', async () => {
  const p = await held('D010');
  const orderNo = await payBooking(t, p.auth, p.bookingId);
  await t.http.post(`/api/v1/bookings/${p.bookingId}/cancel`).set(p.auth).send({}).expect(200);
  await settleRefunds(t);
  const order = await t.http.get(`/api/v1/orders/${orderNo}`).set(p.auth).expect(200);
  expect(order.body).toMatchObject({
    status: 'REFUNDED',
    refundedFen: 3000,
    refunds: [{ status: 'SUCCEEDED', amountFen: 3000 }],
  });
});

test('an expired hold cannot be paid; its order is closed', async () => {
  const p = await held('D011');
  const pay = await t.http.post(`/api/v1/bookings/${p.bookingId}/pay`).set(p.auth).expect(200);
  clock.advance(16 * 60_000);
  await t.services.booking.expireHolds();
  const again = await t.http.post(`/api/v1/bookings/${p.bookingId}/pay`).set(p.auth).expect(422);
  expect(again.body.error.code).toBe('HOLD_EXPIRED');
  const order = await t.http.get(`/api/v1/orders/${pay.body.order.orderNo}`).set(p.auth).expect(200);
  expect(order.body).toMatchObject({ status: 'CLOSED', closeReason: '支付超时' });
  await t.http.post(`/api/v1/payments/local/${pay.body.order.orderNo}/confirm`).set(p.auth).expect(422);
  clock.set('2026-11-23T02:00:00Z');
});

test('orders are private: another patient gets 404; staff can see and refund part of one, audited', async () => {
  const p = await held('D012', 10000);
  const orderNo = await payBooking(t, p.auth, p.bookingId);
  const other = await patientWithProfile(t, `local-${n}`, n++);
  await t.http.get(`/api/v1/orders/${orderNo}`).set(other.auth).expect(404);

  const clerk = { Authorization: `Bearer ${await t.staffToken('clerk')}` };
  const found = await t.http.get(`/api/v1/staff/orders?orderNo=${orderNo}`).set(clerk).expect(200);
  expect(found.body.total).toBe(1);
  const tooMuch = await t.http
    .post(`/api/v1/staff/orders/${orderNo}/refund`)
    .set(clerk)
    .send({ amountFen: 20000, reason: '收费差错' })
    .expect(422);
  expect(tooMuch.body.error.code).toBe('REFUND_EXCEEDS_PAID');
  const partial = await t.http
    .post(`/api/v1/staff/orders/${orderNo}/refund`)
    .set(clerk)
    .send({ amountFen: 4000, reason: '专家号改普通号，退差价' })
    .expect(200);
  expect(partial.body.status).toBe('REFUNDING');
  await settleRefunds(t);
  const after = await t.http.get(`/api/v1/orders/${orderNo}`).set(clerk).expect(200);
  expect(after.body).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedFen: 4000 });
  const audit = await t.db.prisma.auditLog.findFirst({
    where: { action: 'order.refund', actorName: 'clerk' },
  });
  // Who refunded what, how much and why: the refund as it was asked for.
  const [refund] = after.body.refunds;
  expect(audit).toMatchObject({ actorType: 'staff', entityType: 'payment_order' });
  expect(audit!.changes).toEqual({
    orderNo: { from: null, to: orderNo },
    refundNo: { from: null, to: refund.refundNo },
    amountFen: { from: null, to: 4000 },
    reason: { from: null, to: '专家号改普通号，退差价' },
  });
  // A patient cannot use the staff refund.
  await t.http
    .post(`/api/v1/staff/orders/${orderNo}/refund`)
    .set(p.auth)
    .send({ reason: '想退款' })
    .expect(403);
});

test('published fees: registration per category and every exam', async () => {
  const res = await t.http.get('/api/v1/fees').expect(200);
  expect(res.body.registration).toEqual([
    { category: 'GENERAL', label: '普通号', feeFen: 1500 },
    { category: 'EXPERT', label: '专家号', feeFen: 3000 },
    { category: 'SPECIAL', label: '特需号', feeFen: 10000 },
  ]);
  expect(res.body.exams.length).toBeGreaterThanOrEqual(10);
  expect(res.body.exams.find((e: { code: string }) => e.code === 'US-ABD')).toMatchObject({
    name: expect.stringContaining('超声'),
  });
});
