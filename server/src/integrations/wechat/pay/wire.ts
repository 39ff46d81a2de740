import { z } from 'zod';
import { PayProviderError, type RefundState, type TradeState } from './types';

/**
 * WeChat Pay's JSON as it comes over the wire (snake_case), validated with zod and mapped to our types. Only
 * the fields we use are declared; unknown fields are dropped, so nothing unexpected rides along.
 */

// WeChat sometimes sends empty strings for absent values (e.g. no transaction_id while NOTPAY).
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined));

const optionalTime = optionalText.pipe(
  z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)), 'not an RFC 3339 time')
    .transform((v) => new Date(v))
    .optional(),
);

const fen = z.number().int().nonnegative();

export const TRADE_STATES = [
  'SUCCESS',
  'REFUND',
  'NOTPAY',
  'CLOSED',
  'REVOKED',
  'USERPAYING',
  'PAYERROR',
] as const;
export const REFUND_STATUSES = ['SUCCESS', 'PROCESSING', 'CLOSED', 'ABNORMAL'] as const;

/** The transaction object: order query answer and TRANSACTION.* resource. */
export const transactionWire = z.object({
  appid: z.string().min(1),
  mchid: z.string().min(1),
  out_trade_no: z.string().min(1),
  transaction_id: optionalText,
  trade_state: z.enum(TRADE_STATES),
  trade_state_desc: optionalText,
  success_time: optionalTime,
  payer: z.object({ openid: optionalText }).optional(),
  amount: z.object({ total: fen.optional(), payer_total: fen.optional() }).optional(),
});

export function toTradeState(w: z.infer<typeof transactionWire>): TradeState {
  return dropUndefined({
    outTradeNo: w.out_trade_no,
    transactionId: w.transaction_id,
    tradeState: w.trade_state,
    tradeStateDesc: w.trade_state_desc,
    amountFen: w.amount?.total,
    payerTotalFen: w.amount?.payer_total,
    successTime: w.success_time,
    payerOpenid: w.payer?.openid,
    mchId: w.mchid,
    appId: w.appid,
  });
}

const refundAmountWire = z.object({ total: fen, refund: fen });

/** The refund object of create/query refund. */
export const refundWire = z.object({
  refund_id: optionalText,
  out_refund_no: z.string().min(1),
  out_trade_no: z.string().min(1),
  status: z.enum(REFUND_STATUSES),
  success_time: optionalTime,
  user_received_account: optionalText,
  amount: refundAmountWire,
});

/** The REFUND.* notification resource: `refund_status` instead of `status`, plus `mchid`. */
export const refundNotificationWire = refundWire.omit({ status: true }).extend({
  mchid: z.string().min(1),
  refund_status: z.enum(REFUND_STATUSES),
});

export function toRefundState(w: z.infer<typeof refundWire>): RefundState {
  return dropUndefined({
    outRefundNo: w.out_refund_no,
    outTradeNo: w.out_trade_no,
    refundId: w.refund_id,
    status: w.status,
    amountFen: w.amount.refund,
    totalFen: w.amount.total,
    successTime: w.success_time,
    userReceivedAccount: w.user_received_account,
  });
}

/** WeChat's error answer. */
export const errorWire = z.object({ code: z.string().min(1), message: z.string().catch('') });

/** The notification envelope; the resource stays encrypted until the signature is checked. */
export const notificationEnvelopeWire = z.object({
  id: z.string().min(1),
  create_time: z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'not an RFC 3339 time'),
  event_type: z.string().min(1),
  resource_type: z.string().optional(),
  summary: z.string().catch(''),
  resource: z.object({
    algorithm: z.string(),
    ciphertext: z.string().min(1),
    nonce: z.string().min(1),
    associated_data: z.string().optional().default(''),
    original_type: z.string(),
  }),
});

/** Paths and codes of zod issues: enough to debug a shape, without echoing values (openids, amounts). */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`).join(', ');
}

/** Removes undefined-valued keys so results compare cleanly with toStrictEqual and optional fields stay absent. */
function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const outTradeNo = z.string().regex(/^[0-9A-Za-z_\-|*]{6,32}$/, '6–32 letters, digits or _-|*');
const outRefundNo = z.string().regex(/^[0-9A-Za-z_\-|*@]{1,64}$/, '1–64 letters, digits or _-|*@');
const positiveFen = z.number().int().positive();

/** Checked before anything is sent, by both providers: WeChat's limits, so a mistake fails here and clearly. */
export const prepayInputWire = z.object({
  outTradeNo,
  description: z.string().min(1).max(127),
  amountFen: positiveFen,
  payerOpenid: z.string().min(1).max(128),
  expiresAt: z.date().refine((d) => !Number.isNaN(d.getTime()), 'invalid date'),
  notifyUrl: z.url({ protocol: /^https?$/ }),
});

export const refundInputWire = z
  .object({
    outTradeNo,
    outRefundNo,
    refundFen: positiveFen,
    totalFen: positiveFen,
    reason: z.string().max(80),
    notifyUrl: z.url({ protocol: /^https?$/ }),
  })
  .refine((r) => r.refundFen <= r.totalFen, {
    message: 'refund exceeds the order total',
    path: ['refundFen'],
  });

export { outRefundNo as outRefundNoWire, outTradeNo as outTradeNoWire };

/** Parses a caller's input or throws PayProviderError('INVALID_INPUT') naming the fields (not their values). */
export function checkInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new PayProviderError('INVALID_INPUT', `${what}: ${describeIssues(parsed.error)}`, {
      retryable: false,
    });
  }
  return parsed.data;
}
