import type { Order } from '@hospital/shared';
import { labels } from '../../i18n';
import type { OrderRow, RefundRow } from './payment.repository';

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
    closeReason: o.closeReason,
    createdAt: o.createdAt.toISOString(),
    refunds: o.refunds.map((r: RefundRow) => ({
      refundNo: r.refundNo,
      amountFen: r.amountFen,
      reason: r.reason,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      succeededAt: r.succeededAt?.toISOString() ?? null,
    })),
  };
}
