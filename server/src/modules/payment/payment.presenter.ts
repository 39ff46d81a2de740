import { type BookingPayment, type Order, reasonText } from '@hospital/shared';
import { currentLocale, labels } from '../../i18n';
import { type OrderRow, type RefundRow, WINDOW_PROVIDER } from './payment.repository';

export function presentOrder(o: OrderRow): Order {
  return {
    orderNo: o.orderNo,
    bookingId: o.bookingId,
    kind: o.kind,
    description: o.description,
    amountFen: o.amountFen,
    refundedFen: o.refundedFen,
    status: o.status,
    statusLabel: labels().orderStatus[o.status],
    provider: o.provider,
    expiresAt: o.expiresAt.toISOString(),
    paidAt: o.paidAt?.toISOString() ?? null,
    closedAt: o.closedAt?.toISOString() ?? null,
    closeReason: reasonText(o.closeReason, currentLocale()),
    createdAt: o.createdAt.toISOString(),
    refunds: o.refunds.map((r: RefundRow) => ({
      refundNo: r.refundNo,
      amountFen: r.amountFen,
      reason: reasonText(r.reason, currentLocale()) ?? r.reason,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      succeededAt: r.succeededAt?.toISOString() ?? null,
    })),
  };
}

/** A booking's paid order (`paidAt` set) as its booking page shows it: amount, number, time, latest refund. */
export function presentBookingPayment(o: OrderRow): BookingPayment {
  const refund = o.refunds.at(-1);
  return {
    orderNo: o.orderNo,
    paidFen: o.amountFen,
    paidAt: o.paidAt!.toISOString(),
    orderStatus: o.status,
    channel: o.provider === WINDOW_PROVIDER ? 'WINDOW' : 'ONLINE',
    refundedFen: o.refundedFen,
    refund: refund
      ? {
          status: refund.status,
          amountFen: refund.amountFen,
          succeededAt: refund.succeededAt?.toISOString() ?? null,
        }
      : null,
  };
}
