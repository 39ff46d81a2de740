import { PAID_ORDER_STATUSES, SERVER_REASONS } from '@hospital/shared';
import { AppError } from '../../../core/errors';
import type { TradeState } from '../../../integrations/wechat/pay';
import type { PaymentDeps } from '../payment.deps';
import { paymentRepository } from '../payment.repository';
import { moveOrder } from './order-state';
import { createRefund } from './refunds';

/**
 * The provider says the order is paid (notification or query). Confirms the booking in the same
 * transaction; a payment for a booking that can no longer be had is refunded at once, with the reason kept.
 */
export async function settlePaid(
  deps: PaymentDeps,
  orderNo: string,
  trade: TradeState,
  notificationId?: string,
): Promise<string> {
  const { uow, clock, booking, logger } = deps;
  return uow.run(async ({ tx }) => {
    const r = paymentRepository(tx);
    const known = await r.findOrder(orderNo);
    if (!known) throw new AppError('NOTIFICATION_UNKNOWN_ORDER');
    // The booking (and its profile, for a late payment's limits) before the order: the lock order.
    await booking.lockForPayment(tx, known.bookingId);
    const order = (await r.lockOrder(orderNo))!;
    if (trade.amountFen !== undefined && trade.amountFen !== order.amountFen) {
      logger.error(
        { orderNo, expected: order.amountFen, got: trade.amountFen },
        'payment amount does not match the order',
      );
      throw new AppError('NOTIFICATION_MISMATCH', '支付金额与订单金额不一致');
    }
    let outcome: string;
    if (PAID_ORDER_STATUSES.includes(order.status)) {
      outcome = 'DUPLICATE';
    } else {
      const wasClosed = order.status === 'CLOSED';
      await moveOrder(tx, order, 'PAID', {
        paidAt: trade.successTime ?? clock.now(),
        transactionId: trade.transactionId ?? null,
        ...(wasClosed ? { closeReason: `${order.closeReason ?? '已关闭'}；关闭后仍收到支付` } : {}),
      });
      const confirmed =
        (await booking.confirmPaid(tx, order.bookingId)) === 'CONFIRMED' ||
        (await booking.confirmLatePayment(tx, order.bookingId));
      if (confirmed) {
        outcome = 'CONFIRMED';
      } else {
        const paid = (await r.lockOrder(orderNo))!;
        await createRefund(deps, tx, paid, undefined, SERVER_REASONS.paidAfterRelease.zh, 'system');
        outcome = 'AUTO_REFUND';
        logger.warn({ orderNo, bookingId: order.bookingId }, 'payment for a booking that is gone: refunding');
      }
    }
    if (notificationId) {
      await r.recordNotification({
        id: notificationId,
        eventType: 'TRANSACTION.SUCCESS',
        orderNo,
        outcome,
      });
    }
    return outcome;
  });
}
