import { checkInCode } from '@hospital/shared';
import { fixedClock } from '../../server/src/core/clock';
import { backfillPhoneHashes } from '../../server/src/modules/desk/phone-backfill';
import { createPiiCipher } from '../../server/src/security/pii';
import { parseKey } from '../../server/src/security/secrets';
import { createTestApp, type TestApp } from '../support/app';
import { createSession, residentId } from '../support/factories';
import { TEST_SECRETS } from '../support/template';

/**
 * The registration window's desk: a walk-in patient booked by real-name details pays at the counter, is found
 * again by phone, ID number, check-in code or order number (masked), is checked in, and a cancellation hands
 * the money back at once.
 */

const clock = fixedClock('2026-11-23T02:00:00Z'); // Monday 10:00 in Beijing
const TODAY = '2026-11-23';
let t: TestApp;
let clerk: { Authorization: string };

beforeAll(async () => {
  t = await createTestApp({ clock });
  clerk = { Authorization: `Bearer ${await t.staffToken('clerk')}` };
}, 60_000);
afterAll(() => t.close());

async function slotToday(doctorCode: string, feeFen = 3000) {
  const { slots } = await createSession(t.db, {
    doctorCode,
    date: TODAY,
    start: '14:00',
    slots: 1,
    capacity: 2,
    feeFen,
    period: 'PM',
  });
  return slots[0]!.id;
}

const walkIn = (slotId: string, n: number, phone = '13912345678') =>
  t.http
    .post('/api/v1/staff/bookings')
    .set(clerk)
    .send({
      slotId,
      channel: 'WINDOW',
      patient: {
        name: '周立群',
        idType: 'RESIDENT_ID',
        idNumber: residentId(n, '19750602'),
        phone,
        relationship: 'SELF',
      },
    })
    .expect(201);

test('a walk-in booking with a fee is held, paid at the window, and confirmed — once, audited', async () => {
  const slotId = await slotToday('D008');
  const booked = await walkIn(slotId, 801);
  expect(booked.body).toMatchObject({ status: 'PENDING_PAYMENT', channel: 'WINDOW', feeFen: 3000 });

  const paid = await t.http
    .post(`/api/v1/staff/bookings/${booked.body.id}/collect`)
    .set(clerk)
    .send({ method: 'CASH' })
    .expect(200);
  expect(paid.body).toMatchObject({ status: 'PAID', provider: 'window', amountFen: 3000 });
  expect(paid.body.description).toMatch(/^挂号费-/);

  const detail = await t.http.get(`/api/v1/bookings/${booked.body.id}`).set(clerk).expect(200);
  expect(detail.body).toMatchObject({ status: 'CONFIRMED', holdExpiresAt: null, visitNumber: 1 });
  expect(detail.body.payment).toMatchObject({
    orderNo: paid.body.orderNo,
    paidFen: 3000,
    orderStatus: 'PAID',
  });

  const again = await t.http
    .post(`/api/v1/staff/bookings/${booked.body.id}/collect`)
    .set(clerk)
    .send({ method: 'CARD' })
    .expect(409);
  expect(again.body.error.code).toBe('PAYMENT_NOT_NEEDED');
  const bad = await t.http
    .post(`/api/v1/staff/bookings/${booked.body.id}/collect`)
    .set(clerk)
    .send({ method: 'GOLD' });
  expect(bad.status).toBe(400);
  expect(bad.body.error.code).toBe('VALIDATION_FAILED');

  const audit = await t.db.prisma.auditLog.findMany({ where: { action: 'order.collect_window' } });
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ actorName: 'clerk', entityType: 'payment_order' });
  expect(JSON.stringify(audit[0]!.changes)).toContain('CASH');
});

test('the desk finds the patient by phone, ID number, check-in code and order number, masked', async () => {
  const slotId = await slotToday('D009', 2000);
  const booked = await walkIn(slotId, 802, '13712340000');
  const order = await t.http
    .post(`/api/v1/staff/bookings/${booked.body.id}/collect`)
    .set(clerk)
    .send({ method: 'CARD' })
    .expect(200);
  const find = (q: string) => t.http.get('/api/v1/staff/desk/find').query({ q }).set(clerk);

  const byPhone = await find('137 1234 0000').expect(200);
  expect(byPhone.body.kind).toBe('PHONE');
  expect(byPhone.body.profiles).toEqual([
    expect.objectContaining({
      name: '周立群',
      phoneMasked: '*******0000',
      birthDate: '1975-06-02',
    }),
  ]);
  expect(byPhone.body.bookings.map((b: { id: string }) => b.id)).toEqual([booked.body.id]);
  const text = JSON.stringify(byPhone.body);
  expect(text).not.toContain('13712340000');
  expect(text).not.toContain(residentId(802, '19750602'));

  const byId = await find(residentId(802, '19750602')).expect(200);
  expect(byId.body.kind).toBe('ID_NUMBER');
  expect(byId.body.profiles[0].idNumberMasked).toMatch(/\*{4,}/);
  expect(byId.body.bookings[0]).toMatchObject({ id: booked.body.id, visitNumber: 1, status: 'CONFIRMED' });

  const byCode = await find(` ${checkInCode(booked.body.id)}\n`).expect(200);
  expect(byCode.body).toMatchObject({ kind: 'CHECK_IN_CODE', bookings: [{ id: booked.body.id }] });
  const byOrder = await find(order.body.orderNo).expect(200);
  expect(byOrder.body).toMatchObject({ kind: 'ORDER_NO', bookings: [{ id: booked.body.id }] });

  const nobody = await find('13700000000').expect(200);
  expect(nobody.body).toEqual({ kind: 'PHONE', profiles: [], bookings: [] });
  const unknownCode = await find(checkInCode('00000000-0000-4000-8000-000000000000')).expect(200);
  expect(unknownCode.body.bookings).toEqual([]);
  const nonsense = await find('??').expect(400);
  expect(nonsense.body.error.code).toBe('DESK_QUERY_UNKNOWN');
});

test('check-in by scanned code, then the day counts; a window cancel refunds a window payment at once', async () => {
  const slotId = await slotToday('D010', 5000);
  const booked = await walkIn(slotId, 803, '13612340000');
  await t.http
    .post(`/api/v1/staff/bookings/${booked.body.id}/collect`)
    .set(clerk)
    .send({ method: 'CASH' })
    .expect(200);
  const before = await t.http.get('/api/v1/staff/desk/day').set(clerk).expect(200);
  expect(before.body.date).toBe(TODAY);
  expect(before.body.counts.CONFIRMED).toBeGreaterThanOrEqual(1);

  await t.http.post(`/api/v1/staff/bookings/${booked.body.id}/arrive`).set(clerk).expect(200);
  const after = await t.http.get('/api/v1/staff/desk/day').query({ date: TODAY }).set(clerk).expect(200);
  expect(after.body.counts.CHECKED_IN).toBe(before.body.counts.CHECKED_IN + 1);
  expect(after.body.counts.CONFIRMED).toBe(before.body.counts.CONFIRMED - 1);
  expect(after.body.total).toBe(before.body.total);

  const second = await walkIn(await slotToday('D011', 5000), 804, '13612340001');
  await t.http
    .post(`/api/v1/staff/bookings/${second.body.id}/collect`)
    .set(clerk)
    .send({ method: 'CASH' })
    .expect(200);
  await t.http
    .post(`/api/v1/bookings/${second.body.id}/cancel`)
    .set(clerk)
    .send({ reason: '患者改期' })
    .expect(200);
  const detail = await t.http.get(`/api/v1/bookings/${second.body.id}`).set(clerk).expect(200);
  expect(detail.body.status).toBe('CANCELLED');
  expect(detail.body.payment).toMatchObject({
    orderStatus: 'REFUNDED',
    refundedFen: 5000,
    refund: { status: 'SUCCEEDED' },
  });
});

test('a refund of a window payment with a reason is handed back at once, and audited', async () => {
  const booked = await walkIn(await slotToday('D013', 4000), 806, '13612340002');
  const order = await t.http
    .post(`/api/v1/staff/bookings/${booked.body.id}/collect`)
    .set(clerk)
    .send({ method: 'CASH' })
    .expect(200);
  const refunded = await t.http
    .post(`/api/v1/staff/orders/${order.body.orderNo}/refund`)
    .set(clerk)
    .send({ amountFen: 1500, reason: '减免部分挂号费' })
    .expect(200);
  expect(refunded.body).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedFen: 1500 });
  expect(refunded.body.refunds).toEqual([expect.objectContaining({ status: 'SUCCEEDED', amountFen: 1500 })]);
  // Nothing is left for the refund job to send: there is no provider for a counter payment.
  expect(await t.services.payment.processRefunds()).toBe(0);
  const detail = await t.http.get(`/api/v1/bookings/${booked.body.id}`).set(clerk).expect(200);
  expect(detail.body.status).toBe('CONFIRMED');
  const audit = (await t.db.prisma.auditLog.findMany({ where: { action: 'order.refund' } })).filter((a) =>
    JSON.stringify(a.changes).includes(order.body.orderNo),
  );
  expect(audit).toEqual([expect.objectContaining({ actorName: 'clerk', entityType: 'payment_order' })]);
});

test('phone hashes of rows written before the column are filled in at start-up, once', async () => {
  const slotId = await slotToday('D012', 0);
  const booked = await walkIn(slotId, 805, '13512340000');
  expect(booked.body.status).toBe('CONFIRMED'); // free: nothing to pay
  await t.db.prisma.profile.updateMany({ where: { id: booked.body.profile.id }, data: { phoneHash: null } });
  const lost = await t.http.get('/api/v1/staff/desk/find').query({ q: '13512340000' }).set(clerk).expect(200);
  expect(lost.body.profiles).toEqual([]);

  const pii = createPiiCipher(parseKey(TEST_SECRETS.piiKey, 'PII_KEY'));
  const first = await backfillPhoneHashes(t.db.prisma, pii);
  expect(first.filled).toBeGreaterThanOrEqual(1);
  expect((await backfillPhoneHashes(t.db.prisma, pii)).filled).toBe(0);
  const found = await t.http
    .get('/api/v1/staff/desk/find')
    .query({ q: '13512340000' })
    .set(clerk)
    .expect(200);
  expect(found.body.profiles.map((p: { id: string }) => p.id)).toEqual([booked.body.profile.id]);
});

test('a booking paid at the window is cancelled at the window: the app shows no cancel and refuses one', async () => {
  // A patient of the app, booked at the window on their own profile, pays over the counter.
  const token = await t.patientToken('window-payer');
  const auth = { Authorization: `Bearer ${token}` };
  const profile = await t.http
    .post('/api/v1/me/profiles')
    .set(auth)
    .send({
      name: '孙海燕',
      idType: 'RESIDENT_ID',
      idNumber: residentId(807),
      phone: '13612340003',
      relationship: 'SELF',
    })
    .expect(201);
  const slotId = await slotToday('D006', 2500);
  const booked = await t.http
    .post('/api/v1/staff/bookings')
    .set(clerk)
    .send({ slotId, channel: 'WINDOW', profileId: profile.body.id })
    .expect(201);
  await t.http.post(`/api/v1/staff/bookings/${booked.body.id}/collect`).set(clerk).send({ method: 'CARD' });

  const mine = await t.http.get('/api/v1/me/bookings').set(auth).expect(200);
  expect(mine.body.items).toEqual([
    expect.objectContaining({ id: booked.body.id, status: 'CONFIRMED', canCancel: false }),
  ]);
  const detail = await t.http.get(`/api/v1/bookings/${booked.body.id}`).set(auth).expect(200);
  expect(detail.body).toMatchObject({ canCancel: false, payment: { channel: 'WINDOW', paidFen: 2500 } });
  const refused = await t.http
    .post(`/api/v1/bookings/${booked.body.id}/cancel`)
    .set(auth)
    .set('Idempotency-Key', 'window-paid-cancel-1')
    .send({})
    .expect(409);
  expect(refused.body.error).toMatchObject({ code: 'PAID_AT_WINDOW' });
  expect(refused.body.error.message).toContain('挂号窗口');
  expect((await t.http.get(`/api/v1/bookings/${booked.body.id}`).set(auth)).body.status).toBe('CONFIRMED');

  // The window cancels it and hands the fee back.
  await t.http
    .post(`/api/v1/bookings/${booked.body.id}/cancel`)
    .set(clerk)
    .set('Idempotency-Key', 'window-paid-cancel-2')
    .send({ reason: '患者改期' })
    .expect(200);
  const after = await t.http.get(`/api/v1/bookings/${booked.body.id}`).set(auth).expect(200);
  expect(after.body.payment).toMatchObject({ orderStatus: 'REFUNDED', refund: { status: 'SUCCEEDED' } });
});
