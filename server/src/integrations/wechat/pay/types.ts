import type { ClientPayParams } from './crypto';

export type { ClientPayParams } from './crypto';

/**
 * WeChat's `trade_state`. JSAPI orders see SUCCESS, REFUND, NOTPAY and CLOSED; REVOKED, USERPAYING and
 * PAYERROR belong to payment-code (micropay) orders but are part of the documented enum.
 */
export type TradeStateName =
  | 'SUCCESS'
  | 'REFUND'
  | 'NOTPAY'
  | 'CLOSED'
  | 'REVOKED'
  | 'USERPAYING'
  | 'PAYERROR';

/** WeChat's refund `status` (`refund_status` in notifications). */
export type RefundStatus = 'SUCCESS' | 'PROCESSING' | 'CLOSED' | 'ABNORMAL';

/** An order as WeChat knows it: the answer of the order query and the payload of TRANSACTION.* notifications. */
export interface TradeState {
  outTradeNo: string;
  /** WeChat's order number; present once the order is paid. */
  transactionId?: string;
  tradeState: TradeStateName;
  /** WeChat's human description of the state (Chinese), for logs and staff screens. */
  tradeStateDesc?: string;
  /** Order total in fen (`amount.total`). */
  amountFen?: number;
  /** What the payer actually paid in fen (`amount.payer_total`; less than the total when a coupon applied). */
  payerTotalFen?: number;
  successTime?: Date;
  /** The payer's openid. Personal data: compare it, never log it. */
  payerOpenid?: string;
  mchId: string;
  appId: string;
}

/** A refund as WeChat knows it: the answer of create/query refund and the payload of REFUND.* notifications. */
export interface RefundState {
  outRefundNo: string;
  outTradeNo: string;
  /** WeChat's refund number. */
  refundId?: string;
  status: RefundStatus;
  /** Refunded amount in fen (`amount.refund`). */
  amountFen: number;
  /** The original order total in fen (`amount.total`). */
  totalFen: number;
  successTime?: Date;
  /** Where the money went (`支付用户零钱`, `招商银行信用卡0403`…), for staff screens. */
  userReceivedAccount?: string;
}

/** Event types WeChat Pay sends for JSAPI payments and domestic refunds; anything else is rejected. */
export type PayEventType = 'TRANSACTION.SUCCESS' | 'REFUND.SUCCESS' | 'REFUND.ABNORMAL' | 'REFUND.CLOSED';

/** A decrypted, validated notification resource, tagged by WeChat's `original_type`. */
export type NotificationResource =
  | ({ type: 'transaction' } & TradeState)
  | ({ type: 'refund'; mchId: string } & RefundState);

/**
 * A notification that passed every check: signature by a configured WeChat Pay key, fresh timestamp,
 * decryption with the APIv3 key, schema, and mchid/appid equal to ours. Comparing `outTradeNo` and the amount
 * with the local order is the payment service's job: only it knows the order.
 */
export interface PayNotification {
  /** WeChat's notification id; retries of the same event carry the same id. */
  id: string;
  createTime: Date;
  eventType: PayEventType;
  /** WeChat's one-line summary (`支付成功`, `退款成功`). */
  summary: string;
  resource: NotificationResource;
}

/**
 * Why a notification was refused. The notify route answers every one of them with a non-2xx status (WeChat
 * then retries for up to 24 h, which is what we want for a key we have not configured yet) and logs the reason.
 */
export type NotificationRejectReason =
  | 'MISSING_HEADERS'
  | 'UNSUPPORTED_SIGNATURE_TYPE'
  | 'STALE_TIMESTAMP'
  | 'UNKNOWN_SERIAL'
  | 'BAD_SIGNATURE'
  | 'MALFORMED'
  | 'UNDECRYPTABLE'
  | 'UNSUPPORTED_EVENT'
  | 'MERCHANT_MISMATCH';

/** Thrown by `parseNotification`. The message names the check that failed, never the body or a key. */
export class NotificationRejected extends Error {
  constructor(
    readonly reason: NotificationRejectReason,
    message: string = reason,
  ) {
    super(message);
    this.name = 'NotificationRejected';
  }
}

/**
 * A failed call to WeChat Pay (or to the local stand-in, which throws the same codes).
 *
 * `code` is WeChat's error code when WeChat answered one (`ORDER_NOT_EXIST`, `ORDERPAID`, `ORDER_CLOSED`,
 * `OUT_TRADE_NO_USED`, `PARAM_ERROR`, `SIGN_ERROR`, `NOT_ENOUGH`, `FREQUENCY_LIMITED`, `SYSTEM_ERROR`,
 * `RESOURCE_NOT_EXISTS`, …) or one of ours:
 * - `NETWORK_ERROR`, `TIMEOUT`: no answer; the call may or may not have taken effect;
 * - `BAD_RESPONSE`: an answer we could not read;
 * - `RESPONSE_SIGNATURE_INVALID`, `UNKNOWN_PLATFORM_SERIAL`: an answer we must not trust (wrong or missing
 *   WeChat Pay key in the configuration, or someone in the middle);
 * - `INVALID_INPUT`: we refused to send it (a bug in the caller).
 *
 * `retryable` says whether the same call later may succeed. Every call is idempotent on `out_trade_no` /
 * `out_refund_no`, so retrying after an unknown outcome is safe.
 */
export class PayProviderError extends Error {
  readonly retryable: boolean;
  /** HTTP status of WeChat's answer, when there was one. */
  readonly httpStatus?: number;
  /** WeChat's `Request-ID` header, what WeChat support asks for. */
  readonly requestId?: string;

  constructor(
    readonly code: string,
    message: string,
    opts: { retryable: boolean; httpStatus?: number; requestId?: string },
  ) {
    super(message);
    this.name = 'PayProviderError';
    this.retryable = opts.retryable;
    if (opts.httpStatus !== undefined) this.httpStatus = opts.httpStatus;
    if (opts.requestId !== undefined) this.requestId = opts.requestId;
  }
}

/** The JSAPI prepay request. */
export interface PrepayInput {
  /** Our order number: 6–32 characters of letters, digits and `_-|*`, unique per merchant. */
  outTradeNo: string;
  /** Shown to the payer in WeChat; at most 127 characters. */
  description: string;
  /** Positive integer, fen. */
  amountFen: number;
  /** The payer's openid under `appId` (from wx.login). */
  payerOpenid: string;
  /** WeChat refuses payment after this instant (`time_expire`). */
  expiresAt: Date;
  /** HTTPS URL WeChat posts TRANSACTION.SUCCESS to; no query string. */
  notifyUrl: string;
}

/** The refund request. */
export interface RefundInput {
  outTradeNo: string;
  /** Our refund number, unique per merchant; re-sending the same one is how a refund is retried safely. */
  outRefundNo: string;
  /** Positive integer, fen, at most what is still refundable. */
  refundFen: number;
  /** The original order total in fen; WeChat checks it. */
  totalFen: number;
  /** Shown to the payer; at most 80 characters. */
  reason: string;
  /** HTTPS URL WeChat posts REFUND.* notifications to. */
  notifyUrl: string;
}

/**
 * WeChat Pay as the payment service sees it. Two implementations: `createWechatPayProvider` (API v3 over
 * HTTPS) and `createLocalPayProvider` (the embedded default, an in-process stand-in). Amounts are integer fen.
 * Every method throws PayProviderError on failure, except `parseNotification`, which throws
 * NotificationRejected.
 */
export interface PayProvider {
  readonly kind: 'wechat' | 'local';
  /** JSAPI prepay; returns the signed parameters for `wx.requestPayment`. Same input again → same prepay id. */
  prepay(input: PrepayInput): Promise<ClientPayParams>;
  /** The order's state at WeChat; `ORDER_NOT_EXIST` when WeChat never saw the order (so nobody paid it). */
  queryOrder(outTradeNo: string): Promise<TradeState>;
  /** Closes an unpaid order so it can no longer be paid. `ORDERPAID` when it was paid meanwhile. */
  closeOrder(outTradeNo: string): Promise<void>;
  /** Requests a refund; usually answers PROCESSING, and the result arrives as a REFUND.* notification. */
  refund(input: RefundInput): Promise<RefundState>;
  queryRefund(outRefundNo: string): Promise<RefundState>;
  /**
   * Verifies and decrypts a notification from its raw body (exact bytes as text, before any JSON parsing) and
   * headers, at `now`. Throws NotificationRejected with the reason.
   */
  parseNotification(
    headers: Record<string, string | string[] | undefined>,
    rawBody: string,
    now: Date,
  ): Promise<PayNotification>;
}
