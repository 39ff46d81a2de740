import { z } from 'zod';
import { FEE_CATEGORIES } from '../enums';
import { fieldError } from '../field-messages';
import { examSummaryFields } from './catalog';
import { fenSchema, idParams, localDateSchema, pageOf } from './common';
import type { EndpointContracts } from './endpoints';

export const ORDER_STATUSES = [
  'CREATED',
  'PAYING',
  'PAID',
  'REFUNDING',
  'REFUNDED',
  'PARTIALLY_REFUNDED',
  'CLOSED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const REFUND_STATUSES = ['REQUESTED', 'PROCESSING', 'SUCCEEDED', 'FAILED'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/**
 * An order's lifecycle, in one place. Every change of an order's status is checked against it; any other move
 * is refused. CLOSED → PAID is WeChat's late payment (the money arrived after the hold lapsed: it is settled,
 * then confirmed or refunded); REFUNDING → PAID is every refund of an order failing.
 */
export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  CREATED: ['PAYING', 'PAID', 'CLOSED'],
  PAYING: ['PAID', 'CLOSED'],
  PAID: ['REFUNDING'],
  REFUNDING: ['REFUNDED', 'PARTIALLY_REFUNDED', 'PAID'],
  PARTIALLY_REFUNDED: ['REFUNDING'],
  REFUNDED: [],
  CLOSED: ['PAID'],
};

/**
 * A refund only moves forward, whichever word arrives first — the refund API's answer, its notification or a
 * query: a PROCESSING answer that lands after the SUCCESS notification changes nothing. FAILED is final here:
 * the money is still with the hospital and a person decides (a new refund may be asked for).
 */
export const REFUND_TRANSITIONS: Record<RefundStatus, readonly RefundStatus[]> = {
  REQUESTED: ['PROCESSING', 'SUCCEEDED', 'FAILED'],
  PROCESSING: ['SUCCEEDED', 'FAILED'],
  SUCCEEDED: [],
  FAILED: [],
};

export function canOrderTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

export function canRefundTransition(from: RefundStatus, to: RefundStatus): boolean {
  return REFUND_TRANSITIONS[from].includes(to);
}

/** The statuses an order can be in that a `to` move may start from (e.g. which orders can still be closed). */
export function orderStatusesInto(to: OrderStatus): OrderStatus[] {
  return ORDER_STATUSES.filter((from) => canOrderTransition(from, to));
}

/** Orders still waiting for their money: the ones a booking's end closes. */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ['CREATED', 'PAYING'];
/** Orders whose money arrived (whatever has been refunded since). */
export const PAID_ORDER_STATUSES: readonly OrderStatus[] = [
  'PAID',
  'REFUNDING',
  'REFUNDED',
  'PARTIALLY_REFUNDED',
];
/** Orders with money left to refund. */
export const REFUNDABLE_ORDER_STATUSES: readonly OrderStatus[] = ['PAID', 'PARTIALLY_REFUNDED', 'REFUNDING'];
/** Refunds sent or to be sent, not yet settled. */
export const RUNNING_REFUND_STATUSES: readonly RefundStatus[] = ['REQUESTED', 'PROCESSING'];

/** Order numbers are WeChat's out_trade_no / out_refund_no: 6–32 of [A-Za-z0-9_-]. */
export const orderNoSchema = z.string().regex(/^[A-Za-z0-9_-]{6,32}$/, fieldError('orderNo'));
export const orderNoParams = z.strictObject({ orderNo: orderNoSchema });

export const refundSchema = z
  .object({
    refundNo: z.string(),
    amountFen: z.number().int(),
    reason: z.string(),
    status: z.enum(REFUND_STATUSES),
    createdAt: z.string(),
    succeededAt: z.string().nullable(),
  })
  .meta({ id: 'Refund' });

export const orderSchema = z
  .object({
    orderNo: z.string(),
    bookingId: z.string(),
    kind: z.enum(['REGISTRATION', 'EXAM']),
    description: z.string(),
    amountFen: z.number().int(),
    refundedFen: z.number().int(),
    status: z.enum(ORDER_STATUSES),
    statusLabel: z.string(),
    provider: z.string(),
    expiresAt: z.string(),
    paidAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    closeReason: z.string().nullable(),
    createdAt: z.string(),
    refunds: z.array(refundSchema),
  })
  .meta({ id: 'Order' });
export type Order = z.infer<typeof orderSchema>;

/** What `wx.requestPayment` takes, signed by the server. */
export const clientPayParamsSchema = z
  .object({
    appId: z.string(),
    timeStamp: z.string(),
    nonceStr: z.string(),
    package: z.string(),
    signType: z.literal('RSA'),
    paySign: z.string(),
  })
  .meta({ id: 'ClientPayParams' });

export const payResponse = z
  .object({
    order: orderSchema,
    /** `local`: the H5 app confirms through POST /api/v1/payments/local/:orderNo/confirm instead of WeChat. */
    provider: z.enum(['wechat', 'local']),
    clientParams: clientPayParamsSchema,
  })
  .meta({ id: 'PayResponse' });

export const feesResponse = z
  .object({
    registration: z.array(
      z.object({ category: z.enum(FEE_CATEGORIES), label: z.string(), feeFen: z.number().int() }),
    ),
    exams: z.array(z.object({ ...examSummaryFields, feeFen: z.number().int() })),
  })
  .meta({ id: 'Fees' });

export const billSchema = z
  .object({
    bookingId: z.string(),
    date: z.string(),
    startTime: z.string(),
    profileName: z.string(),
    departmentName: z.string(),
    departmentNameEn: z.string().nullable(),
    /** What was booked, in the request's locale: the exam's name, or 挂号 / Registration with the doctor's. */
    item: z.string(),
    orders: z.array(orderSchema),
    paidFen: z.number().int(),
    refundedFen: z.number().int(),
    /** What the patient has paid net of refunds. */
    netFen: z.number().int(),
  })
  .meta({ id: 'Bill' });
export type Bill = z.infer<typeof billSchema>;
export const billsResponse = z.object({ items: z.array(billSchema) }).meta({ id: 'Bills' });

export const staffRefundRequest = z
  .strictObject({
    /** Omitted: everything not yet refunded. */
    amountFen: fenSchema.refine((v) => v > 0, fieldError('refundAmount')).optional(),
    reason: z.string().trim().min(2, fieldError('refundReason')).max(200),
  })
  .meta({ id: 'StaffRefundRequest' });

export const orderSearchQuery = z.strictObject({
  status: z.enum(ORDER_STATUSES).optional(),
  orderNo: orderNoSchema.optional(),
  date: localDateSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const orderPage = pageOf(orderSchema).meta({ id: 'OrderPage' });

/**
 * A WeChat Pay notification as JSON: any object. It is verified over the raw body (signature, then AES-GCM
 * decryption) before anything in it is believed, so its shape is checked there, not here.
 */
export const wechatPayNotification = z.looseObject({});

// ---- endpoints (method, path and access: shared/src/api/endpoints.ts)

export const paymentEndpoints = {
  'payment.pay': {
    summary:
      'Pay a held booking: creates (or resumes) its order and returns signed wx.requestPayment parameters',
    tags: ['payment'],
    params: idParams,
    response: payResponse,
    errors: ['HOLD_EXPIRED', 'PAYMENT_NOT_NEEDED', 'PAYMENT_UNAVAILABLE'],
  },
  'payment.wechatNotify': {
    summary:
      'WeChat Pay notification (payment or refund). Verified over the raw body; 204 when handled or a known duplicate, 4xx otherwise so WeChat retries',
    tags: ['payment'],
    body: wechatPayNotification,
    errors: ['NOTIFICATION_REJECTED', 'NOTIFICATION_UNKNOWN_ORDER', 'NOTIFICATION_MISMATCH'],
  },
  'payment.confirmLocal': {
    summary:
      'Local stand-in only: pay an order; the signed notification goes through the real verification path',
    tags: ['payment'],
    params: orderNoParams,
    response: orderSchema,
    errors: ['HOLD_EXPIRED', 'PAYMENT_NOT_NEEDED'],
  },
  'payment.order': {
    summary: 'One order with its refunds (its owner, or the window, complaints and quality offices)',
    tags: ['payment'],
    params: orderNoParams,
    response: orderSchema,
  },
  'payment.fees': {
    summary: 'Published prices: registration fee per category and exam fees',
    tags: ['payment'],
    response: feesResponse,
  },
  'payment.bills': {
    summary: 'My bills, itemised per visit: orders, refunds and the net paid',
    tags: ['payment'],
    response: billsResponse,
  },
  'payment.searchOrders': {
    summary: 'Search orders by status, number or day',
    tags: ['staff'],
    query: orderSearchQuery,
    response: orderPage,
  },
  'payment.refund': {
    summary: 'Refund an order in part or in full, with a reason (audited)',
    tags: ['staff'],
    params: orderNoParams,
    body: staffRefundRequest,
    response: orderSchema,
    errors: ['REFUND_EXCEEDS_PAID', 'ORDER_NOT_REFUNDABLE'],
  },
} as const satisfies EndpointContracts;
