import {
  createCipheriv,
  type KeyObject,
  randomBytes,
  randomInt,
  randomUUID,
  sign,
  verify,
} from 'node:crypto';
import { type HttpHandler, HttpResponse, http } from 'msw';

/**
 * WeChat Pay API v3 as an msw handler set, for tests of the real provider. It is written from WeChat's
 * documentation with node:crypto only (none of the code under test), so a mistake in the provider's signing or
 * verification cannot cancel out against the same mistake here:
 *
 * - every request must carry a valid WECHATPAY2-SHA256-RSA2048 Authorization by the merchant key (checked
 *   with the merchant public key, serial and mchid, timestamp within 5 minutes) or gets an unsigned
 *   401 `{code: 'SIGN_ERROR'}`, as WeChat answers;
 * - every other answer is signed with the platform key (`Wechatpay-Signature` over `timestamp\nnonce\nbody\n`);
 * - it keeps the orders and refunds it was given and answers prepay, query, close, refund and refund query;
 * - it builds notifications as WeChat does (AES-256-GCM resource under the APIv3 key, signed headers).
 */

export const WECHAT_PAY_API = 'https://api.mch.weixin.qq.com';

export interface StandinSigner {
  privateKey: KeyObject;
  serial: string;
}

export interface StandinOrder {
  appid: string;
  mchid: string;
  description: string;
  outTradeNo: string;
  timeExpire: string;
  notifyUrl: string;
  total: number;
  openid: string;
  prepayId: string;
  state: 'NOTPAY' | 'SUCCESS' | 'REFUND' | 'CLOSED';
  transactionId?: string;
  successTime?: string;
  refunded: number;
}

export interface StandinRefund {
  outRefundNo: string;
  outTradeNo: string;
  refundId: string;
  refund: number;
  total: number;
  reason?: string;
  notifyUrl: string;
  status: 'PROCESSING' | 'SUCCESS' | 'CLOSED' | 'ABNORMAL';
  createTime: string;
  successTime?: string;
}

/** One request as the stand-in saw it. */
export interface StandinRequest {
  method: string;
  pathWithQuery: string;
  headers: Headers;
  body: string;
  /** Whether the merchant signature verified. */
  authorized: boolean;
}

export interface SignedNotification {
  headers: Record<string, string>;
  body: string;
}

export interface WechatPayStandin {
  handlers: HttpHandler[];
  orders: Map<string, StandinOrder>;
  refunds: Map<string, StandinRefund>;
  requests: StandinRequest[];
  /** Signs answers; replace it to make the stand-in sign with a key the client does not trust. */
  responseSigner: StandinSigner;
  /** The payer pays: the order becomes SUCCESS; returns the TRANSACTION.SUCCESS notification. */
  pay(outTradeNo: string): SignedNotification;
  /** The refund completes (or fails); returns the REFUND.* notification. */
  settleRefund(outRefundNo: string, status?: 'SUCCESS' | 'CLOSED' | 'ABNORMAL'): SignedNotification;
  /** `Wechatpay-*` headers signing `body` (default: the platform key, now), e.g. to re-sign a tampered body. */
  signBody(body: string, signer?: StandinSigner, timestamp?: string): Record<string, string>;
  /** Any notification, built and signed as WeChat does; `signer`/`timestamp` default to the platform's and now. */
  notification(n: {
    eventType: string;
    summary: string;
    originalType: string;
    resource: object;
    signer?: StandinSigner;
    timestamp?: string;
    apiV3Key?: string;
  }): SignedNotification;
}

export function wechatPayStandin(opts: {
  mchId: string;
  appId: string;
  merchantSerialNo: string;
  merchantPublicKey: KeyObject;
  platform: StandinSigner;
  apiV3Key: string;
  baseUrl?: string;
  now?: () => Date;
}): WechatPayStandin {
  const base = opts.baseUrl ?? WECHAT_PAY_API;
  const now = opts.now ?? (() => new Date());
  const orders = new Map<string, StandinOrder>();
  const refunds = new Map<string, StandinRefund>();
  const requests: StandinRequest[] = [];

  const standin: WechatPayStandin = {
    handlers: [],
    orders,
    refunds,
    requests,
    responseSigner: opts.platform,
    pay(outTradeNo) {
      const order = orders.get(outTradeNo);
      if (order?.state !== 'NOTPAY') throw new Error(`stand-in: ${outTradeNo} is not payable`);
      order.state = 'SUCCESS';
      order.transactionId = `4200${randomInt(1e9, 1e10 - 1)}${randomInt(1e9, 1e10 - 1)}`;
      order.successTime = beijing(now());
      return standin.notification({
        eventType: 'TRANSACTION.SUCCESS',
        summary: '支付成功',
        originalType: 'transaction',
        resource: { ...transactionJson(order), trade_state: 'SUCCESS', trade_state_desc: '支付成功' },
      });
    },
    settleRefund(outRefundNo, status = 'SUCCESS') {
      const refund = refunds.get(outRefundNo);
      if (!refund) throw new Error(`stand-in: no refund ${outRefundNo}`);
      refund.status = status;
      if (status === 'SUCCESS') refund.successTime = beijing(now());
      return standin.notification({
        eventType: `REFUND.${status}`,
        summary: status === 'SUCCESS' ? '退款成功' : '退款异常',
        originalType: 'refund',
        resource: {
          mchid: opts.mchId,
          out_trade_no: refund.outTradeNo,
          transaction_id: orders.get(refund.outTradeNo)?.transactionId,
          out_refund_no: refund.outRefundNo,
          refund_id: refund.refundId,
          refund_status: status,
          ...(refund.successTime ? { success_time: refund.successTime } : {}),
          user_received_account: '支付用户零钱',
          amount: {
            total: refund.total,
            refund: refund.refund,
            payer_total: refund.total,
            payer_refund: refund.refund,
          },
        },
      });
    },
    signBody(body, signer, timestamp) {
      return signedHeaders(body, signer ?? opts.platform, timestamp);
    },
    notification(n) {
      const nonce = randomBytes(9).toString('base64url').slice(0, 12);
      const cipher = createCipheriv(
        'aes-256-gcm',
        Buffer.from(n.apiV3Key ?? opts.apiV3Key, 'utf8'),
        Buffer.from(nonce),
      );
      cipher.setAAD(Buffer.from(n.originalType));
      const ciphertext = Buffer.concat([
        cipher.update(JSON.stringify(n.resource), 'utf8'),
        cipher.final(),
        cipher.getAuthTag(),
      ]).toString('base64');
      const body = JSON.stringify({
        id: randomUUID(),
        create_time: beijing(now()),
        resource_type: 'encrypt-resource',
        event_type: n.eventType,
        summary: n.summary,
        resource: {
          original_type: n.originalType,
          algorithm: 'AEAD_AES_256_GCM',
          ciphertext,
          associated_data: n.originalType,
          nonce,
        },
      });
      return { headers: signedHeaders(body, n.signer ?? opts.platform, n.timestamp), body };
    },
  };

  function signedHeaders(body: string, signer: StandinSigner, timestamp?: string): Record<string, string> {
    const ts = timestamp ?? Math.floor(now().getTime() / 1000).toString();
    const nonce = randomBytes(16).toString('hex');
    const signature = sign('sha256', Buffer.from(`${ts}\n${nonce}\n${body}\n`), signer.privateKey).toString(
      'base64',
    );
    return {
      'Wechatpay-Timestamp': ts,
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Signature': signature,
      'Wechatpay-Serial': signer.serial,
      'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
    };
  }

  /** A signed answer, as WeChat sends to a correctly signed request. */
  function answer(status: number, json?: object): Response {
    const body = json === undefined ? '' : JSON.stringify(json);
    const headers = {
      ...signedHeaders(body, standin.responseSigner),
      'Request-ID': `standin-${randomUUID()}`,
      ...(json === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
    };
    return new HttpResponse(json === undefined ? null : body, { status, headers });
  }

  const error = (status: number, code: string, message: string) => answer(status, { code, message });

  /** Checks the merchant's signature; returns the body when it verifies, or the 401 to send. */
  async function authenticate(request: Request): Promise<{ body: string } | { refused: Response }> {
    const body = await request.text();
    const url = new URL(request.url);
    const pathWithQuery = `${url.pathname}${url.search}`;
    const record: StandinRequest = {
      method: request.method,
      pathWithQuery,
      headers: request.headers,
      body,
      authorized: false,
    };
    requests.push(record);
    // WeChat cannot sign an answer to a request it could not attribute, so these 401s are unsigned.
    const refuse = (message: string) => ({
      refused: HttpResponse.json(
        { code: 'SIGN_ERROR', message },
        { status: 401, headers: { 'Request-ID': 'standin-401' } },
      ),
    });
    const auth = request.headers.get('Authorization') ?? '';
    const match =
      /^WECHATPAY2-SHA256-RSA2048 (?=.*\bmchid="([^"]+)")(?=.*\bnonce_str="([^"]+)")(?=.*\bsignature="([^"]+)")(?=.*\btimestamp="([^"]+)")(?=.*\bserial_no="([^"]+)")/.exec(
        auth,
      );
    if (!match) return refuse('Authorization 缺失或格式错误');
    const [, mchid, nonce, signature, timestamp, serial] = match as unknown as string[];
    if (mchid !== opts.mchId) return refuse('商户号与签名不匹配');
    if (serial !== opts.merchantSerialNo) return refuse('商户证书序列号有误');
    if (Math.abs(now().getTime() / 1000 - Number(timestamp)) > 300) return refuse('签名时间戳已过期');
    const message = `${request.method}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${body}\n`;
    const ok = verify(
      'sha256',
      Buffer.from(message),
      opts.merchantPublicKey,
      Buffer.from(signature!, 'base64'),
    );
    if (!ok) return refuse('签名错误');
    if (!request.headers.get('User-Agent')) return refuse('请求缺少 User-Agent');
    record.authorized = true;
    return { body };
  }

  function transactionJson(order: StandinOrder): Record<string, unknown> {
    const paid = order.state === 'SUCCESS' || order.state === 'REFUND';
    return {
      appid: order.appid,
      mchid: order.mchid,
      out_trade_no: order.outTradeNo,
      trade_state: order.state,
      trade_state_desc: { NOTPAY: '未支付', SUCCESS: '支付成功', REFUND: '转入退款', CLOSED: '已关闭' }[
        order.state
      ],
      ...(paid
        ? {
            transaction_id: order.transactionId,
            trade_type: 'JSAPI',
            bank_type: 'OTHERS',
            attach: '',
            success_time: order.successTime,
            payer: { openid: order.openid },
            amount: { total: order.total, payer_total: order.total, currency: 'CNY', payer_currency: 'CNY' },
          }
        : { amount: { total: order.total, currency: 'CNY' } }),
    };
  }

  function refundJson(r: StandinRefund): Record<string, unknown> {
    return {
      refund_id: r.refundId,
      out_refund_no: r.outRefundNo,
      transaction_id: orders.get(r.outTradeNo)?.transactionId,
      out_trade_no: r.outTradeNo,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      ...(r.successTime ? { success_time: r.successTime } : {}),
      create_time: r.createTime,
      status: r.status,
      funds_account: 'AVAILABLE',
      amount: {
        total: r.total,
        refund: r.refund,
        payer_total: r.total,
        payer_refund: r.refund,
        settlement_refund: r.refund,
        settlement_total: r.total,
        discount_refund: 0,
        currency: 'CNY',
      },
      promotion_detail: [],
    };
  }

  const lastSegment = (request: Request, fromEnd = 0) => {
    const parts = new URL(request.url).pathname.split('/');
    return decodeURIComponent(parts[parts.length - 1 - fromEnd] ?? '');
  };

  standin.handlers = [
    http.post(`${base}/v3/pay/transactions/jsapi`, async ({ request }) => {
      const auth = await authenticate(request);
      if ('refused' in auth) return auth.refused;
      const b = JSON.parse(auth.body) as {
        appid?: string;
        mchid?: string;
        description?: string;
        out_trade_no?: string;
        time_expire?: string;
        notify_url?: string;
        amount?: { total?: number; currency?: string };
        payer?: { openid?: string };
      };
      if (b.mchid !== opts.mchId || b.appid !== opts.appId) {
        return error(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
      }
      const total = b.amount?.total;
      if (
        !b.description ||
        !b.out_trade_no ||
        !b.notify_url?.startsWith('https://') ||
        !b.payer?.openid ||
        !Number.isInteger(total) ||
        (total as number) <= 0 ||
        b.amount?.currency !== 'CNY' ||
        !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/.test(b.time_expire ?? '')
      ) {
        return error(400, 'PARAM_ERROR', '参数错误');
      }
      const existing = orders.get(b.out_trade_no);
      if (existing) {
        if (existing.state === 'CLOSED') return error(400, 'ORDER_CLOSED', '订单已关闭');
        if (existing.state !== 'NOTPAY') return error(400, 'ORDERPAID', '该订单已支付');
        if (existing.total !== total || existing.openid !== b.payer.openid) {
          return error(403, 'OUT_TRADE_NO_USED', '商户订单号重复');
        }
        return answer(200, { prepay_id: existing.prepayId });
      }
      const order: StandinOrder = {
        appid: b.appid,
        mchid: b.mchid,
        description: b.description,
        outTradeNo: b.out_trade_no,
        timeExpire: b.time_expire!,
        notifyUrl: b.notify_url,
        total: total as number,
        openid: b.payer.openid,
        prepayId: `wx${Date.now()}${randomBytes(8).toString('hex')}`,
        state: 'NOTPAY',
        refunded: 0,
      };
      orders.set(order.outTradeNo, order);
      return answer(200, { prepay_id: order.prepayId });
    }),

    http.get(`${base}/v3/pay/transactions/out-trade-no/:outTradeNo`, async ({ request }) => {
      const auth = await authenticate(request);
      if ('refused' in auth) return auth.refused;
      if (new URL(request.url).searchParams.get('mchid') !== opts.mchId) {
        return error(400, 'PARAM_ERROR', 'mchid 与请求商户不一致');
      }
      const order = orders.get(lastSegment(request));
      if (!order) return error(404, 'ORDER_NOT_EXIST', '订单不存在');
      return answer(200, transactionJson(order));
    }),

    http.post(`${base}/v3/pay/transactions/out-trade-no/:outTradeNo/close`, async ({ request }) => {
      const auth = await authenticate(request);
      if ('refused' in auth) return auth.refused;
      if ((JSON.parse(auth.body) as { mchid?: string }).mchid !== opts.mchId) {
        return error(400, 'PARAM_ERROR', 'mchid 与请求商户不一致');
      }
      const order = orders.get(lastSegment(request, 1));
      if (!order) return error(404, 'ORDER_NOT_EXIST', '订单不存在');
      if (order.state === 'SUCCESS' || order.state === 'REFUND') return error(400, 'ORDERPAID', '订单已支付');
      order.state = 'CLOSED';
      return answer(204);
    }),

    http.post(`${base}/v3/refund/domestic/refunds`, async ({ request }) => {
      const auth = await authenticate(request);
      if ('refused' in auth) return auth.refused;
      const b = JSON.parse(auth.body) as {
        out_trade_no?: string;
        out_refund_no?: string;
        reason?: string;
        notify_url?: string;
        amount?: { refund?: number; total?: number; currency?: string };
      };
      if (
        !b.out_refund_no ||
        !b.out_trade_no ||
        !b.amount?.refund ||
        !b.amount.total ||
        b.amount.currency !== 'CNY'
      ) {
        return error(400, 'PARAM_ERROR', '参数错误');
      }
      const existing = refunds.get(b.out_refund_no);
      if (existing) return answer(200, refundJson(existing));
      const order = orders.get(b.out_trade_no);
      if (!order) return error(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
      if (order.state !== 'SUCCESS' && order.state !== 'REFUND') {
        return error(400, 'INVALID_REQUEST', '订单未支付');
      }
      if (b.amount.total !== order.total) return error(400, 'PARAM_ERROR', '订单金额不一致');
      if (order.refunded + b.amount.refund > order.total) {
        return error(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');
      }
      order.refunded += b.amount.refund;
      order.state = 'REFUND';
      const refund: StandinRefund = {
        outRefundNo: b.out_refund_no,
        outTradeNo: b.out_trade_no,
        refundId: `50${randomInt(1e9, 1e10 - 1)}${randomInt(1e9, 1e10 - 1)}`,
        refund: b.amount.refund,
        total: b.amount.total,
        ...(b.reason ? { reason: b.reason } : {}),
        notifyUrl: b.notify_url ?? '',
        status: 'PROCESSING',
        createTime: beijing(now()),
      };
      refunds.set(refund.outRefundNo, refund);
      return answer(200, refundJson(refund));
    }),

    http.get(`${base}/v3/refund/domestic/refunds/:outRefundNo`, async ({ request }) => {
      const auth = await authenticate(request);
      if ('refused' in auth) return auth.refused;
      const refund = refunds.get(lastSegment(request));
      if (!refund) return error(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
      return answer(200, refundJson(refund));
    }),
  ];
  return standin;
}

/** RFC 3339 in Beijing time, as WeChat writes times. */
export function beijing(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

// ── A self-signed X.509 certificate, for platform-certificate mode, with node:crypto and a minimal DER writer.

function der(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let length: Buffer;
  if (n < 0x80) length = Buffer.from([n]);
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
    length = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

const seq = (...parts: Buffer[]) => der(0x30, Buffer.concat(parts));

function derInteger(hex: string): Buffer {
  let bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return der(0x02, bytes);
}

function derOid(oid: string): Buffer {
  const [a, b, ...rest] = oid.split('.').map(Number) as [number, number, ...number[]];
  const out = [a * 40 + b];
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f];
    for (let v = arc >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return der(0x06, Buffer.from(out));
}

function derTime(at: Date): Buffer {
  const s = at.toISOString();
  return der(
    0x17,
    Buffer.from(
      `${s.slice(2, 4)}${s.slice(5, 7)}${s.slice(8, 10)}${s.slice(11, 13)}${s.slice(14, 16)}${s.slice(17, 19)}Z`,
    ),
  );
}

const derName = (cn: string) => seq(der(0x31, seq(derOid('2.5.4.3'), der(0x0c, Buffer.from(cn, 'utf8')))));

/**
 * A PEM certificate for `publicKey`, self-signed by `privateKey` (sha256WithRSAEncryption), with the given hex
 * serial: what WeChat's platform certificates look like to the code that reads them.
 */
export function selfSignedCertificate(c: {
  privateKey: KeyObject;
  publicKey: KeyObject;
  serialHex: string;
  commonName?: string;
  notBefore?: Date;
  notAfter?: Date;
}): string {
  const algorithm = seq(derOid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));
  const name = derName(c.commonName ?? 'Tenpay.com Root CA (test)');
  const tbs = seq(
    der(0xa0, derInteger('02')),
    derInteger(c.serialHex),
    algorithm,
    name,
    seq(
      derTime(c.notBefore ?? new Date('2020-01-01T00:00:00Z')),
      derTime(c.notAfter ?? new Date('2045-01-01T00:00:00Z')),
    ),
    name,
    c.publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, c.privateKey);
  const cert = seq(tbs, algorithm, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const b64 = cert.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${b64.trimEnd()}\n-----END CERTIFICATE-----\n`;
}
