import { OPEN_ORDER_STATUSES, PAID_ORDER_STATUSES, REFUNDABLE_ORDER_STATUSES } from '@hospital/shared';
import { withLocks } from '../../core/unit-of-work';
import type { DbClient, Prisma } from '../../db/client';
import { paginate } from '../../db/paginate';

/** The provider an order paid at the registration window carries: its refunds are handed back there too. */
export const WINDOW_PROVIDER = 'window';

const orderInclude = { refunds: { orderBy: { createdAt: 'asc' } } } as const;
export type OrderRow = Prisma.PaymentOrderGetPayload<{ include: typeof orderInclude }>;
export type RefundRow = Prisma.PaymentRefundGetPayload<object>;

function paymentRows(db: DbClient) {
  return {
    findOrder(orderNo: string) {
      return db.paymentOrder.findUnique({ where: { orderNo }, include: orderInclude });
    },
    /** Locks the order for a state change; null when it does not exist. */
    async lockOrder(orderNo: string) {
      const rows = await db.$queryRaw<
        { id: string }[]
      >`SELECT id FROM payment_order WHERE order_no = ${orderNo} FOR UPDATE`;
      return rows.length ? db.paymentOrder.findUnique({ where: { orderNo }, include: orderInclude }) : null;
    },
    findOpenOrder(bookingId: string) {
      return db.paymentOrder.findFirst({
        where: { bookingId, status: { in: [...OPEN_ORDER_STATUSES] } },
        include: orderInclude,
      });
    },
    /** The latest paid order of a booking (refunded since or not), unlocked: for reading. */
    paidOrderOf(bookingId: string) {
      return db.paymentOrder.findFirst({
        where: { bookingId, status: { in: [...PAID_ORDER_STATUSES] }, paidAt: { not: null } },
        orderBy: { createdAt: 'desc' },
        include: orderInclude,
      });
    },
    /** Of these bookings, the ones whose paid order was paid at a registration window. */
    async paidAtWindow(bookingIds: string[]): Promise<string[]> {
      const rows = await db.paymentOrder.findMany({
        where: {
          bookingId: { in: bookingIds },
          provider: WINDOW_PROVIDER,
          status: { in: [...PAID_ORDER_STATUSES] },
        },
        select: { bookingId: true },
      });
      return rows.map((r) => r.bookingId);
    },
    /** The paid order of a booking, locked. */
    async lockPaidOrder(bookingId: string) {
      const rows = await db.$queryRaw<{ order_no: string }[]>`
        SELECT order_no FROM payment_order WHERE booking_id = ${bookingId}::uuid
          AND status::text = ANY(${[...REFUNDABLE_ORDER_STATUSES]}::text[])
        ORDER BY created_at DESC LIMIT 1 FOR UPDATE`;
      return rows[0]
        ? db.paymentOrder.findUnique({ where: { orderNo: rows[0].order_no }, include: orderInclude })
        : null;
    },
    createOrder(data: Prisma.PaymentOrderUncheckedCreateInput) {
      return db.paymentOrder.create({ data, include: orderInclude });
    },
    updateOrder(id: string, data: Prisma.PaymentOrderUncheckedUpdateInput) {
      return db.paymentOrder.update({ where: { id }, data, include: orderInclude });
    },
    closeOpenOrders(bookingId: string, reason: string, now: Date) {
      // checkAfter = now: reconciliation closes it at the provider on its next run.
      return db.paymentOrder.updateMany({
        where: { bookingId, status: { in: [...OPEN_ORDER_STATUSES] } },
        data: { status: 'CLOSED', closedAt: now, closeReason: reason, checkAfter: now },
      });
    },
    createRefund(data: Prisma.PaymentRefundUncheckedCreateInput) {
      return db.paymentRefund.create({ data });
    },
    /** Which order a refund belongs to (unlocked: lock the order, then the refund). */
    findRefund(refundNo: string) {
      return db.paymentRefund.findUnique({
        where: { refundNo },
        select: { id: true, order: { select: { orderNo: true } } },
      });
    },
    /** A failed attempt to send or ask about a refund that will be retried: only while it still runs. */
    noteRefundError(id: string, why: string) {
      return db.paymentRefund.updateMany({
        where: { id, status: { in: ['REQUESTED', 'PROCESSING'] } },
        data: { lastError: why },
      });
    },
    async lockRefund(refundNo: string) {
      const rows = await db.$queryRaw<
        { id: string }[]
      >`SELECT id FROM payment_refund WHERE refund_no = ${refundNo} FOR UPDATE`;
      return rows.length
        ? db.paymentRefund.findUnique({ where: { refundNo }, include: { order: true } })
        : null;
    },
    updateRefund(id: string, data: Prisma.PaymentRefundUncheckedUpdateInput) {
      return db.paymentRefund.update({ where: { id }, data });
    },
    /**
     * Refunds due to be sent or asked about. Claimed by moving their next attempt forward, so another
     * instance running the same job skips them.
     */
    async claimRefunds(now: Date, retryAt: Date, limit: number) {
      const rows = await db.$queryRaw<{ id: string }[]>`
        SELECT id FROM payment_refund
        WHERE status IN ('REQUESTED', 'PROCESSING') AND next_attempt_at <= ${now}
        ORDER BY next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
      if (!rows.length) return [];
      const ids = rows.map((r) => r.id);
      await db.paymentRefund.updateMany({
        where: { id: { in: ids } },
        data: { nextAttemptAt: retryAt, attempts: { increment: 1 } },
      });
      return db.paymentRefund.findMany({ where: { id: { in: ids } }, include: { order: true } });
    },
    /** Orders paying with no notification by their check time, or closed here but not yet at the provider. */
    async claimOrdersToReconcile(now: Date, retryAt: Date, limit: number) {
      const rows = await db.$queryRaw<{ id: string }[]>`
        SELECT id FROM payment_order
        WHERE check_after <= ${now}
          AND (status = 'PAYING' OR (status = 'CLOSED' AND provider_closed = false AND client_params IS NOT NULL))
        ORDER BY check_after LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
      if (!rows.length) return [];
      const ids = rows.map((r) => r.id);
      await db.paymentOrder.updateMany({ where: { id: { in: ids } }, data: { checkAfter: retryAt } });
      return db.paymentOrder.findMany({ where: { id: { in: ids } } });
    },
    /** Records a notification id; false when it was handled before. */
    async recordNotification(data: {
      id: string;
      eventType: string;
      orderNo?: string;
      refundNo?: string;
      outcome: string;
    }) {
      const n = await db.$executeRaw`
        INSERT INTO payment_notification (id, event_type, order_no, refund_no, outcome)
        VALUES (${data.id}, ${data.eventType}, ${data.orderNo ?? null}, ${data.refundNo ?? null}, ${data.outcome})
        ON CONFLICT (id) DO NOTHING`;
      return n === 1;
    },
    notificationSeen(id: string) {
      return db.paymentNotification.findUnique({ where: { id } });
    },
    ordersForAccount(accountId: string) {
      return db.paymentOrder.findMany({
        where: { accountId },
        orderBy: { createdAt: 'desc' },
        include: {
          ...orderInclude,
          booking: {
            select: {
              id: true,
              date: true,
              startsAt: true,
              profile: { select: { name: true } },
              session: {
                select: {
                  department: { select: { name: true, nameEn: true } },
                  doctor: { select: { name: true, nameEn: true } },
                  examType: { select: { name: true, nameEn: true } },
                },
              },
            },
          },
        },
      });
    },
    search(where: Prisma.PaymentOrderWhereInput, page: number, pageSize: number) {
      return paginate(
        page,
        pageSize,
        (window) =>
          db.paymentOrder.findMany({
            where,
            include: orderInclude,
            orderBy: { createdAt: 'desc' },
            ...window,
          }),
        () => db.paymentOrder.count({ where }),
      );
    },
    /** The account a booking belongs to (an order is the account's). */
    async bookingAccount(bookingId: string) {
      const b = await db.booking.findUnique({ where: { id: bookingId }, select: { accountId: true } });
      return b?.accountId;
    },
    accountOpenid(accountId: string) {
      return db.patientAccount.findUnique({ where: { id: accountId }, select: { openid: true } });
    },
  };
}

/**
 * The only place payments touch Prisma. Row locks are taken in the order of docs/decisions/004-lock-order.md
 * (a booking before its payment order, an order before its refunds), and only on a unit of work's
 * transaction: `paymentRepository(db)` has no `lock…` or `claim…`.
 */
export const paymentRepository = withLocks(paymentRows, [
  'lockOrder',
  'lockPaidOrder',
  'lockRefund',
  'claimRefunds',
  'claimOrdersToReconcile',
] as const);
