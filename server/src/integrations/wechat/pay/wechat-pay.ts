import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { type Clock, systemClock } from '../../../core/clock';
import { FetchFailed, fetchText } from '../../http';
import {
  buildClientPayParams,
  checkWechatpaySignature,
  generateNonce,
  hasWechatpaySignature,
  type KeyInput,
  rfc3339Beijing,
  signRequest,
  toApiV3Key,
  toPrivateKey,
  unixSeconds,
} from './crypto';
import { createNotificationParser, MAX_SIGNATURE_SKEW_SECONDS, toPlatformKeys } from './notification';
import { type PayProvider, PayProviderError } from './types';
import {
  checkInput,
  describeIssues,
  errorWire,
  outRefundNoWire,
  outTradeNoWire,
  prepayInputWire,
  refundInputWire,
  refundWire,
  toRefundState,
  toTradeState,
  transactionWire,
} from './wire';

/** Options of the real provider. Secrets are best passed as KeyObjects (see `loadPayConfig`). */
export interface WechatPayProviderOptions {
  /** 商户号. */
  mchId: string;
  /** The mini-program's appid, bound to the merchant. */
  appId: string;
  /** Serial number of the merchant API certificate (商户API证书序列号). */
  merchantSerialNo: string;
  /** The merchant API private key (`apiclient_key.pem`): signs requests and `paySign`. */
  merchantPrivateKey: KeyInput;
  /** The 32-character APIv3 key: decrypts notification resources. */
  apiV3Key: KeyInput;
  /**
   * Keys that verify WeChat's responses and notifications, by the serial WeChat puts in `Wechatpay-Serial`:
   * `PUB_KEY_ID_…` → the WeChat Pay public key, or a platform certificate serial → that certificate (or its
   * public key). Both kinds may be configured at once, as during a migration from certificates to public keys.
   */
  platformPublicKeys: Record<string, KeyInput>;
  /** Default https://api.mch.weixin.qq.com (https://api2.mch.weixin.qq.com is WeChat's backup domain). */
  baseUrl?: string;
  /** Default: the global fetch, looked up on every call (msw replaces it after the provider may exist). */
  fetch?: typeof fetch;
  /** Covers connecting and reading the body. Default 10 000 ms. */
  timeoutMs?: number;
  /** Timestamps of requests and client parameters, and the freshness check of responses. */
  clock?: Clock;
}

/** The real provider; `kind` narrows a `createPayProvider` result. */
export interface WechatPayProvider extends PayProvider {
  readonly kind: 'wechat';
}

export const WECHAT_PAY_BASE_URL = 'https://api.mch.weixin.qq.com';
const DEFAULT_TIMEOUT_MS = 10_000;
// API v3 refuses requests without a User-Agent.
const USER_AGENT = 'hospital-experience/0.1 (+wechatpay-apiv3; node)';
/** Codes WeChat documents as "try again later" (plus every 5xx and 429). */
const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'SYSTEM_ERROR',
  'SYSTEMERROR',
  'FREQUENCY_LIMITED',
  'BANK_ERROR',
  'BANKERROR',
  'NOT_ENOUGH',
]);

const prepayReplyWire = z.object({ prepay_id: z.string().min(1) });

/**
 * The real WeChat Pay API v3 provider (直连商户, JSAPI). Every request carries a WECHATPAY2-SHA256-RSA2048
 * Authorization; every 2xx answer must carry a valid WeChat signature by a configured key (and error answers
 * that carry one must verify too), or the call fails with RESPONSE_SIGNATURE_INVALID / UNKNOWN_PLATFORM_SERIAL.
 * Nothing is logged here; errors never contain keys, request bodies or openids.
 *
 * Throws at construction for an unusable key or base URL, so a bad configuration fails at start-up.
 */
export function createWechatPayProvider(opts: WechatPayProviderOptions): WechatPayProvider {
  const merchantKey = toPrivateKey(opts.merchantPrivateKey, 'merchant private key');
  const apiV3Key = toApiV3Key(opts.apiV3Key);
  const platformKeys: ReadonlyMap<string, KeyObject> = toPlatformKeys(opts.platformPublicKeys);
  if (platformKeys.size === 0) throw new Error('WeChat Pay needs at least one platform key or public key');
  const base = baseUrlOf(opts.baseUrl ?? WECHAT_PAY_BASE_URL);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const clock = opts.clock ?? systemClock;
  const doFetch: typeof fetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const parseNotification = createNotificationParser({
    mchId: opts.mchId,
    appId: opts.appId,
    apiV3Key,
    platformKeys,
  });

  /** One signed call; resolves with the parsed JSON body (undefined for 204) of a verified 2xx answer. */
  async function call(
    what: string,
    method: 'GET' | 'POST',
    path: string,
    payload?: object,
  ): Promise<unknown> {
    const url = new URL(`${base}${path}`);
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const nonce = generateNonce();
    const headers: Record<string, string> = {
      Authorization: signRequest({
        method,
        urlPathWithQuery: `${url.pathname}${url.search}`,
        timestamp: unixSeconds(clock.now()),
        nonce,
        body,
        mchId: opts.mchId,
        serialNo: opts.merchantSerialNo,
        privateKey: merchantKey,
      }),
      Accept: 'application/json',
      'User-Agent': USER_AGENT,
    };
    if (payload !== undefined) headers['Content-Type'] = 'application/json';

    let response: Response;
    let text: string;
    try {
      ({ response, text } = await fetchText(
        doFetch,
        url,
        { method, headers, ...(payload === undefined ? {} : { body }) },
        timeoutMs,
      ));
    } catch (err) {
      if (!(err instanceof FetchFailed)) throw err;
      throw err.timedOut
        ? new PayProviderError('TIMEOUT', `${what}: no answer within ${timeoutMs} ms`, { retryable: true })
        : new PayProviderError('NETWORK_ERROR', `${what}: ${err.message}`, { retryable: true });
    }

    const status = response.status;
    const requestId = response.headers.get('Request-ID') ?? undefined;
    const ok = status >= 200 && status < 300;
    const context = { httpStatus: status, ...(requestId ? { requestId } : {}) };

    // WeChat signs every answer to a correctly signed request; it cannot sign a 401 to a badly signed one.
    if (ok || hasWechatpaySignature(response.headers)) {
      const problem = checkWechatpaySignature({
        headers: response.headers,
        body: text,
        keys: platformKeys,
        now: clock.now(),
        maxSkewSeconds: MAX_SIGNATURE_SKEW_SECONDS,
      });
      if (problem === 'UNKNOWN_SERIAL') {
        throw new PayProviderError(
          'UNKNOWN_PLATFORM_SERIAL',
          `${what}: answer signed with WeChat Pay key ${response.headers.get('Wechatpay-Serial')}, which is not configured`,
          { retryable: false, ...context },
        );
      }
      if (problem) {
        throw new PayProviderError(
          'RESPONSE_SIGNATURE_INVALID',
          `${what}: answer refused (${problem}); it may not come from WeChat Pay`,
          { retryable: false, ...context },
        );
      }
    }

    if (!ok) throw errorFrom(what, status, text, context);
    if (text === '') return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw new PayProviderError('BAD_RESPONSE', `${what}: answer is not JSON (${text.length} chars)`, {
        retryable: true,
        ...context,
      });
    }
  }

  /** Validates a verified answer; the values themselves stay out of the message. */
  function read<T>(what: string, schema: z.ZodType<T>, body: unknown): T {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new PayProviderError(
        'BAD_RESPONSE',
        `${what}: unexpected answer (${describeIssues(parsed.error)})`,
        {
          retryable: true,
        },
      );
    }
    return parsed.data;
  }

  function mismatch(what: string, field: string): PayProviderError {
    return new PayProviderError('BAD_RESPONSE', `${what}: answer is about another ${field}`, {
      retryable: false,
    });
  }

  const tradePath = (outTradeNo: string) =>
    `/v3/pay/transactions/out-trade-no/${encodeURIComponent(checkInput(outTradeNoWire, outTradeNo, 'outTradeNo'))}`;

  return {
    kind: 'wechat',

    async prepay(input) {
      const p = checkInput(prepayInputWire, input, 'prepay');
      const reply = await call('JSAPI prepay', 'POST', '/v3/pay/transactions/jsapi', {
        appid: opts.appId,
        mchid: opts.mchId,
        description: p.description,
        out_trade_no: p.outTradeNo,
        time_expire: rfc3339Beijing(p.expiresAt),
        notify_url: p.notifyUrl,
        amount: { total: p.amountFen, currency: 'CNY' },
        payer: { openid: p.payerOpenid },
      });
      const { prepay_id } = read('JSAPI prepay', prepayReplyWire, reply);
      return buildClientPayParams({
        appId: opts.appId,
        prepayId: prepay_id,
        privateKey: merchantKey,
        now: clock.now(),
      });
    },

    async queryOrder(outTradeNo) {
      const path = `${tradePath(outTradeNo)}?mchid=${encodeURIComponent(opts.mchId)}`;
      const state = toTradeState(
        read('order query', transactionWire, await call('order query', 'GET', path)),
      );
      if (state.outTradeNo !== outTradeNo) throw mismatch('order query', 'order');
      if (state.mchId !== opts.mchId || state.appId !== opts.appId) throw mismatch('order query', 'merchant');
      return state;
    },

    async closeOrder(outTradeNo) {
      await call('close order', 'POST', `${tradePath(outTradeNo)}/close`, { mchid: opts.mchId });
    },

    async refund(input) {
      const r = checkInput(refundInputWire, input, 'refund');
      const reply = await call('refund', 'POST', '/v3/refund/domestic/refunds', {
        out_trade_no: r.outTradeNo,
        out_refund_no: r.outRefundNo,
        ...(r.reason ? { reason: r.reason } : {}),
        notify_url: r.notifyUrl,
        amount: { refund: r.refundFen, total: r.totalFen, currency: 'CNY' },
      });
      const state = toRefundState(read('refund', refundWire, reply));
      if (state.outRefundNo !== r.outRefundNo) throw mismatch('refund', 'refund');
      return state;
    },

    async queryRefund(outRefundNo) {
      const no = checkInput(outRefundNoWire, outRefundNo, 'outRefundNo');
      const reply = await call(
        'refund query',
        'GET',
        `/v3/refund/domestic/refunds/${encodeURIComponent(no)}`,
      );
      const state = toRefundState(read('refund query', refundWire, reply));
      if (state.outRefundNo !== outRefundNo) throw mismatch('refund query', 'refund');
      return state;
    },

    parseNotification,
  };
}

/** A WeChat error answer (`{code, message}`) as a PayProviderError. */
function errorFrom(
  what: string,
  status: number,
  text: string,
  context: { httpStatus: number; requestId?: string },
): PayProviderError {
  let code = `HTTP_${status}`;
  let message = '';
  try {
    const parsed = errorWire.safeParse(JSON.parse(text));
    if (parsed.success) {
      code = parsed.data.code;
      message = parsed.data.message;
    }
  } catch {
    // Not JSON (a proxy's HTML page, say): the status is all we know.
  }
  const retryable = status >= 500 || status === 429 || RETRYABLE_CODES.has(code);
  return new PayProviderError(
    code,
    `${what}: WeChat Pay answered ${status} ${code}${message ? ` ${message}` : ''}`,
    {
      retryable,
      ...context,
    },
  );
}

/** `{base}` without a trailing slash; the path of a proxy base survives (but WeChat must then see that path). */
function baseUrlOf(baseUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new Error(`WeChat Pay baseUrl must be an absolute http(s) URL, got "${baseUrl}"`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`WeChat Pay baseUrl must be an absolute http(s) URL, got "${baseUrl}"`);
  }
  return baseUrl.replace(/\/+$/, '');
}
