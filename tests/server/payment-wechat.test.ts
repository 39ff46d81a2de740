import { generateKeyPairSync, type KeyObject, verify } from 'node:crypto';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { fixedClock } from '../../server/src/core/clock';
import { createTestApp, type TestApp } from '../support/app';
import { TEST_DB_KIND } from '../support/db';
import { createSession, patientWithProfile } from '../support/factories';
import {
  type SignedNotification,
  type WechatPayStandin,
  wechatPayStandin,
} from '../support/wechat-pay-standin';

/**
 * The whole payment state machine with the *real* WeChat Pay provider — real RSA signatures and AES-GCM —
 * against a stand-in of WeChat's side that checks the merchant's signatures and signs what it sends back.
 */
const pem = (k: KeyObject) =>
  k.type === 'private'
    ? k.export({ type: 'pkcs8', format: 'pem' }).toString()
    : k.export({ type: 'spki', format: 'pem' }).toString();
const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const forger = generateKeyPairSync('rsa', { modulusLength: 2048 });
const MCH_ID = '1900009191';
const APP_ID = 'wx8888888888888888';
const SERIAL = '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C';
const PLATFORM_SERIAL = 'PUB_KEY_ID_0119000091912025081200101000001';
const API_V3_KEY = 'Qw3rTy7uI9oP1aS2dF4gH6jK8lZ0xC5v';

const clock = fixedClock('2026-11-23T02:00:00Z');
const server = setupServer();
let t: TestApp;
let standin: WechatPayStandin;
let n = 500;

beforeAll(async () => {
  standin = wechatPayStandin({
    mchId: MCH_ID,
    appId: APP_ID,
    merchantSerialNo: SERIAL,
    merchantPublicKey: merchant.publicKey,
    platform: { privateKey: platform.privateKey, serial: PLATFORM_SERIAL },
    apiV3Key: API_V3_KEY,
    now: () => clock.now(),
  });
  server.use(...standin.handlers);
  server.listen({ onUnhandledRequest: 'bypass' });
  t = await createTestApp({
    clock,
    env: {
      WECHAT_PAY_MCH_ID: MCH_ID,
      WECHAT_PAY_APP_ID: APP_ID,
      WECHAT_PAY_SERIAL_NO: SERIAL,
      WECHAT_PAY_PRIVATE_KEY: pem(merchant.privateKey),
      WECHAT_PAY_API_V3_KEY: API_V3_KEY,
      WECHAT_PAY_PLATFORM_PUBLIC_KEY: pem(platform.publicKey),
      WECHAT_PAY_PLATFORM_SERIAL: PLATFORM_SERIAL,
    },
  });
}, 60_000);
afterAll(async () => {
  server.close();
  await t.close();
});

/** WeChat signs every delivery (and every retry) afresh; a notification sent later carries a new timestamp. */
const resent = (s: SignedNotification): SignedNotification => ({
  body: s.body,
  headers: standin.signBody(s.body),
});

const notify = (s: SignedNotification) =>
  t.http
    .post('/api/v1/payments/wechat/notify')
    .set(s.headers)
    .set('Content-Type', 'application/json')
    .send(s.body);

async function heldBooking(doctorCode: string, date: string, capacity = 2) {
  const { slots } = await createSession(t.db, { doctorCode, date, slots: 1, capacity, feeFen: 3000 });
  const p = await patientWithProfile(t, `payer-${n}`, n++);
  const res = await t.http
    .post('/api/v1/bookings')
    .set(p.auth)
    .send({ slotId: slots[0]!.id, profileId: p.profileId })
    .expect(201);
  return { ...p, bookingId: res.body.id as string, slotId: slots[0]!.id };
}

async function startPaying(p: { auth: Record<string, string>; bookingId: string }) {
  const res = await t.http.post(`/api/v1/bookings/${p.bookingId}/pay`).set(p.auth).expect(200);
  return res.body as {
    order: { orderNo: string; status: string; amountFen: number };
    provider: string;
    clientParams: Record<string, string>;
  };
}

const order = (orderNo: string) =>
  t.db.prisma.paymentOrder.findUniqueOrThrow({ where: { orderNo }, include: { refunds: true } });
const bookingStatus = async (id: string) =>
  (await t.db.prisma.booking.findUniqueOrThrow({ where: { id } })).status;

test(`pay → notify → cancel → refund → refund notification, signed end to end (${TEST_DB_KIND})`, async () => {
  clock.set('2026-11-23T02:00:00Z');
  const p = await heldBooking('D001', '2026-11-25');
  const pay = await startPaying(p);
  expect(pay.provider).toBe('wechat');
  expect(pay.order).toMatchObject({ status: 'PAYING', amountFen: 3000 });
  // The stand-in accepted a correctly signed JSAPI prepay, and the client parameters are signed by the merchant.
  const prepay = standin.requests.find((r) => r.pathWithQuery === '/v3/pay/transactions/jsapi');
  expect(prepay?.authorized).toBe(true);
  const cp = pay.clientParams;
  expect(cp.package).toMatch(/^prepay_id=/);
  const message = `${cp.appId}\n${cp.timeStamp}\n${cp.nonceStr}\n${cp.package}\n`;
  expect(verify('sha256', Buffer.from(message), merchant.publicKey, Buffer.from(cp.paySign!, 'base64'))).toBe(
    true,
  );
  // A second tap resumes the same order.
  expect((await startPaying(p)).order.orderNo).toBe(pay.order.orderNo);

  await notify(standin.pay(pay.order.orderNo)).expect(204);
  expect(await order(pay.order.orderNo)).toMatchObject({ status: 'PAID' });
  expect(await bookingStatus(p.bookingId)).toBe('CONFIRMED');

  await t.http.post(`/api/v1/bookings/${p.bookingId}/cancel`).set(p.auth).send({}).expect(200);
  expect(await order(pay.order.orderNo)).toMatchObject({ status: 'REFUNDING' });
  expect(await t.services.payment.processRefunds()).toBe(1);
  const refund = (await order(pay.order.orderNo)).refunds[0]!;
  expect(refund).toMatchObject({ status: 'PROCESSING', amountFen: 3000 });
  expect(standin.refunds.get(refund.refundNo)?.refund).toBe(3000);

  await notify(standin.settleRefund(refund.refundNo)).expect(204);
  expect(await order(pay.order.orderNo)).toMatchObject({ status: 'REFUNDED', refundedFen: 3000 });
  const bills = await t.http.get('/api/v1/me/bills').set(p.auth).expect(200);
  expect(bills.body.items[0]).toMatchObject({ paidFen: 3000, refundedFen: 3000, netFen: 0 });
});

test('a notification delivered 5 times in a row and 5 times at once changes the order once', async () => {
  const p = await heldBooking('D002', '2026-11-25');
  const { order: o } = await startPaying(p);
  const note = standin.pay(o.orderNo);
  for (let i = 0; i < 5; i++) await notify(note).expect(204);
  const paidAt = (await order(o.orderNo)).paidAt;
  const results = await Promise.all(Array.from({ length: 5 }, () => notify(note)));
  expect(results.map((r) => r.status)).toEqual([204, 204, 204, 204, 204]);
  expect(await order(o.orderNo)).toMatchObject({ status: 'PAID', paidAt });
  expect(await t.db.prisma.paymentNotification.count({ where: { orderNo: o.orderNo } })).toBe(1);
  expect(await bookingStatus(p.bookingId)).toBe('CONFIRMED');
});

test('forged, replayed, mismatched and unknown notifications are refused (non-2xx) and change nothing', async () => {
  const p = await heldBooking('D003', '2026-11-25');
  const { order: o } = await startPaying(p);
  const genuine = standin.pay(o.orderNo);

  const forged = {
    ...genuine,
    headers: standin.signBody(genuine.body, { privateKey: forger.privateKey, serial: PLATFORM_SERIAL }),
  };
  expect((await notify(forged).expect(401)).body.error.code).toBe('NOTIFICATION_REJECTED');
  const unknownSerial = {
    ...genuine,
    headers: standin.signBody(genuine.body, { privateKey: forger.privateKey, serial: 'PUB_KEY_ID_UNKNOWN' }),
  };
  await notify(unknownSerial).expect(401);
  const old = String(Math.floor(clock.now().getTime() / 1000) - 6 * 60);
  await notify({ ...genuine, headers: standin.signBody(genuine.body, undefined, old) }).expect(401);
  // Flip one byte of the ciphertext (always a change, whatever the random bytes were) and re-sign it.
  const json = JSON.parse(genuine.body);
  const bytes = Buffer.from(json.resource.ciphertext, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 0xff;
  json.resource.ciphertext = bytes.toString('base64');
  const tamperedBody = JSON.stringify(json);
  const tampered = { body: tamperedBody, headers: standin.signBody(tamperedBody) };
  await notify(tampered).expect(401);

  const wrongAmount = standin.notification({
    eventType: 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    originalType: 'transaction',
    resource: {
      mchid: MCH_ID,
      appid: APP_ID,
      out_trade_no: o.orderNo,
      transaction_id: '4200000000000000000001',
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      bank_type: 'OTHERS',
      success_time: '2026-11-23T10:01:00+08:00',
      payer: { openid: 'o-someone' },
      amount: { total: 1, payer_total: 1, currency: 'CNY', payer_currency: 'CNY' },
    },
  });
  expect((await notify(wrongAmount).expect(400)).body.error.code).toBe('NOTIFICATION_MISMATCH');
  const unknown = standin.notification({
    eventType: 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    originalType: 'transaction',
    resource: {
      ...JSON.parse('{}'),
      mchid: MCH_ID,
      appid: APP_ID,
      out_trade_no: 'P20261123NOSUCHORDER',
      transaction_id: '42',
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      trade_state_desc: 'ok',
      bank_type: 'OTHERS',
      success_time: '2026-11-23T10:01:00+08:00',
      payer: { openid: 'o' },
      amount: { total: 3000, payer_total: 3000, currency: 'CNY', payer_currency: 'CNY' },
    },
  });
  expect((await notify(unknown).expect(404)).body.error.code).toBe('NOTIFICATION_UNKNOWN_ORDER');

  expect(await order(o.orderNo)).toMatchObject({ status: 'PAYING', paidAt: null });
  expect(await bookingStatus(p.bookingId)).toBe('PENDING_PAYMENT');
  // The genuine one still works afterwards.
  await notify(genuine).expect(204);
  expect(await bookingStatus(p.bookingId)).toBe('CONFIRMED');
});

test('a payment after the hold expired confirms while the place is free, and is refunded when it is taken', async () => {
  clock.set('2026-11-23T02:00:00Z');
  const free = await heldBooking('D004', '2026-11-26', 1);
  const { order: o1 } = await startPaying(free);
  const taken = await heldBooking('D005', '2026-11-26', 1);
  const { order: o2 } = await startPaying(taken);
  const note1 = standin.pay(o1.orderNo);
  const note2 = standin.pay(o2.orderNo);

  clock.advance(16 * 60_000);
  await t.services.booking.expireHolds();
  expect(await bookingStatus(free.bookingId)).toBe('EXPIRED');
  expect(await order(o1.orderNo)).toMatchObject({ status: 'CLOSED' });
  // Someone else takes the second place.
  const other = await patientWithProfile(t, `payer-${n}`, n++);
  await t.http
    .post('/api/v1/bookings')
    .set(other.auth)
    .send({ slotId: taken.slotId, profileId: other.profileId })
    .expect(201);

  await notify(resent(note1)).expect(204);
  expect(await bookingStatus(free.bookingId)).toBe('CONFIRMED');
  expect(await order(o1.orderNo)).toMatchObject({ status: 'PAID' });

  await notify(resent(note2)).expect(204);
  expect(await bookingStatus(taken.bookingId)).toBe('EXPIRED');
  const refunded = await order(o2.orderNo);
  expect(refunded.status).toBe('REFUNDING');
  expect(refunded.refunds).toMatchObject([
    { amountFen: 3000, reason: '支付到账时预约已取消或号源已释放，自动全额退款' },
  ]);
});

test('a late payment notification after reconciliation and refund changes nothing; a refund notice for an unknown refund is retried', async () => {
  clock.set('2026-11-23T02:00:00Z');
  const p = await heldBooking('D006', '2026-11-26');
  const { order: o } = await startPaying(p);
  const delayed = standin.pay(o.orderNo); // WeChat's notification is late

  clock.advance(6 * 60_000);
  expect(await t.services.payment.reconcile()).toBeGreaterThanOrEqual(1); // asks WeChat: paid
  expect(await order(o.orderNo)).toMatchObject({ status: 'PAID' });
  await t.http.post(`/api/v1/bookings/${p.bookingId}/cancel`).set(p.auth).send({}).expect(200);
  await t.services.payment.processRefunds();
  const refundNo = (await order(o.orderNo)).refunds[0]!.refundNo;
  await notify(standin.settleRefund(refundNo)).expect(204);
  expect(await order(o.orderNo)).toMatchObject({ status: 'REFUNDED' });

  await notify(resent(delayed)).expect(204); // a known order already settled: acknowledged, nothing changes
  expect(await order(o.orderNo)).toMatchObject({ status: 'REFUNDED', refundedFen: 3000 });
  expect(await bookingStatus(p.bookingId)).toBe('CANCELLED');

  const stray = standin.notification({
    eventType: 'REFUND.SUCCESS',
    summary: '退款成功',
    originalType: 'refund',
    resource: {
      mchid: MCH_ID,
      out_trade_no: o.orderNo,
      transaction_id: '42',
      out_refund_no: 'R20261123NOTOURS',
      refund_id: '50',
      refund_status: 'SUCCESS',
      success_time: '2026-11-23T10:30:00+08:00',
      user_received_account: '招商银行',
      amount: { total: 3000, refund: 3000, payer_total: 3000, payer_refund: 3000 },
    },
  });
  await notify(stray).expect(404);
});

test('an unpaid order past its hold is closed at WeChat by reconciliation', async () => {
  clock.set('2026-11-23T02:00:00Z');
  const p = await heldBooking('D007', '2026-11-26');
  const { order: o } = await startPaying(p);
  clock.advance(20 * 60_000);
  await t.services.booking.expireHolds();
  await t.services.payment.reconcile();
  expect(standin.orders.get(o.orderNo)?.state).toBe('CLOSED');
  expect(await order(o.orderNo)).toMatchObject({ status: 'CLOSED', providerClosed: true });
});

test('a refund that fails to reach WeChat is retried later with the same refund number', async () => {
  clock.set('2026-11-23T02:00:00Z');
  const p = await heldBooking('D008', '2026-11-26');
  const { order: o } = await startPaying(p);
  await notify(standin.pay(o.orderNo)).expect(204);
  await t.http.post(`/api/v1/bookings/${p.bookingId}/cancel`).set(p.auth).send({}).expect(200);

  server.use(
    http.post('https://api.mch.weixin.qq.com/v3/refund/domestic/refunds', () =>
      HttpResponse.json({ code: 'SYSTEM_ERROR', message: '系统繁忙' }, { status: 500 }),
    ),
  );
  await t.services.payment.processRefunds();
  const first = (await order(o.orderNo)).refunds[0]!;
  expect(first).toMatchObject({ status: 'REQUESTED', attempts: 1 });
  expect(first.lastError).toContain('SYSTEM_ERROR');
  server.resetHandlers(...standin.handlers);

  expect(await t.services.payment.processRefunds()).toBe(0); // not due yet
  clock.advance(61_000);
  await t.services.payment.processRefunds();
  const retried = (await order(o.orderNo)).refunds[0]!;
  expect(retried).toMatchObject({ refundNo: first.refundNo, status: 'PROCESSING', attempts: 2 });
  const sent = standin.requests.filter((r) => r.pathWithQuery === '/v3/refund/domestic/refunds');
  expect(new Set(sent.map((r) => JSON.parse(r.body).out_refund_no))).toContain(first.refundNo);
  expect(standin.refunds.get(first.refundNo)).toBeDefined();
});
