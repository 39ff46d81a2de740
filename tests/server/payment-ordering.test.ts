import { canOrderTransition, canRefundTransition, ORDER_STATUSES, REFUND_STATUSES } from '@hospital/shared';
import { fixedClock } from '../../server/src/core/clock';
import type { LocalPayProvider } from '../../server/src/integrations/wechat/pay';
import { createTestApp, type TestApp } from '../support/app';
import { createSession, patientWithProfile, payBooking, refundsOf } from '../support/factories';

/**
 * Whichever word about a refund arrives first — the refund API's answer, WeChat's notification, a query — a
 * refund only moves forward and the order's refunded total counts each succeeded refund once.
 */
jest.setTimeout(60_000);
const clock = fixedClock('2026-11-23T02:00:00Z');
let t: TestApp;
let provider: LocalPayProvider;
let n = 900;
beforeAll(async () => {
  t = await createTestApp({ clock });
  provider = t.services.payProvider as LocalPayProvider;
}, 60_000);
afterAll(() => t.close());

/** A paid booking cancelled by its patient: one refund REQUESTED, the order REFUNDING. */
async function paidAndCancelled(doctorCode: string) {
  const { slots } = await createSession(t.db, {
    doctorCode,
    date: '2026-11-25',
    slots: 1,
    capacity: 3,
    feeFen: 3000,
  });
  const p = await patientWithProfile(t, `order-${n}`, n++);
  const booked = await t.http
    .post('/api/v1/bookings')
    .set(p.auth)
    .send({ slotId: slots[0]!.id, profileId: p.profileId })
    .expect(201);
  const orderNo = await payBooking(t, p.auth, booked.body.id);
  await t.http.post(`/api/v1/bookings/${booked.body.id}/cancel`).set(p.auth).send({}).expect(200);
  const [refund] = await refundsOf(t, booked.body.id);
  expect(refund).toMatchObject({ status: 'REQUESTED', amountFen: 3000 });
  return { ...p, bookingId: booked.body.id as string, orderNo, refundNo: refund!.refundNo };
}

async function order(orderNo: string) {
  return t.db.prisma.paymentOrder.findUniqueOrThrow({ where: { orderNo }, include: { refunds: true } });
}

/** Runs the refund job as often as a day of retries would, a minute apart. */
async function runRefundJobFor(minutes: number) {
  for (let i = 0; i < minutes; i++) {
    clock.advance(60_000);
    await t.services.payment.processRefunds();
  }
}

afterEach(() => {
  jest.restoreAllMocks();
});

test('a REFUND.SUCCESS notification that overtakes the API answer PROCESSING is never undone or counted twice', async () => {
  const c = await paidAndCancelled('D021');
  const realRefund = provider.refund.bind(provider);
  // WeChat settles the refund and notifies before its answer to the refund call reaches the job.
  jest.spyOn(provider, 'refund').mockImplementation(async (input) => {
    const answer = await realRefund(input);
    await provider.flushRefunds();
    return answer; // PROCESSING, now stale
  });
  await t.services.payment.processRefunds();

  const settled = await order(c.orderNo);
  expect(settled).toMatchObject({ status: 'REFUNDED', refundedFen: 3000 });
  expect(settled.refunds).toEqual([expect.objectContaining({ status: 'SUCCEEDED', lastError: null })]);

  // Nothing brings it back: a day of the job running finds nothing to do, and no false alarm is raised.
  await runRefundJobFor(25);
  const later = await order(c.orderNo);
  expect(later).toMatchObject({ status: 'REFUNDED', refundedFen: 3000 });
  expect(later.refunds).toEqual([expect.objectContaining({ status: 'SUCCEEDED', attempts: 1 })]);
  const bills = await t.http.get('/api/v1/me/bills').set(c.auth).expect(200);
  expect(bills.body.items[0]).toMatchObject({ paidFen: 3000, refundedFen: 3000, netFen: 0 });
});

test('a query answering SUCCESS after the notification did changes nothing', async () => {
  const c = await paidAndCancelled('D022');
  await t.services.payment.processRefunds(); // sent: PROCESSING at WeChat
  expect((await order(c.orderNo)).refunds[0]!.status).toBe('PROCESSING');

  const realQuery = provider.queryRefund.bind(provider);
  jest.spyOn(provider, 'queryRefund').mockImplementation(async (no) => {
    await provider.flushRefunds(); // the notification lands while the job asks
    return realQuery(no); // SUCCESS, already recorded
  });
  await runRefundJobFor(1);
  expect(await order(c.orderNo)).toMatchObject({ status: 'REFUNDED', refundedFen: 3000 });
  await runRefundJobFor(3);
  expect(await order(c.orderNo)).toMatchObject({ status: 'REFUNDED', refundedFen: 3000 });
});

test('the same refund notification delivered again is acknowledged and changes nothing', async () => {
  const c = await paidAndCancelled('D023');
  await t.services.payment.processRefunds();
  const handle = jest.spyOn(t.services.payment, 'handleNotification');
  await provider.flushRefunds();
  expect(await order(c.orderNo)).toMatchObject({ status: 'REFUNDED', refundedFen: 3000 });
  const [headers, body] = handle.mock.calls[0]!;
  for (let i = 0; i < 3; i++) {
    await expect(t.services.payment.handleNotification(headers, body)).resolves.toEqual({
      outcome: 'DUPLICATE',
    });
  }
  expect(await order(c.orderNo)).toMatchObject({ status: 'REFUNDED', refundedFen: 3000 });
});

test('a refund that finally fails after the money went back cannot mark the order unpaid', async () => {
  const c = await paidAndCancelled('D024');
  await t.services.payment.processRefunds();
  await provider.flushRefunds();
  // Twenty failing attempts later the job would give up — but the refund already succeeded: no attempt is due.
  jest.spyOn(provider, 'queryRefund').mockRejectedValue(new Error('network down'));
  await runRefundJobFor(21);
  expect(await order(c.orderNo)).toMatchObject({ status: 'REFUNDED', refundedFen: 3000 });
  expect(provider.queryRefund).not.toHaveBeenCalled();
});

test('order and refund statuses only move along their tables', () => {
  for (const from of REFUND_STATUSES) expect(canRefundTransition(from, 'REQUESTED')).toBe(false);
  for (const to of REFUND_STATUSES) {
    expect(canRefundTransition('SUCCEEDED', to)).toBe(false);
    expect(canRefundTransition('FAILED', to)).toBe(false);
  }
  expect(canRefundTransition('PROCESSING', 'SUCCEEDED')).toBe(true);
  for (const to of ORDER_STATUSES) expect(canOrderTransition('REFUNDED', to)).toBe(false);
  expect(canOrderTransition('PAID', 'CREATED')).toBe(false);
  expect(canOrderTransition('CLOSED', 'PAID')).toBe(true); // a late payment is settled, then refunded
});
