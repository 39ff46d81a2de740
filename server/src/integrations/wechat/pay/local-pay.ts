import { AsyncLocalStorage } from 'node:async_hooks';
import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  randomInt,
  randomUUID,
} from 'node:crypto';
import { type Clock, systemClock } from '../../../core/clock';
import {
  buildClientPayParams,
  encryptResource,
  generateNonce,
  type KeyInput,
  RESOURCE_ALGORITHM,
  rfc3339Beijing,
  SIGNATURE_SCHEME,
  signResponse,
  toApiV3Key,
  toPrivateKey,
  unixSeconds,
} from './crypto';
import { createNotificationParser } from './notification';
import {
  type PayEventType,
  type PayProvider,
  PayProviderError,
  type PrepayInput,
  type RefundInput,
  type RefundState,
  type TradeState,
  type TradeStateName,
} from './types';
import { checkInput, outRefundNoWire, outTradeNoWire, prepayInputWire, refundInputWire } from './wire';

/** Hands a notification to the notify handler, as WeChat's POST to `notifyUrl` would. */
export type DeliverNotification = (
  headers: Record<string, string>,
  rawBody: string,
  target: { notifyUrl: string },
) => Promise<void>;

export interface LocalPayProviderOptions {
  appId: string;
  mchId: string;
  /** Calls the notify handler (which calls `parseNotification`): the same path a WeChat notification takes. */
  deliver: DeliverNotification;
  /** The stand-in's WeChat Pay key that signs notifications. Generated at start when absent. */
  platformKey?: { privateKey: KeyInput; serial?: string };
  /** The merchant key that signs `paySign`. Generated at start when absent. */
  merchantPrivateKey?: KeyInput;
  /** Encrypts notification resources. Generated at start when absent. */
  apiV3Key?: KeyInput;
  clock?: Clock;
  /**
   * When a refund completes: after this many milliseconds (default 1000), REFUND.SUCCESS is delivered on a
   * timer, as WeChat does some time after accepting it; `'manual'` waits for `flushRefunds()` (tests).
   */
  refundSettleAfterMs?: number | 'manual';
  /** Told when an automatic refund notification could not be delivered (it is retried a few times). */
  onDeliveryError?: (error: unknown) => void;
}

/** The local provider: a PayProvider plus the controls a stand-in needs. */
export interface LocalPayProvider extends PayProvider {
  readonly kind: 'local';
  /** `Wechatpay-Serial` of the local WeChat Pay key (`PUB_KEY_ID_LOCAL_…`). */
  readonly platformSerial: string;
  /** Verifies notifications, like the WeChat Pay public key a merchant downloads. */
  readonly platformPublicKeyPem: string;
  /** Verifies `paySign`. */
  readonly merchantPublicKeyPem: string;
  /**
   * The payer paid: the order becomes SUCCESS and a TRANSACTION.SUCCESS notification, encrypted and signed as
   * WeChat does, is delivered; resolves when `deliver` has. Called again for a paid order it delivers the same
   * notification again, as WeChat's retries do. The payment stands even if `deliver` fails (the error is
   * rethrown; `queryOrder` answers SUCCESS, so reconciliation finds it).
   */
  simulatePayment(outTradeNo: string): Promise<TradeState>;
  /**
   * Completes every PROCESSING refund (SUCCESS) and delivers each REFUND.SUCCESS not delivered yet. Rejects
   * after trying them all if any delivery failed; those stay pending for the next flush.
   */
  flushRefunds(): Promise<RefundState[]>;
  /** Cancels pending automatic refund deliveries (shutdown, end of a test). */
  stop(): void;
}

interface LedgerOrder {
  input: PrepayInput;
  prepayId: string;
  state: TradeStateName;
  transactionId?: string;
  successTime?: Date;
  refundedFen: number;
  notificationId?: string;
}

interface LedgerRefund {
  input: RefundInput;
  refundId: string;
  status: RefundState['status'];
  successTime?: Date;
  delivered: boolean;
  notificationId: string;
}

const MAX_AUTO_ATTEMPTS = 5;

/**
 * The embedded default: WeChat Pay simulated in process, with real keys and real signatures, so the payment
 * service runs the same code (client params, notification verification and decryption, queries, refunds) as
 * against WeChat. The ledger is in memory: after a restart WeChat "forgets" every order, so queryOrder answers
 * ORDER_NOT_EXIST (nobody can have paid it: treat as NOTPAY), closeOrder ORDER_NOT_EXIST, and a refund of such an
 * order RESOURCE_NOT_EXISTS. Errors use WeChat's codes, plus ORDER_EXPIRED for paying after `expiresAt`.
 *
 * Anyone who can call the confirm route pays for free: the configuration must never choose this in production.
 */
export function createLocalPayProvider(opts: LocalPayProviderOptions): LocalPayProvider {
  const clock = opts.clock ?? systemClock;
  const platformPrivate = opts.platformKey
    ? toPrivateKey(opts.platformKey.privateKey, 'local platform key')
    : generateRsaKey();
  const platformPublic = createPublicKey(platformPrivate);
  const platformSerial = opts.platformKey?.serial ?? localSerial(platformPublic);
  const merchantPrivate = opts.merchantPrivateKey
    ? toPrivateKey(opts.merchantPrivateKey, 'local merchant key')
    : generateRsaKey();
  const apiV3Key = toApiV3Key(opts.apiV3Key ?? randomBytes(16).toString('hex'));
  const settleAfter = opts.refundSettleAfterMs ?? 1000;

  const orders = new Map<string, LedgerOrder>();
  const refunds = new Map<string, LedgerRefund>();
  const timers = new Set<NodeJS.Timeout>();
  const outside = AsyncLocalStorage.snapshot();

  const parseNotification = createNotificationParser({
    mchId: opts.mchId,
    appId: opts.appId,
    apiV3Key,
    platformKeys: new Map([[platformSerial, platformPublic]]),
  });

  const fail = (code: string, message: string) => new PayProviderError(code, message, { retryable: false });

  function tradeState(no: string, order: LedgerOrder): TradeState {
    const paid = order.state === 'SUCCESS' || order.state === 'REFUND';
    return {
      outTradeNo: no,
      ...(order.transactionId ? { transactionId: order.transactionId } : {}),
      tradeState: order.state,
      tradeStateDesc: TRADE_STATE_DESC[order.state],
      amountFen: order.input.amountFen,
      ...(paid ? { payerTotalFen: order.input.amountFen, payerOpenid: order.input.payerOpenid } : {}),
      ...(order.successTime ? { successTime: order.successTime } : {}),
      mchId: opts.mchId,
      appId: opts.appId,
    };
  }

  function refundState(no: string, refund: LedgerRefund): RefundState {
    return {
      outRefundNo: no,
      outTradeNo: refund.input.outTradeNo,
      refundId: refund.refundId,
      status: refund.status,
      amountFen: refund.input.refundFen,
      totalFen: refund.input.totalFen,
      ...(refund.successTime ? { successTime: refund.successTime, userReceivedAccount: '支付用户零钱' } : {}),
    };
  }

  /** A notification exactly as WeChat sends one: JSON envelope, encrypted resource, signed headers. */
  function notification(
    id: string,
    eventType: PayEventType,
    summary: string,
    originalType: 'transaction' | 'refund',
    resource: object,
  ): { headers: Record<string, string>; body: string } {
    const now = clock.now();
    const body = JSON.stringify({
      id,
      create_time: rfc3339Beijing(now),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary,
      resource: {
        original_type: originalType,
        algorithm: RESOURCE_ALGORITHM,
        ...wireResource(encryptResource(JSON.stringify(resource), apiV3Key, originalType)),
      },
    });
    const timestamp = unixSeconds(now);
    const nonce = generateNonce();
    return {
      headers: {
        'Content-Type': 'application/json',
        'Wechatpay-Timestamp': timestamp,
        'Wechatpay-Nonce': nonce,
        'Wechatpay-Serial': platformSerial,
        'Wechatpay-Signature-Type': SIGNATURE_SCHEME,
        'Wechatpay-Signature': signResponse({ timestamp, nonce, body, privateKey: platformPrivate }),
      },
      body,
    };
  }

  async function deliverRefund(no: string, refund: LedgerRefund): Promise<void> {
    const order = orders.get(refund.input.outTradeNo);
    const { headers, body } = notification(refund.notificationId, 'REFUND.SUCCESS', '退款成功', 'refund', {
      mchid: opts.mchId,
      out_trade_no: refund.input.outTradeNo,
      transaction_id: order?.transactionId,
      out_refund_no: no,
      refund_id: refund.refundId,
      refund_status: refund.status,
      success_time: refund.successTime ? rfc3339Beijing(refund.successTime) : undefined,
      user_received_account: '支付用户零钱',
      amount: {
        total: refund.input.totalFen,
        refund: refund.input.refundFen,
        payer_total: refund.input.totalFen,
        payer_refund: refund.input.refundFen,
      },
    });
    await opts.deliver(headers, body, { notifyUrl: refund.input.notifyUrl });
    refund.delivered = true;
  }

  async function flushRefunds(): Promise<RefundState[]> {
    const now = clock.now();
    const delivered: RefundState[] = [];
    const errors: unknown[] = [];
    for (const [no, refund] of refunds) {
      if (refund.status === 'PROCESSING') {
        refund.status = 'SUCCESS';
        refund.successTime = now;
      }
      if (refund.delivered) continue;
      try {
        await deliverRefund(no, refund);
        delivered.push(refundState(no, refund));
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length) {
      throw new AggregateError(errors, `${errors.length} refund notification(s) could not be delivered`);
    }
    return delivered;
  }

  function scheduleFlush(delayMs: number, attempt: number): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      // In the context the stand-in was created in: a refund asked for inside a caller's transaction must not
      // deliver its notification into that (long finished) transaction.
      outside(flushRefunds).catch((err: unknown) => {
        opts.onDeliveryError?.(err);
        if (attempt < MAX_AUTO_ATTEMPTS) scheduleFlush(delayMs * 2, attempt + 1);
      });
    }, delayMs);
    // A pending local refund notification must not keep a stopping server alive.
    timer.unref?.();
    timers.add(timer);
  }

  return {
    kind: 'local',
    platformSerial,
    platformPublicKeyPem: platformPublic.export({ type: 'spki', format: 'pem' }).toString(),
    merchantPublicKeyPem: createPublicKey(merchantPrivate).export({ type: 'spki', format: 'pem' }).toString(),

    async prepay(input) {
      const p = checkInput(prepayInputWire, input, 'prepay');
      const existing = orders.get(p.outTradeNo);
      if (existing) {
        if (existing.state === 'CLOSED') throw fail('ORDER_CLOSED', '订单已关闭');
        if (existing.state !== 'NOTPAY') throw fail('ORDERPAID', '该订单已支付');
        const same =
          existing.input.amountFen === p.amountFen &&
          existing.input.payerOpenid === p.payerOpenid &&
          existing.input.description === p.description;
        if (!same) throw fail('OUT_TRADE_NO_USED', '商户订单号重复');
        existing.input = p;
      } else {
        orders.set(p.outTradeNo, {
          input: p,
          prepayId: `wx${digits(clock.now())}${randomBytes(8).toString('hex')}`,
          state: 'NOTPAY',
          refundedFen: 0,
        });
      }
      const order = orders.get(p.outTradeNo)!;
      return buildClientPayParams({
        appId: opts.appId,
        prepayId: order.prepayId,
        privateKey: merchantPrivate,
        now: clock.now(),
      });
    },

    async queryOrder(outTradeNo) {
      checkInput(outTradeNoWire, outTradeNo, 'outTradeNo');
      const order = orders.get(outTradeNo);
      if (!order) throw fail('ORDER_NOT_EXIST', '订单不存在');
      return tradeState(outTradeNo, order);
    },

    async closeOrder(outTradeNo) {
      checkInput(outTradeNoWire, outTradeNo, 'outTradeNo');
      const order = orders.get(outTradeNo);
      if (!order) throw fail('ORDER_NOT_EXIST', '订单不存在');
      if (order.state === 'SUCCESS' || order.state === 'REFUND') throw fail('ORDERPAID', '订单已支付');
      order.state = 'CLOSED';
    },

    async simulatePayment(outTradeNo) {
      const order = orders.get(outTradeNo);
      if (!order) throw fail('ORDER_NOT_EXIST', '订单不存在');
      if (order.state === 'CLOSED') throw fail('ORDER_CLOSED', '订单已关闭');
      const now = clock.now();
      if (order.state === 'NOTPAY') {
        if (now.getTime() > order.input.expiresAt.getTime()) throw fail('ORDER_EXPIRED', '订单已过支付期限');
        order.state = 'SUCCESS';
        order.successTime = now;
        order.transactionId = `4200${digits(now)}${randomInt(10_000_000, 100_000_000)}`;
        order.notificationId = randomUUID();
      }
      const { headers, body } = notification(
        order.notificationId!,
        'TRANSACTION.SUCCESS',
        '支付成功',
        'transaction',
        {
          mchid: opts.mchId,
          appid: opts.appId,
          out_trade_no: outTradeNo,
          transaction_id: order.transactionId,
          trade_type: 'JSAPI',
          trade_state: 'SUCCESS',
          trade_state_desc: TRADE_STATE_DESC.SUCCESS,
          bank_type: 'OTHERS',
          attach: '',
          success_time: rfc3339Beijing(order.successTime!),
          payer: { openid: order.input.payerOpenid },
          amount: {
            total: order.input.amountFen,
            payer_total: order.input.amountFen,
            currency: 'CNY',
            payer_currency: 'CNY',
          },
        },
      );
      await opts.deliver(headers, body, { notifyUrl: order.input.notifyUrl });
      return tradeState(outTradeNo, order);
    },

    async refund(input) {
      const r = checkInput(refundInputWire, input, 'refund');
      const existing = refunds.get(r.outRefundNo);
      if (existing) {
        if (existing.input.outTradeNo !== r.outTradeNo || existing.input.refundFen !== r.refundFen) {
          throw fail('PARAM_ERROR', '商户退款单号已用于另一笔退款');
        }
        return refundState(r.outRefundNo, existing);
      }
      const order = orders.get(r.outTradeNo);
      if (!order) throw fail('RESOURCE_NOT_EXISTS', '订单不存在');
      if (order.state !== 'SUCCESS' && order.state !== 'REFUND')
        throw fail('INVALID_REQUEST', '订单未支付，不能退款');
      if (r.totalFen !== order.input.amountFen) throw fail('PARAM_ERROR', '订单金额与原订单不一致');
      if (order.refundedFen + r.refundFen > order.input.amountFen) {
        throw fail('INVALID_REQUEST', '申请退款金额超过订单可退金额');
      }
      order.refundedFen += r.refundFen;
      order.state = 'REFUND';
      const refund: LedgerRefund = {
        input: r,
        refundId: `50${digits(clock.now())}${randomInt(10_000_000, 100_000_000)}`,
        status: 'PROCESSING',
        delivered: false,
        notificationId: randomUUID(),
      };
      refunds.set(r.outRefundNo, refund);
      if (settleAfter !== 'manual') scheduleFlush(settleAfter, 1);
      return refundState(r.outRefundNo, refund);
    },

    async queryRefund(outRefundNo) {
      checkInput(outRefundNoWire, outRefundNo, 'outRefundNo');
      const refund = refunds.get(outRefundNo);
      if (!refund) throw fail('RESOURCE_NOT_EXISTS', '退款单不存在');
      return refundState(outRefundNo, refund);
    },

    flushRefunds,

    stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },

    parseNotification,
  };
}

const TRADE_STATE_DESC: Record<TradeStateName, string> = {
  SUCCESS: '支付成功',
  REFUND: '转入退款',
  NOTPAY: '未支付',
  CLOSED: '已关闭',
  REVOKED: '已撤销',
  USERPAYING: '用户支付中',
  PAYERROR: '支付失败',
};

function generateRsaKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

/** `PUB_KEY_ID_LOCAL_` + a fingerprint: shaped like a WeChat Pay public key id, never mistaken for one. */
function localSerial(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `PUB_KEY_ID_LOCAL_${createHash('sha256').update(der).digest('hex').slice(0, 24).toUpperCase()}`;
}

/** yyyyMMddHHmmss in Beijing time, the prefix WeChat's own ids carry. */
function digits(at: Date): string {
  return rfc3339Beijing(at).slice(0, 19).replace(/\D/g, '');
}

function wireResource(r: { ciphertext: string; nonce: string; associatedData: string }) {
  return { ciphertext: r.ciphertext, nonce: r.nonce, associated_data: r.associatedData };
}
