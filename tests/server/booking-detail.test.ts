import { fixedClock } from '../../server/src/core/clock';
import { createTestApp, type TestApp } from '../support/app';
import { createSession, patientWithProfile, payBooking, settleRefunds } from '../support/factories';

// 10:00 in Beijing on Monday 23 Nov 2026; the booking window reaches Sunday 29 Nov.
const NOW = '2026-11-23T02:00:00Z';
const clock = fixedClock(NOW);
let t: TestApp;
let n = 300;
beforeAll(async () => {
  t = await createTestApp({ clock });
}, 60_000);
afterAll(() => t.close());
beforeEach(() => clock.set(NOW));

const patient = () => patientWithProfile(t, `detail-${n}`, n++);
const book = (auth: Record<string, string>, slotId: string, profileId: string) =>
  t.http.post('/api/v1/bookings').set(auth).send({ slotId, profileId }).expect(201);
const detail = async (auth: Record<string, string>, id: string) =>
  (await t.http.get(`/api/v1/bookings/${id}`).set(auth).expect(200)).body;
const cancel = (auth: Record<string, string>, id: string) =>
  t.http.post(`/api/v1/bookings/${id}/cancel`).set(auth).send({}).expect(200);

describe('a booking’s own page (GET /bookings/:id)', () => {
  test('tells the visit number, the department, the doctor’s title and what was paid', async () => {
    const { slots } = await createSession(t.db, { doctorCode: 'D001', date: '2026-11-24', capacity: 2 });
    const [a, b] = [await patient(), await patient()];
    const first = await book(a.auth, slots[1]!.id, a.profileId);
    const orderNo = await payBooking(t, a.auth, first.body.id);
    // Booked later for an earlier slot: numbers follow the order bookings were made in.
    const second = await book(b.auth, slots[0]!.id, b.profileId);

    const paid = await detail(a.auth, first.body.id);
    expect(paid).toMatchObject({
      status: 'CONFIRMED',
      statusLabel: '已预约',
      visitNumber: 1,
      department: { name: '心血管内科', location: expect.any(String) },
      doctor: { title: 'CHIEF_PHYSICIAN', titleLabel: '主任医师' },
      stopReason: null,
      payment: {
        orderNo,
        paidFen: 3000,
        paidAt: NOW.replace('Z', '.000Z'),
        orderStatus: 'PAID',
        refundedFen: 0,
        refund: null,
      },
    });
    // Held, not yet paid: nothing paid to show.
    expect(await detail(b.auth, second.body.id)).toMatchObject({
      status: 'PENDING_PAYMENT',
      visitNumber: 2,
      payment: null,
    });
    // The list stays lean: no visit number, no payment.
    const mine = await t.http.get('/api/v1/me/bookings').set(a.auth).expect(200);
    expect(mine.body.items[0]).not.toHaveProperty('visitNumber');
    expect(mine.body.items[0]).not.toHaveProperty('payment');
  });

  test('a number is never given again: a cancelled booking keeps its own', async () => {
    const { slots } = await createSession(t.db, { doctorCode: 'D002', date: '2026-11-24', capacity: 1 });
    const [a, b] = [await patient(), await patient()];
    const gone = await book(a.auth, slots[0]!.id, a.profileId);
    await cancel(a.auth, gone.body.id);
    const next = await book(b.auth, slots[0]!.id, b.profileId); // the freed place
    expect((await detail(a.auth, gone.body.id)).visitNumber).toBe(1);
    expect((await detail(b.auth, next.body.id)).visitNumber).toBe(2);
  });

  test('a cancelled paid booking shows its refund, under way and then done', async () => {
    const { slots } = await createSession(t.db, { doctorCode: 'D003', date: '2026-11-25' });
    const p = await patient();
    const res = await book(p.auth, slots[0]!.id, p.profileId);
    await payBooking(t, p.auth, res.body.id);
    await cancel(p.auth, res.body.id);
    expect(await detail(p.auth, res.body.id)).toMatchObject({
      status: 'CANCELLED',
      statusLabel: '已取消',
      stopReason: null,
      payment: { paidFen: 3000, refundedFen: 0, refund: { status: 'REQUESTED', amountFen: 3000 } },
    });
    await settleRefunds(t);
    expect((await detail(p.auth, res.body.id)).payment).toMatchObject({
      orderStatus: 'REFUNDED',
      refundedFen: 3000,
      refund: { status: 'SUCCEEDED', amountFen: 3000, succeededAt: expect.any(String) },
    });
  });

  test('停诊 is told apart from an ordinary cancel, with the hospital’s reason', async () => {
    const { session, slots } = await createSession(t.db, {
      doctorCode: 'D004',
      date: '2026-11-26',
      slots: 1,
      capacity: 3,
    });
    const [early, paidOne] = [await patient(), await patient()];
    const cancelledFirst = await book(early.auth, slots[0]!.id, early.profileId);
    await cancel(early.auth, cancelledFirst.body.id);
    const stopped = await book(paidOne.auth, slots[0]!.id, paidOne.profileId);
    await payBooking(t, paidOne.auth, stopped.body.id);

    const scheduler = await t.staffToken('scheduler');
    await t.http
      .post(`/api/v1/admin/sessions/${session.id}/suspend`)
      .set('Authorization', `Bearer ${scheduler}`)
      .send({ reason: '医生临时外出会诊' })
      .expect(200);

    expect(await detail(paidOne.auth, stopped.body.id)).toMatchObject({
      status: 'CANCELLED',
      statusLabel: '停诊',
      stopReason: '医生临时外出会诊',
      payment: { paidFen: 3000, refund: { status: 'REQUESTED', amountFen: 3000 } },
    });
    // The list says so too, and in English.
    const mine = await t.http
      .get('/api/v1/me/bookings')
      .set(paidOne.auth)
      .set('Accept-Language', 'en')
      .expect(200);
    expect(mine.body.items[0]).toMatchObject({
      statusLabel: 'Clinic stopped',
      stopReason: '医生临时外出会诊',
    });
    // Cancelled by its patient before the stop: an ordinary cancel.
    expect(await detail(early.auth, cancelledFirst.body.id)).toMatchObject({
      status: 'CANCELLED',
      statusLabel: '已取消',
      stopReason: null,
    });
  });

  test('another account’s booking is not found', async () => {
    const { slots } = await createSession(t.db, { doctorCode: 'D005', date: '2026-11-24' });
    const [owner, other] = [await patient(), await patient()];
    const res = await book(owner.auth, slots[0]!.id, owner.profileId);
    await t.http.get(`/api/v1/bookings/${res.body.id}`).set(other.auth).expect(404);
  });
});

test('my bookings: the upcoming ones soonest first, then the others latest first', async () => {
  const p = await patient();
  const booked: Record<string, string> = {};
  for (const [code, date] of [
    ['D006', '2026-11-27'],
    ['D007', '2026-11-24'],
    ['D008', '2026-11-28'],
    ['D009', '2026-11-25'],
  ] as const) {
    const { slots } = await createSession(t.db, { doctorCode: code, date, feeFen: 0 });
    booked[date] = (await book(p.auth, slots[0]!.id, p.profileId)).body.id;
  }
  await cancel(p.auth, booked['2026-11-25']!);
  await cancel(p.auth, booked['2026-11-28']!);
  const mine = await t.http.get('/api/v1/me/bookings').set(p.auth).expect(200);
  expect(mine.body.items.map((b: { date: string; status: string }) => `${b.date} ${b.status}`)).toEqual([
    '2026-11-24 CONFIRMED',
    '2026-11-27 CONFIRMED',
    '2026-11-28 CANCELLED',
    '2026-11-25 CANCELLED',
  ]);
});
