import { generateKeyPairSync, type KeyObject, verify } from 'node:crypto';
import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { fixedClock } from '../../server/src/core/clock';
import {
  createLocalPayProvider,
  type LocalPayProvider,
} from '../../server/src/integrations/wechat/pay/local-pay';
import {
  type ClientPayParams,
  NotificationRejected,
  type PayNotification,
  type PayProvider,
  PayProviderError,
} from '../../server/src/integrations/wechat/pay/types';
import {
  createWechatPayProvider,
  type WechatPayProviderOptions,
} from '../../server/src/integrations/wechat/pay/wechat-pay';
import {
  type SignedNotification,
  selfSignedCertificate,
  WECHAT_PAY_API,
  type WechatPayStandin,
  wechatPayStandin,
} from '../support/wechat-pay-standin';

const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const pemOf = (key: KeyObject) =>
  key.type === 'private'
    ? key.export({ type: 'pkcs8', format: 'pem' }).toString()
    : key.export({ type: 'spki', format: 'pem' }).toString();

const MCH_ID = '1900009191';
const APP_ID = 'wxd678efh567hg6787';
const MERCHANT_SERIAL = '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C';
const PUBLIC_KEY_ID = 'PUB_KEY_ID_0119000091912025081200101000001';
const CERT_SERIAL = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';
const API_V3_KEY = 'Qw3rTy7uI9oP1aS2dF4gH6jK8lZ0xC5v';
const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';
const NOTIFY_URL = 'https://hospital.example.cn/api/v1/payments/wechat/notify';

const merchant = rsa();
const platform = rsa(); // public-key mode (PUB_KEY_ID_…)
const certPlatform = rsa(); // platform-certificate mode (hex serial)
const stranger = rsa();
const certificatePem = selfSignedCertificate({
  privateKey: certPlatform.privateKey,
  publicKey: certPlatform.publicKey,
  serialHex: CERT_SERIAL,
});

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let standin: WechatPayStandin;
beforeEach(() => {
  standin = wechatPayStandin({
    mchId: MCH_ID,
    appId: APP_ID,
    merchantSerialNo: MERCHANT_SERIAL,
    merchantPublicKey: merchant.publicKey,
    platform: { privateKey: platform.privateKey, serial: PUBLIC_KEY_ID },
    apiV3Key: API_V3_KEY,
  });
  server.use(...standin.handlers);
});

function provider(extra: Partial<WechatPayProviderOptions> = {}) {
  return createWechatPayProvider({
    mchId: MCH_ID,
    appId: APP_ID,
    merchantSerialNo: MERCHANT_SERIAL,
    merchantPrivateKey: pemOf(merchant.privateKey),
    apiV3Key: API_V3_KEY,
    platformPublicKeys: { [PUBLIC_KEY_ID]: pemOf(platform.publicKey), [CERT_SERIAL]: certificatePem },
    ...extra,
  });
}

let seq = 0;
const orderNo = () => `T${Date.now()}${(seq++).toString().padStart(4, '0')}`;

function prepayInput(outTradeNo: string, amountFen = 1500) {
  return {
    outTradeNo,
    description: '挂号费-心内科 张医生',
    amountFen,
    payerOpenid: OPENID,
    expiresAt: new Date(Date.now() + 15 * 60_000),
    notifyUrl: NOTIFY_URL,
  };
}

/** The error a promise rejects with; fails the test when it resolves. */
async function rejectionOf<T extends Error>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => T,
): Promise<T> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(type);
  return outcome.error as T;
}

function verifiesAsPaySign(params: ClientPayParams, merchantPublic: KeyObject | string): boolean {
  const message = `${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
  return verify('sha256', Buffer.from(message), merchantPublic, Buffer.from(params.paySign, 'base64'));
}

describe('real WeChat Pay provider against the stand-in', () => {
  it('prepays and returns wx.requestPayment parameters signed by the merchant key', async () => {
    const no = orderNo();
    const params = await provider().prepay(prepayInput(no));

    const order = standin.orders.get(no)!;
    expect(order).toMatchObject({
      appid: APP_ID,
      mchid: MCH_ID,
      total: 1500,
      openid: OPENID,
      notifyUrl: NOTIFY_URL,
    });
    expect(order.timeExpire).toMatch(/\+08:00$/);
    expect(params).toMatchObject({ appId: APP_ID, package: `prepay_id=${order.prepayId}`, signType: 'RSA' });
    expect(params.timeStamp).toMatch(/^\d{10}$/);
    expect(verifiesAsPaySign(params, merchant.publicKey)).toBe(true);
    expect(verifiesAsPaySign(params, stranger.publicKey)).toBe(false);

    const request = standin.requests.at(-1)!;
    expect(request).toMatchObject({
      method: 'POST',
      pathWithQuery: '/v3/pay/transactions/jsapi',
      authorized: true,
    });
    expect(request.headers.get('accept')).toBe('application/json');
  });

  it('gets the same prepay id for the same order again', async () => {
    const no = orderNo();
    const first = await provider().prepay(prepayInput(no));
    const second = await provider().prepay(prepayInput(no));
    expect(second.package).toBe(first.package);
    const conflict = await rejectionOf(provider().prepay(prepayInput(no, 999)), PayProviderError);
    expect(conflict).toMatchObject({ code: 'OUT_TRADE_NO_USED', retryable: false, httpStatus: 403 });
  });

  it('is refused by the stand-in when it signs with the wrong merchant key', async () => {
    const no = orderNo();
    const error = await rejectionOf(
      provider({ merchantPrivateKey: stranger.privateKey }).prepay(prepayInput(no)),
      PayProviderError,
    );
    expect(error).toMatchObject({ code: 'SIGN_ERROR', httpStatus: 401, retryable: false });
    expect(standin.requests.at(-1)!.authorized).toBe(false);
    expect(standin.orders.has(no)).toBe(false);
  });

  it('is refused by the stand-in when it names another certificate serial', async () => {
    const error = await rejectionOf(
      provider({ merchantSerialNo: '0000000000000000000000000000000000000000' }).queryOrder(orderNo()),
      PayProviderError,
    );
    expect(error).toMatchObject({ code: 'SIGN_ERROR', httpStatus: 401 });
  });

  it('refuses an answer signed with a key that is not WeChat’s', async () => {
    standin.responseSigner = { privateKey: stranger.privateKey, serial: PUBLIC_KEY_ID };
    const no = orderNo();
    const error = await rejectionOf(provider().prepay(prepayInput(no)), PayProviderError);
    expect(error).toMatchObject({ code: 'RESPONSE_SIGNATURE_INVALID', retryable: false, httpStatus: 200 });
    expect(error.message).toContain('BAD_SIGNATURE');
    // The request itself was genuine and reached the stand-in; only the answer is untrusted.
    expect(standin.orders.has(no)).toBe(true);
  });

  it('refuses an answer signed under a serial it does not know', async () => {
    standin.responseSigner = {
      privateKey: stranger.privateKey,
      serial: 'PUB_KEY_ID_0000000000000000000000000000000',
    };
    const error = await rejectionOf(provider().prepay(prepayInput(orderNo())), PayProviderError);
    expect(error).toMatchObject({ code: 'UNKNOWN_PLATFORM_SERIAL', retryable: false });
    expect(error.message).toContain('PUB_KEY_ID_0000000000000000000000000000000');
  });

  it('accepts answers signed with the platform certificate', async () => {
    standin.responseSigner = { privateKey: certPlatform.privateKey, serial: CERT_SERIAL };
    const no = orderNo();
    await provider().prepay(prepayInput(no));
    expect((await provider().queryOrder(no)).tradeState).toBe('NOTPAY');
  });

  it('refuses an unsigned success answer and a stale one', async () => {
    const path = `${WECHAT_PAY_API}/v3/pay/transactions/out-trade-no/:no`;
    server.use(http.get(path, () => HttpResponse.json({})));
    const unsigned = await rejectionOf(provider().queryOrder(orderNo()), PayProviderError);
    expect(unsigned).toMatchObject({ code: 'RESPONSE_SIGNATURE_INVALID' });
    expect(unsigned.message).toContain('MISSING_HEADERS');

    // A genuine answer captured earlier and replayed: signed by the right key, but six minutes old.
    const body = JSON.stringify({
      appid: APP_ID,
      mchid: MCH_ID,
      out_trade_no: 'T1000001',
      trade_state: 'SUCCESS',
    });
    const sixMinutesAgo = Math.floor(Date.now() / 1000 - 360).toString();
    server.use(
      http.get(
        path,
        () => new HttpResponse(body, { headers: standin.signBody(body, undefined, sixMinutesAgo) }),
      ),
    );
    const stale = await rejectionOf(provider().queryOrder('T1000001'), PayProviderError);
    expect(stale).toMatchObject({ code: 'RESPONSE_SIGNATURE_INVALID' });
    expect(stale.message).toContain('STALE_TIMESTAMP');
  });

  it('is refused by the stand-in when its clock is more than 5 minutes off', async () => {
    const clock = fixedClock(new Date(Date.now() + 6 * 60_000));
    const error = await rejectionOf(provider({ clock }).queryOrder(orderNo()), PayProviderError);
    expect(error).toMatchObject({ code: 'SIGN_ERROR', httpStatus: 401 });
  });

  it('queries an order through its states', async () => {
    const p = provider();
    const no = orderNo();
    await p.prepay(prepayInput(no));
    await expect(p.queryOrder(no)).resolves.toStrictEqual({
      outTradeNo: no,
      tradeState: 'NOTPAY',
      tradeStateDesc: '未支付',
      amountFen: 1500,
      mchId: MCH_ID,
      appId: APP_ID,
    });
    expect(standin.requests.at(-1)!.pathWithQuery).toBe(
      `/v3/pay/transactions/out-trade-no/${no}?mchid=${MCH_ID}`,
    );

    standin.pay(no);
    const paid = await p.queryOrder(no);
    expect(paid).toMatchObject({
      outTradeNo: no,
      tradeState: 'SUCCESS',
      transactionId: standin.orders.get(no)!.transactionId,
      amountFen: 1500,
      payerTotalFen: 1500,
      payerOpenid: OPENID,
    });
    expect(paid.successTime).toBeInstanceOf(Date);

    const missing = await rejectionOf(p.queryOrder(orderNo()), PayProviderError);
    expect(missing).toMatchObject({ code: 'ORDER_NOT_EXIST', httpStatus: 404, retryable: false });
    expect(missing.requestId).toMatch(/^standin-/);
  });

  it('closes an unpaid order and cannot close a paid one', async () => {
    const p = provider();
    const unpaid = orderNo();
    await p.prepay(prepayInput(unpaid));
    await expect(p.closeOrder(unpaid)).resolves.toBeUndefined();
    expect((await p.queryOrder(unpaid)).tradeState).toBe('CLOSED');
    expect(await rejectionOf(p.prepay(prepayInput(unpaid)), PayProviderError)).toMatchObject({
      code: 'ORDER_CLOSED',
    });

    const paid = orderNo();
    await p.prepay(prepayInput(paid));
    standin.pay(paid);
    expect(await rejectionOf(p.closeOrder(paid), PayProviderError)).toMatchObject({ code: 'ORDERPAID' });
  });

  it('refunds, idempotently per refund number, and queries the refund', async () => {
    const p = provider();
    const no = orderNo();
    await p.prepay(prepayInput(no));
    standin.pay(no);
    const input = {
      outTradeNo: no,
      outRefundNo: `R${no}`,
      refundFen: 1000,
      totalFen: 1500,
      reason: '患者取消预约',
      notifyUrl: NOTIFY_URL,
    };

    const created = await p.refund(input);
    expect(created).toMatchObject({
      outRefundNo: `R${no}`,
      outTradeNo: no,
      status: 'PROCESSING',
      amountFen: 1000,
      totalFen: 1500,
    });
    expect(created.refundId).toBe(standin.refunds.get(`R${no}`)!.refundId);
    expect(await p.refund(input)).toStrictEqual(created);
    expect(standin.orders.get(no)!.refunded).toBe(1000);

    expect((await p.queryRefund(`R${no}`)).status).toBe('PROCESSING');
    standin.settleRefund(`R${no}`);
    const settled = await p.queryRefund(`R${no}`);
    expect(settled).toMatchObject({ status: 'SUCCESS', userReceivedAccount: '支付用户零钱' });
    expect(settled.successTime).toBeInstanceOf(Date);
    expect((await p.queryOrder(no)).tradeState).toBe('REFUND');

    const tooMuch = await rejectionOf(
      p.refund({ ...input, outRefundNo: `S${no}`, refundFen: 501 }),
      PayProviderError,
    );
    expect(tooMuch).toMatchObject({ code: 'INVALID_REQUEST', retryable: false });
    expect(await rejectionOf(p.queryRefund('R-none'), PayProviderError)).toMatchObject({
      code: 'RESOURCE_NOT_EXISTS',
    });
  });

  it('refuses bad input before sending anything', async () => {
    const before = standin.requests.length;
    const bad = [
      provider().prepay({ ...prepayInput(orderNo()), amountFen: 0 }),
      provider().prepay({ ...prepayInput(orderNo()), amountFen: 10.5 }),
      provider().prepay(prepayInput('no spaces allowed')),
      provider().refund({
        outTradeNo: orderNo(),
        outRefundNo: 'R1',
        refundFen: 2,
        totalFen: 1,
        reason: '',
        notifyUrl: NOTIFY_URL,
      }),
    ];
    for (const attempt of bad) {
      expect(await rejectionOf(attempt, PayProviderError)).toMatchObject({
        code: 'INVALID_INPUT',
        retryable: false,
      });
    }
    expect(standin.requests.length).toBe(before);
  });

  it('maps WeChat errors and transport failures to retryable or not', async () => {
    const path = `${WECHAT_PAY_API}/v3/pay/transactions/out-trade-no/:no`;
    const signedError = (status: number, code: string) => {
      const body = JSON.stringify({ code, message: '系统繁忙' });
      return new HttpResponse(body, {
        status,
        headers: { ...standin.signBody(body), 'Content-Type': 'application/json' },
      });
    };
    const cases: Array<[() => Response | Promise<Response>, Record<string, unknown>]> = [
      [() => signedError(500, 'SYSTEM_ERROR'), { code: 'SYSTEM_ERROR', retryable: true, httpStatus: 500 }],
      [() => signedError(429, 'FREQUENCY_LIMITED'), { code: 'FREQUENCY_LIMITED', retryable: true }],
      [() => signedError(400, 'PARAM_ERROR'), { code: 'PARAM_ERROR', retryable: false }],
      [
        () => new HttpResponse('<html>bad gateway</html>', { status: 502 }),
        { code: 'HTTP_502', retryable: true },
      ],
      [() => HttpResponse.error(), { code: 'NETWORK_ERROR', retryable: true }],
    ];
    for (const [reply, expected] of cases) {
      server.use(http.get(path, reply));
      expect(await rejectionOf(provider().queryOrder(orderNo()), PayProviderError)).toMatchObject(expected);
    }

    server.use(
      http.get(path, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    expect(
      await rejectionOf(provider({ timeoutMs: 50 }).queryOrder(orderNo()), PayProviderError),
    ).toMatchObject({
      code: 'TIMEOUT',
      retryable: true,
    });

    // An error answer that claims to be signed must verify, like any other answer.
    server.use(
      http.get(path, () => {
        const body = JSON.stringify({ code: 'ORDER_NOT_EXIST', message: '订单不存在' });
        return new HttpResponse(body, {
          status: 404,
          headers: standin.signBody(body, { privateKey: stranger.privateKey, serial: PUBLIC_KEY_ID }),
        });
      }),
    );
    expect(await rejectionOf(provider().queryOrder(orderNo()), PayProviderError)).toMatchObject({
      code: 'RESPONSE_SIGNATURE_INVALID',
    });
  });

  it('never puts keys into its errors', async () => {
    const errors = [
      await rejectionOf(
        provider({ merchantPrivateKey: stranger.privateKey }).queryOrder(orderNo()),
        PayProviderError,
      ),
      await rejectionOf(provider().queryOrder(orderNo()), PayProviderError),
    ];
    const text = errors.map((e) => `${e.message} ${JSON.stringify(e)}`).join(' ');
    expect(text).not.toContain(API_V3_KEY);
    expect(text).not.toContain(pemOf(merchant.privateKey).split('\n')[1]);
    expect(text).not.toContain(pemOf(stranger.privateKey).split('\n')[1]);
  });

  it('refuses to start with keys it cannot use', () => {
    expect(() => provider({ apiV3Key: 'too-short' })).toThrow(/APIv3 key/);
    expect(() => provider({ merchantPrivateKey: pemOf(merchant.publicKey) })).toThrow(/merchant private key/);
    expect(() => provider({ platformPublicKeys: {} })).toThrow(/at least one/);
    expect(() => provider({ baseUrl: 'api.mch.weixin.qq.com' })).toThrow(/absolute/);
  });
});

describe('parseNotification (real provider)', () => {
  const now = () => new Date();

  async function paidNotification(): Promise<{ no: string; n: SignedNotification }> {
    const no = orderNo();
    await provider().prepay(prepayInput(no));
    return { no, n: standin.pay(no) };
  }

  function mutateBody(body: string, change: (json: { resource: { ciphertext: string } }) => void): string {
    const json = JSON.parse(body) as { resource: { ciphertext: string } };
    change(json);
    return JSON.stringify(json);
  }

  it('accepts a genuine TRANSACTION.SUCCESS and returns the decrypted transaction', async () => {
    const { no, n } = await paidNotification();
    const parsed = await provider().parseNotification(n.headers, n.body, now());
    expect(parsed).toMatchObject({
      eventType: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      resource: {
        type: 'transaction',
        outTradeNo: no,
        transactionId: standin.orders.get(no)!.transactionId,
        tradeState: 'SUCCESS',
        amountFen: 1500,
        payerTotalFen: 1500,
        payerOpenid: OPENID,
        mchId: MCH_ID,
        appId: APP_ID,
      },
    });
    expect(parsed.id).toBe((JSON.parse(n.body) as { id: string }).id);
    expect(parsed.createTime).toBeInstanceOf(Date);
  });

  it('accepts lowercase header names as Koa gives them', async () => {
    const { n } = await paidNotification();
    const lower = Object.fromEntries(Object.entries(n.headers).map(([k, v]) => [k.toLowerCase(), v]));
    await expect(provider().parseNotification(lower, n.body, now())).resolves.toMatchObject({
      eventType: 'TRANSACTION.SUCCESS',
    });
  });

  it('accepts a notification signed with a platform certificate', async () => {
    const no = orderNo();
    await provider().prepay(prepayInput(no));
    const n = standin.pay(no);
    const body = n.body;
    const headers = standin.signBody(body, { privateKey: certPlatform.privateKey, serial: CERT_SERIAL });
    await expect(provider().parseNotification(headers, body, now())).resolves.toMatchObject({
      resource: { outTradeNo: no },
    });
  });

  it('accepts REFUND.SUCCESS and REFUND.ABNORMAL', async () => {
    const p = provider();
    const { no } = await paidNotification();
    await p.refund({
      outTradeNo: no,
      outRefundNo: `R${no}`,
      refundFen: 1500,
      totalFen: 1500,
      reason: '停诊',
      notifyUrl: NOTIFY_URL,
    });
    const success = standin.settleRefund(`R${no}`);
    await expect(p.parseNotification(success.headers, success.body, now())).resolves.toMatchObject({
      eventType: 'REFUND.SUCCESS',
      resource: {
        type: 'refund',
        outRefundNo: `R${no}`,
        outTradeNo: no,
        status: 'SUCCESS',
        amountFen: 1500,
        totalFen: 1500,
        mchId: MCH_ID,
      },
    });
    const abnormal = standin.settleRefund(`R${no}`, 'ABNORMAL');
    await expect(p.parseNotification(abnormal.headers, abnormal.body, now())).resolves.toMatchObject({
      eventType: 'REFUND.ABNORMAL',
      resource: { status: 'ABNORMAL' },
    });
  });

  async function rejection(headers: Record<string, string | undefined>, body: string, at = now()) {
    return rejectionOf(provider().parseNotification(headers, body, at), NotificationRejected);
  }

  it('rejects a forged signature', async () => {
    const { n } = await paidNotification();
    const forged = standin.signBody(n.body, { privateKey: stranger.privateKey, serial: PUBLIC_KEY_ID });
    expect((await rejection(forged, n.body)).reason).toBe('BAD_SIGNATURE');
  });

  it('rejects a body changed after signing', async () => {
    const { n } = await paidNotification();
    const changed = n.body.replace('"summary":"支付成功"', '"summary":"支付成功 "');
    expect((await rejection(n.headers, changed)).reason).toBe('BAD_SIGNATURE');
  });

  it('rejects an unknown serial, naming it', async () => {
    const { n } = await paidNotification();
    const headers = standin.signBody(n.body, { privateKey: platform.privateKey, serial: 'PUB_KEY_ID_9999' });
    const error = await rejection(headers, n.body);
    expect(error.reason).toBe('UNKNOWN_SERIAL');
    expect(error.message).toContain('PUB_KEY_ID_9999');
  });

  it('rejects a timestamp older than 5 minutes and accepts one just inside', async () => {
    const { n } = await paidNotification();
    const at = new Date();
    const seconds = (offset: number) => Math.floor(at.getTime() / 1000 + offset).toString();
    const old = standin.signBody(n.body, undefined, seconds(-301));
    expect((await rejection(old, n.body, at)).reason).toBe('STALE_TIMESTAMP');
    const recent = standin.signBody(n.body, undefined, seconds(-299));
    await expect(provider().parseNotification(recent, n.body, at)).resolves.toMatchObject({
      eventType: 'TRANSACTION.SUCCESS',
    });
    // A genuine notification replayed six minutes later is refused too.
    expect((await rejection(n.headers, n.body, new Date(at.getTime() + 6 * 60_000))).reason).toBe(
      'STALE_TIMESTAMP',
    );
  });

  it('rejects a tampered ciphertext even when the signature is valid', async () => {
    const { n } = await paidNotification();
    const body = mutateBody(n.body, (json) => {
      const bytes = Buffer.from(json.resource.ciphertext, 'base64');
      bytes[5] = (bytes[5] ?? 0) ^ 0xff;
      json.resource.ciphertext = bytes.toString('base64');
    });
    expect((await rejection(standin.signBody(body), body)).reason).toBe('UNDECRYPTABLE');
  });

  it('rejects a resource encrypted under another APIv3 key', async () => {
    const { no } = await paidNotification();
    const n = standin.notification({
      eventType: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      originalType: 'transaction',
      apiV3Key: 'ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ',
      resource: { mchid: MCH_ID, appid: APP_ID, out_trade_no: no, trade_state: 'SUCCESS' },
    });
    expect((await rejection(n.headers, n.body)).reason).toBe('UNDECRYPTABLE');
  });

  it('rejects another merchant’s or app’s transaction, an unknown event and missing headers', async () => {
    const other = (resource: object, eventType = 'TRANSACTION.SUCCESS') =>
      standin.notification({ eventType, summary: 'x', originalType: 'transaction', resource });
    const base = {
      out_trade_no: orderNo(),
      transaction_id: '4200000000',
      trade_state: 'SUCCESS',
      amount: { total: 1 },
    };
    const otherMch = other({ ...base, mchid: '1900000002', appid: APP_ID });
    expect((await rejection(otherMch.headers, otherMch.body)).reason).toBe('MERCHANT_MISMATCH');
    const otherApp = other({ ...base, mchid: MCH_ID, appid: 'wx0000000000000000' });
    expect((await rejection(otherApp.headers, otherApp.body)).reason).toBe('MERCHANT_MISMATCH');
    const unknownEvent = other({ ...base, mchid: MCH_ID, appid: APP_ID }, 'TRANSACTION.PAYING');
    expect((await rejection(unknownEvent.headers, unknownEvent.body)).reason).toBe('UNSUPPORTED_EVENT');
    const malformed = other({ mchid: MCH_ID, appid: APP_ID });
    expect((await rejection(malformed.headers, malformed.body)).reason).toBe('MALFORMED');
    const { 'Wechatpay-Signature': _dropped, ...unsigned } = otherMch.headers;
    expect((await rejection(unsigned, otherMch.body)).reason).toBe('MISSING_HEADERS');
  });
});

describe('local provider (embedded stand-in)', () => {
  const clock = fixedClock('2025-03-01T02:00:00Z');
  const localPlatform = rsa();
  const localApiV3Key = 'L0calApiV3Key-0123456789abcdefgh';
  let delivered: SignedNotification[];
  let local: LocalPayProvider;

  beforeEach(() => {
    delivered = [];
    local = createLocalPayProvider({
      appId: APP_ID,
      mchId: MCH_ID,
      clock,
      platformKey: { privateKey: localPlatform.privateKey },
      merchantPrivateKey: merchant.privateKey,
      apiV3Key: localApiV3Key,
      refundSettleAfterMs: 'manual',
      deliver: async (headers, body) => {
        delivered.push({ headers, body });
      },
    });
  });
  afterEach(() => local.stop());

  /** The real provider, configured with the local stand-in's WeChat Pay key and APIv3 key. */
  function realParser(): PayProvider {
    return createWechatPayProvider({
      mchId: MCH_ID,
      appId: APP_ID,
      merchantSerialNo: MERCHANT_SERIAL,
      merchantPrivateKey: merchant.privateKey,
      apiV3Key: localApiV3Key,
      platformPublicKeys: { [local.platformSerial]: local.platformPublicKeyPem },
    });
  }

  const input = (no: string, amountFen = 800) => ({
    ...prepayInput(no, amountFen),
    expiresAt: new Date(clock.now().getTime() + 15 * 60_000),
  });

  it('prepays with real signed client parameters', async () => {
    const params = await local.prepay(input('L000001'));
    expect(params.package).toMatch(/^prepay_id=wx\d{14}[0-9a-f]{16}$/);
    expect(verifiesAsPaySign(params, local.merchantPublicKeyPem)).toBe(true);
    expect(params.timeStamp).toBe(String(clock.now().getTime() / 1000));
    expect((await local.prepay(input('L000001'))).package).toBe(params.package);
    expect(local.platformSerial).toMatch(/^PUB_KEY_ID_LOCAL_[0-9A-F]{24}$/);
  });

  it('simulatePayment delivers a TRANSACTION.SUCCESS that its own parser and the real one both accept', async () => {
    await local.prepay(input('L000002'));
    const state = await local.simulatePayment('L000002');
    expect(state).toMatchObject({ tradeState: 'SUCCESS', amountFen: 800, payerOpenid: OPENID });
    expect(delivered).toHaveLength(1);
    const { headers, body } = delivered[0]!;
    expect(headers['Wechatpay-Serial']).toBe(local.platformSerial);
    expect(body).not.toContain(OPENID); // the resource is encrypted

    const own = await local.parseNotification(headers, body, clock.now());
    const real = await realParser().parseNotification(headers, body, clock.now());
    expect(real).toStrictEqual(own);
    expect(own).toMatchObject({
      eventType: 'TRANSACTION.SUCCESS',
      resource: {
        type: 'transaction',
        outTradeNo: 'L000002',
        transactionId: state.transactionId,
        tradeState: 'SUCCESS',
        amountFen: 800,
        payerOpenid: OPENID,
        mchId: MCH_ID,
        appId: APP_ID,
      },
    });
    expect(
      (own as PayNotification).resource.type === 'transaction' && own.resource.successTime,
    ).toStrictEqual(clock.now());
    await expect(local.queryOrder('L000002')).resolves.toMatchObject({ tradeState: 'SUCCESS' });
  });

  it('puts its notifications through the same checks: a parser without its key or too late refuses them', async () => {
    await local.prepay(input('L000003'));
    await local.simulatePayment('L000003');
    const { headers, body } = delivered[0]!;
    const rejected = await rejectionOf(
      provider().parseNotification(headers, body, clock.now()),
      NotificationRejected,
    );
    expect(rejected.reason).toBe('UNKNOWN_SERIAL');
    const late = new Date(clock.now().getTime() + 301_000);
    expect(
      (await rejectionOf(local.parseNotification(headers, body, late), NotificationRejected)).reason,
    ).toBe('STALE_TIMESTAMP');
    const tampered = body.replace('"summary":"支付成功"', '"summary":"x"');
    expect(
      (await rejectionOf(local.parseNotification(headers, tampered, clock.now()), NotificationRejected))
        .reason,
    ).toBe('BAD_SIGNATURE');
  });

  it('re-delivers the same notification when a paid order is confirmed again, as WeChat retries', async () => {
    await local.prepay(input('L000004'));
    await local.simulatePayment('L000004');
    clock.advance(15_000);
    await local.simulatePayment('L000004');
    const [first, second] = await Promise.all(
      delivered.map((d) => local.parseNotification(d.headers, d.body, clock.now())),
    );
    expect(second!.id).toBe(first!.id);
    expect(second!.resource).toStrictEqual(first!.resource);
  });

  it('keeps the payment when delivery fails, and says so', async () => {
    const failing = createLocalPayProvider({
      appId: APP_ID,
      mchId: MCH_ID,
      clock,
      platformKey: { privateKey: localPlatform.privateKey },
      merchantPrivateKey: merchant.privateKey,
      deliver: async () => {
        throw new Error('notify handler down');
      },
    });
    await failing.prepay(input('L000005'));
    await expect(failing.simulatePayment('L000005')).rejects.toThrow('notify handler down');
    await expect(failing.queryOrder('L000005')).resolves.toMatchObject({ tradeState: 'SUCCESS' });
  });

  it('answers like WeChat for unknown, closed, expired and paid orders', async () => {
    expect(await rejectionOf(local.queryOrder('L-unknown'), PayProviderError)).toMatchObject({
      code: 'ORDER_NOT_EXIST',
    });
    expect(await rejectionOf(local.simulatePayment('L-unknown'), PayProviderError)).toMatchObject({
      code: 'ORDER_NOT_EXIST',
    });

    await local.prepay(input('L000006'));
    await local.closeOrder('L000006');
    expect((await local.queryOrder('L000006')).tradeState).toBe('CLOSED');
    await expect(local.closeOrder('L000006')).resolves.toBeUndefined();
    expect(await rejectionOf(local.simulatePayment('L000006'), PayProviderError)).toMatchObject({
      code: 'ORDER_CLOSED',
    });
    expect(await rejectionOf(local.prepay(input('L000006')), PayProviderError)).toMatchObject({
      code: 'ORDER_CLOSED',
    });

    await local.prepay(input('L000007'));
    clock.advance(16 * 60_000);
    expect(await rejectionOf(local.simulatePayment('L000007'), PayProviderError)).toMatchObject({
      code: 'ORDER_EXPIRED',
    });

    await local.prepay(input('L000008'));
    await local.simulatePayment('L000008');
    expect(await rejectionOf(local.closeOrder('L000008'), PayProviderError)).toMatchObject({
      code: 'ORDERPAID',
    });
    expect(await rejectionOf(local.prepay(input('L000008')), PayProviderError)).toMatchObject({
      code: 'ORDERPAID',
    });
    expect(await rejectionOf(local.prepay(input('L000009', 0)), PayProviderError)).toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('refunds: PROCESSING, then flushRefunds completes them and delivers REFUND.SUCCESS through the same path', async () => {
    await local.prepay(input('L000010'));
    await local.simulatePayment('L000010');
    const refundInput = {
      outTradeNo: 'L000010',
      outRefundNo: 'RL000010',
      refundFen: 800,
      totalFen: 800,
      reason: '停诊退款',
      notifyUrl: NOTIFY_URL,
    };
    const created = await local.refund(refundInput);
    expect(created).toMatchObject({ status: 'PROCESSING', amountFen: 800 });
    expect(await local.refund(refundInput)).toStrictEqual(created);
    expect(
      await rejectionOf(
        local.refund({ ...refundInput, outRefundNo: 'RL000010b', refundFen: 1 }),
        PayProviderError,
      ),
    ).toMatchObject({
      code: 'INVALID_REQUEST',
    });
    expect((await local.queryOrder('L000010')).tradeState).toBe('REFUND');
    expect(delivered).toHaveLength(1);

    const flushed = await local.flushRefunds();
    expect(flushed).toMatchObject([{ outRefundNo: 'RL000010', status: 'SUCCESS' }]);
    expect(delivered).toHaveLength(2);
    const { headers, body } = delivered[1]!;
    const notification = await realParser().parseNotification(headers, body, clock.now());
    expect(notification).toMatchObject({
      eventType: 'REFUND.SUCCESS',
      resource: {
        type: 'refund',
        outRefundNo: 'RL000010',
        outTradeNo: 'L000010',
        status: 'SUCCESS',
        amountFen: 800,
        mchId: MCH_ID,
      },
    });
    expect(await local.queryRefund('RL000010')).toMatchObject({
      status: 'SUCCESS',
      refundId: created.refundId,
    });
    await expect(local.flushRefunds()).resolves.toStrictEqual([]);
    expect(await rejectionOf(local.queryRefund('R-unknown'), PayProviderError)).toMatchObject({
      code: 'RESOURCE_NOT_EXISTS',
    });
    expect(
      await rejectionOf(
        local.refund({ ...refundInput, outTradeNo: 'L-unknown', outRefundNo: 'R2' }),
        PayProviderError,
      ),
    ).toMatchObject({
      code: 'RESOURCE_NOT_EXISTS',
    });
  });

  it('delivers REFUND.SUCCESS by itself after the configured delay, retrying a failed delivery', async () => {
    let attempts = 0;
    let resolveDelivered: (n: SignedNotification) => void = () => {};
    const deliveredOnce = new Promise<SignedNotification>((resolve) => {
      resolveDelivered = resolve;
    });
    const errors: unknown[] = [];
    const auto = createLocalPayProvider({
      appId: APP_ID,
      mchId: MCH_ID,
      clock,
      platformKey: { privateKey: localPlatform.privateKey },
      merchantPrivateKey: merchant.privateKey,
      refundSettleAfterMs: 1,
      onDeliveryError: (err) => errors.push(err),
      deliver: async (headers, body) => {
        if (body.includes('"event_type":"REFUND.SUCCESS"') && ++attempts === 1) throw new Error('busy');
        if (body.includes('"event_type":"REFUND.SUCCESS"')) resolveDelivered({ headers, body });
      },
    });
    try {
      await auto.prepay(input('L000011'));
      await auto.simulatePayment('L000011');
      await auto.refund({
        outTradeNo: 'L000011',
        outRefundNo: 'RL000011',
        refundFen: 300,
        totalFen: 800,
        reason: '',
        notifyUrl: NOTIFY_URL,
      });
      const n = await deliveredOnce;
      expect(attempts).toBe(2);
      expect(errors).toHaveLength(1);
      await expect(auto.parseNotification(n.headers, n.body, clock.now())).resolves.toMatchObject({
        eventType: 'REFUND.SUCCESS',
        resource: { outRefundNo: 'RL000011', amountFen: 300 },
      });
    } finally {
      auto.stop();
    }
  });
});
