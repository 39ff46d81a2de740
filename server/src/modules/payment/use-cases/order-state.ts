import { randomBytes } from 'node:crypto';
import { localDate, ORDER_TRANSITIONS, type OrderStatus } from '@hospital/shared';
import { assertTransition } from '../../../core/state-machine';
import type { Tx } from '../../../core/unit-of-work';
import type { Prisma } from '../../../db/client';
import { type OrderRow, paymentRepository } from '../payment.repository';

const ORDER = { zh: '订单', en: 'The order' };

/** out_trade_no / out_refund_no: a letter, the hospital-local date and 12 random hex digits (22 chars). */
export function newNumber(prefix: 'P' | 'R', now: Date, timeZone: string): string {
  return `${prefix}${localDate(now, timeZone).replaceAll('-', '')}${randomBytes(6).toString('hex').toUpperCase()}`;
}

/** Every change of an order's status goes through here and the shared transition table. */
export async function moveOrder(
  tx: Tx,
  order: Pick<OrderRow, 'id' | 'orderNo' | 'status'>,
  to: OrderStatus,
  data: Prisma.PaymentOrderUncheckedUpdateInput = {},
) {
  if (order.status !== to) assertTransition(ORDER_TRANSITIONS, order.status, to, ORDER);
  return paymentRepository(tx).updateOrder(order.id, { ...data, status: to });
}
