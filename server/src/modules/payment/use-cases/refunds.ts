import {
  canRefundTransition,
  formatYuan,
  type OrderStatus,
  type RefundStatus,
  RUNNING_REFUND_STATUSES,
} from '@hospital/shared';
import { AppError } from '../../../core/errors';
import type { Tx } from '../../../core/unit-of-work';
import type { Prisma } from '../../../db/client';
import type { PaymentDeps } from '../payment.deps';
import { type OrderRow, paymentRepository, type RefundRow } from '../payment.repository';
import { moveOrder, newNumber } from './order-state';
import { WINDOW_PROVIDER } from './window-payment';

/**
 * The order's refunded total is the sum of its succeeded refunds — derived, never added to — and its status
 * follows its refunds: refunding while one runs, else refunded, partially refunded or paid.
 */
async function followRefunds(tx: Tx, order: OrderRow, refunds: Pick<RefundRow, 'status' | 'amountFen'>[]) {
  const refundedFen = refunds
    .filter((x) => x.status === 'SUCCEEDED')
    .reduce((sum, x) => sum + x.amountFen, 0);
  const running = refunds.some((x) => RUNNING_REFUND_STATUSES.includes(x.status));
  const status: OrderStatus = running
    ? 'REFUNDING'
    : refundedFen >= order.amountFen
      ? 'REFUNDED'
      : refundedFen > 0
        ? 'PARTIALLY_REFUNDED'
        : 'PAID';
  return moveOrder(tx, order, status, { refundedFen });
}

/**
 * Moves a refund forward, whichever word arrives first (the refund API's answer, its notification, a query),
 * and the order with it. Locks the order, then the refund (the lock order, docs/decisions/004-lock-order.md).
 * A move the table refuses — PROCESSING after SUCCEEDED, a second SUCCEEDED — changes nothing: `STALE`.
 */
export async function moveRefund(
  { logger }: PaymentDeps,
  tx: Tx,
  refundNo: string,
  to: RefundStatus,
  data: Prisma.PaymentRefundUncheckedUpdateInput = {},
): Promise<'MOVED' | 'UNCHANGED' | 'STALE'> {
  const r = paymentRepository(tx);
  const known = await r.findRefund(refundNo);
  if (!known) throw new AppError('NOTIFICATION_UNKNOWN_ORDER', '退款单不存在');
  const order = (await r.lockOrder(known.order.orderNo))!;
  const refund = (await r.lockRefund(refundNo))!;
  if (refund.status === to) {
    if (Object.keys(data).length) await r.updateRefund(refund.id, data);
    return 'UNCHANGED';
  }
  if (!canRefundTransition(refund.status, to)) return 'STALE';
  await r.updateRefund(refund.id, { ...data, status: to });
  await followRefunds(
    tx,
    order,
    order.refunds.map((x) => (x.id === refund.id ? { ...x, status: to } : x)),
  );
  if (to === 'FAILED') {
    logger.error(
      { refundNo, why: data.lastError },
      'refund failed: needs a person (the money is still with the hospital)',
    );
  }
  return 'MOVED';
}

/** Asks for a refund of what is left on a paid order (in the caller's transaction; sent by the refund job). */
export async function createRefund(
  { clock, catalog }: Pick<PaymentDeps, 'clock' | 'catalog'>,
  tx: Tx,
  order: OrderRow,
  amountFen: number | undefined,
  reason: string,
  requestedBy: string,
) {
  const r = paymentRepository(tx);
  const pending = order.refunds.filter((x) => x.status !== 'FAILED').reduce((sum, x) => sum + x.amountFen, 0);
  const left = order.amountFen - pending;
  const amount = amountFen ?? left;
  if (amount <= 0 || amount > left)
    throw AppError.with('REFUND_EXCEEDS_PAID', { left: formatYuan(Math.max(left, 0)) });
  const h = await catalog.hospitalContext(tx);
  // Paid at the window (window-payment.ts): the money goes back there, over the counter, as the refund is
  // recorded — there is no provider to send it to, so it is settled at once.
  const atWindow = order.provider === WINDOW_PROVIDER;
  const refund = await r.createRefund({
    refundNo: newNumber('R', clock.now(), h.timeZone),
    orderId: order.id,
    amountFen: amount,
    reason,
    status: atWindow ? 'SUCCEEDED' : 'REQUESTED',
    succeededAt: atWindow ? clock.now() : null,
    requestedBy,
    nextAttemptAt: clock.now(),
  });
  await moveOrder(tx, order, 'REFUNDING');
  if (atWindow) await followRefunds(tx, { ...order, status: 'REFUNDING' }, [...order.refunds, refund]);
  return refund;
}
