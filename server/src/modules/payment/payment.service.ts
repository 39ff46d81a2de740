import { randomBytes } from 'node:crypto';
import {
  addDays,
  type Bill,
  canRefundTransition,
  FEE_CATEGORIES,
  formatYuan,
  labelsFor,
  localDate,
  localTime,
  ORDER_TRANSITIONS,
  type Order,
  type OrderStatus,
  PAID_ORDER_STATUSES,
  REFUNDABLE_ORDER_STATUSES,
  type RefundStatus,
  RUNNING_REFUND_STATUSES,
  zonedInstant,
} from '@hospital/shared';
import type { Actor, Viewer } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { AppError, notFound } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { assertTransition } from '../../core/state-machine';
import type { Db, DbClient, DbTx, Prisma } from '../../db/client';
import { DEFAULT_LOCALE, labels } from '../../i18n';
import {
  NotificationRejected,
  type PayNotification,
  type PayProvider,
  PayProviderError,
  type TradeState,
} from '../../integrations/wechat/pay';
import type { AuditService } from '../audit/audit.service';
import type { BookingService } from '../booking/booking.service';
import type { PaymentPort } from '../booking/payment-port';
import type { CatalogService } from '../catalog/catalog.service';
import { type OrderRow, paymentRepository, type RefundRow } from './payment.repository';

const MINUTE = 60_000;
/** An order paying this long without a notification is asked about; a refund in flight likewise. */
const RECONCILE_AFTER_MS = 5 * MINUTE;
const RETRY_AFTER_MS = MINUTE;
const MAX_REFUND_ATTEMPTS = 20;
const ORDER = { zh: '订单', en: 'The order' };

/** out_trade_no / out_refund_no: a letter, the hospital-local date and 12 random hex digits (22 chars). */
function newNumber(prefix: 'P' | 'R', now: Date, timeZone: string): string {
  return `${prefix}${localDate(now, timeZone).replaceAll('-', '')}${randomBytes(6).toString('hex').toUpperCase()}`;
}

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

/**
 * Orders and their money, exactly once. Every state change of an order happens in one transaction with the
 * booking change it implies; notifications are verified, matched against the order, recorded by id (a
 * duplicate changes nothing) and answered so WeChat retries only what was not handled.
 */
export function createPaymentService(deps: {
  db: Db;
  clock: Clock;
  provider: PayProvider;
  booking: BookingService;
  catalog: CatalogService;
  audit: AuditService;
  logger: Logger;
  /** Public URL of POST /api/v1/payments/wechat/notify. */
  notifyUrl: string;
}) {
  const { db, clock, provider, booking, catalog, audit, logger } = deps;
  const transaction = <T>(fn: (tx: DbTx) => Promise<T>) => db.$transaction(fn);

  /** Every change of an order's status goes through here and the shared transition table. */
  async function moveOrder(
    tx: DbClient,
    order: Pick<OrderRow, 'id' | 'orderNo' | 'status'>,
    to: OrderStatus,
    data: Prisma.PaymentOrderUncheckedUpdateInput = {},
  ) {
    if (order.status !== to) assertTransition(ORDER_TRANSITIONS, order.status, to, ORDER);
    return paymentRepository(tx).updateOrder(order.id, { ...data, status: to });
  }

  /**
   * The order's refunded total is the sum of its succeeded refunds — derived, never added to — and its status
   * follows its refunds: refunding while one runs, else refunded, partially refunded or paid.
   */
  async function followRefunds(
    tx: DbClient,
    order: OrderRow,
    refunds: Pick<RefundRow, 'status' | 'amountFen'>[],
  ) {
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
  async function moveRefund(
    tx: DbClient,
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
  async function createRefund(
    tx: DbClient,
    order: OrderRow,
    amountFen: number | undefined,
    reason: string,
    requestedBy: string,
  ) {
    const r = paymentRepository(tx);
    const pending = order.refunds
      .filter((x) => x.status !== 'FAILED')
      .reduce((sum, x) => sum + x.amountFen, 0);
    const left = order.amountFen - pending;
    const amount = amountFen ?? left;
    if (amount <= 0 || amount > left)
      throw AppError.with('REFUND_EXCEEDS_PAID', { left: formatYuan(Math.max(left, 0)) });
    const h = await catalog.hospitalContext(tx);
    const refund = await r.createRefund({
      refundNo: newNumber('R', clock.now(), h.timeZone),
      orderId: order.id,
      amountFen: amount,
      reason,
      status: 'REQUESTED',
      requestedBy,
      nextAttemptAt: clock.now(),
    });
    await moveOrder(tx, order, 'REFUNDING');
    return refund;
  }

  /**
   * The provider says the order is paid (notification or query). Confirms the booking in the same
   * transaction; a payment for a booking that can no longer be had is refunded at once, with the reason kept.
   */
  async function settlePaid(orderNo: string, trade: TradeState, notificationId?: string): Promise<string> {
    return transaction(async (tx) => {
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
          await createRefund(tx, paid, undefined, '支付到账时预约已取消或号源已释放，自动全额退款', 'system');
          outcome = 'AUTO_REFUND';
          logger.warn(
            { orderNo, bookingId: order.bookingId },
            'payment for a booking that is gone: refunding',
          );
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

  async function handleNotification(headers: Record<string, string | string[] | undefined>, rawBody: string) {
    let n: PayNotification;
    try {
      n = await provider.parseNotification(headers, rawBody, clock.now());
    } catch (error) {
      if (error instanceof NotificationRejected) {
        logger.warn({ reason: error.reason }, 'payment notification rejected');
        throw new AppError('NOTIFICATION_REJECTED', `支付通知验证失败：${error.reason}`);
      }
      throw error;
    }
    if (await paymentRepository(db).notificationSeen(n.id)) return { outcome: 'DUPLICATE' };
    const res = n.resource;
    if (res.type === 'transaction') {
      if (res.tradeState !== 'SUCCESS') {
        await paymentRepository(db).recordNotification({
          id: n.id,
          eventType: n.eventType,
          orderNo: res.outTradeNo,
          outcome: 'IGNORED',
        });
        return { outcome: 'IGNORED' };
      }
      return { outcome: await settlePaid(res.outTradeNo, res, n.id) };
    }
    const outcome = await transaction(async (tx) => {
      const r = paymentRepository(tx);
      const result =
        res.status === 'SUCCESS'
          ? (await moveRefund(tx, res.outRefundNo, 'SUCCEEDED', {
              providerRefundId: res.refundId ?? null,
              succeededAt: res.successTime ?? clock.now(),
              lastError: null,
            })) === 'MOVED'
            ? 'REFUNDED'
            : 'DUPLICATE'
          : (await moveRefund(tx, res.outRefundNo, 'FAILED', {
                lastError: `微信退款结果：${res.status}`,
              })) === 'MOVED'
            ? 'REFUND_FAILED'
            : 'DUPLICATE';
      await r.recordNotification({
        id: n.id,
        eventType: n.eventType,
        refundNo: res.outRefundNo,
        orderNo: res.outTradeNo,
        outcome: result,
      });
      return result;
    });
    return { outcome };
  }

  async function visibleOrder(orderNo: string, who: Viewer) {
    const order = await paymentRepository(db).findOrder(orderNo);
    if (!order || (who.kind === 'patient' && order.accountId !== who.accountId)) throw notFound('订单');
    return order;
  }

  const port: PaymentPort = {
    async requestRefund(tx, input) {
      const order = await paymentRepository(tx).lockPaidOrder(input.bookingId);
      if (!order) return; // confirmed without a payment (free, or paid at a window outside this system)
      await createRefund(tx, order, undefined, input.reason, input.requestedBy);
    },
    async bookingEnded(tx, bookingId, reason) {
      await paymentRepository(tx).closeOpenOrders(bookingId, reason, clock.now());
    },
  };

  return {
    port,
    providerKind: provider.kind,
    handleNotification,

    /**
     * Starts (or resumes) paying a held booking: the order and the signed wx.requestPayment parameters. The
     * booking is locked first, so a cancel or an expiry cannot slip between its check and the new order.
     */
    async pay(accountId: string, bookingId: string) {
      const b = await booking.get(bookingId, { kind: 'patient', accountId });
      const h = await catalog.hospitalContext();
      return transaction(async (tx) => {
        const status = await booking.lockForPayment(tx, bookingId);
        if (status === 'EXPIRED') throw new AppError('HOLD_EXPIRED');
        if (status !== 'PENDING_PAYMENT') throw new AppError('PAYMENT_NOT_NEEDED');
        const r = paymentRepository(tx);
        let order = await r.findOpenOrder(bookingId);
        if (order?.clientParams)
          return {
            order: presentOrder(order),
            provider: provider.kind,
            clientParams: order.clientParams as never,
          };
        if (!order) {
          // Stored and shown on the patient's WeChat Pay bill: always in the hospital's language, whatever the
          // locale of the request that started paying.
          const title = b.doctor ? labelsFor(DEFAULT_LOCALE).doctorTitle[b.doctor.title] : '';
          const item = b.examType
            ? b.examType.name
            : `${b.department.name} ${b.doctor?.name ?? ''} ${title}`.trim();
          await r.createOrder({
            orderNo: newNumber('P', clock.now(), h.timeZone),
            bookingId,
            accountId,
            kind: b.examType ? 'EXAM' : 'REGISTRATION',
            description: `${b.examType ? '检查费' : '挂号费'}-${item}`.slice(0, 127),
            amountFen: b.feeFen,
            status: 'CREATED',
            provider: provider.kind,
            expiresAt: new Date(b.holdExpiresAt!),
          });
          order = (await r.findOpenOrder(bookingId))!;
        }
        const account = await r.accountOpenid(accountId);
        try {
          const clientParams = await provider.prepay({
            outTradeNo: order.orderNo,
            description: order.description,
            amountFen: order.amountFen,
            payerOpenid: account!.openid,
            expiresAt: order.expiresAt,
            notifyUrl: deps.notifyUrl,
          });
          order = await moveOrder(tx, order, 'PAYING', {
            clientParams: clientParams as never,
            checkAfter: new Date(clock.now().getTime() + RECONCILE_AFTER_MS),
          });
          return { order: presentOrder(order), provider: provider.kind, clientParams };
        } catch (error) {
          if (error instanceof PayProviderError) {
            logger.error({ orderNo: order.orderNo, code: error.code }, 'prepay failed');
            throw new AppError('PAYMENT_UNAVAILABLE', undefined, { providerCode: error.code });
          }
          throw error;
        }
      });
    },

    async getOrder(orderNo: string, who: Viewer) {
      return presentOrder(await visibleOrder(orderNo, who));
    },

    /** Local stand-in only: "the patient paid" — produces a signed notification through the real path. */
    async confirmLocal(orderNo: string, who: Viewer) {
      const order = await visibleOrder(orderNo, who);
      if (provider.kind !== 'local' || !('simulatePayment' in provider))
        throw new AppError('ROUTE_NOT_FOUND');
      if (order.status !== 'PAYING')
        throw new AppError(order.status === 'CLOSED' ? 'HOLD_EXPIRED' : 'PAYMENT_NOT_NEEDED');
      await (provider as { simulatePayment(no: string): Promise<void> }).simulatePayment(orderNo);
      return presentOrder((await paymentRepository(db).findOrder(orderNo))!);
    },

    async fees() {
      const h = await catalog.hospitalContext();
      const exams = await catalog.listExamTypes();
      return {
        registration: FEE_CATEGORIES.map((category) => ({
          category,
          label: labels().feeCategory[category],
          feeFen: h.rules.fees.registrationFen[category],
        })),
        exams: exams.map((e) => ({
          code: e.code,
          name: e.name,
          departmentName: e.departmentName,
          feeFen: e.feeFen,
        })),
      };
    },

    /** Itemised per visit: each booking's orders and refunds, and what was paid net. */
    async bills(accountId: string): Promise<Bill[]> {
      const h = await catalog.hospitalContext();
      const rows = await paymentRepository(db).ordersForAccount(accountId);
      const byBooking = new Map<string, typeof rows>();
      for (const o of rows) byBooking.set(o.bookingId, [...(byBooking.get(o.bookingId) ?? []), o]);
      return [...byBooking.values()].map((orders) => {
        const b = orders[0]!.booking;
        const paidFen = orders.filter((o) => o.paidAt).reduce((s, o) => s + o.amountFen, 0);
        const refundedFen = orders.reduce((s, o) => s + o.refundedFen, 0);
        return {
          bookingId: b.id,
          date: b.date.toISOString().slice(0, 10),
          startTime: localTime(b.startsAt, h.timeZone),
          profileName: b.profile.name,
          departmentName: b.session.department.name,
          item: b.session.examType?.name ?? `${b.session.doctor?.name ?? ''} 挂号`,
          orders: orders.map(presentOrder),
          paidFen,
          refundedFen,
          netFen: paidFen - refundedFen,
        };
      });
    },

    async search(q: {
      status?: OrderStatus;
      orderNo?: string;
      date?: string;
      page: number;
      pageSize: number;
    }) {
      const h = await catalog.hospitalContext();
      // The hospital-local day, as UTC instants.
      const day = q.date
        ? {
            gte: zonedInstant(q.date, '00:00', h.timeZone),
            lt: zonedInstant(addDays(q.date, 1), '00:00', h.timeZone),
          }
        : undefined;
      const { items, total } = await paymentRepository(db).search(
        { status: q.status, orderNo: q.orderNo, createdAt: day },
        q.page,
        q.pageSize,
      );
      return { items: items.map(presentOrder), total, page: q.page, pageSize: q.pageSize };
    },

    /** Staff refund with a reason (fee corrections, complaints), audited. The booking itself is unchanged. */
    async staffRefund(actor: Actor, orderNo: string, input: { amountFen?: number; reason: string }) {
      await transaction(async (tx) => {
        const r = paymentRepository(tx);
        const order = await r.lockOrder(orderNo);
        if (!order) throw notFound('订单');
        if (!REFUNDABLE_ORDER_STATUSES.includes(order.status)) throw new AppError('ORDER_NOT_REFUNDABLE');
        const refund = await createRefund(tx, order, input.amountFen, input.reason, actor.name ?? 'staff');
        await audit.record(tx, actor, {
          action: 'order.refund',
          entityType: 'payment_order',
          entityId: order.id,
          after: { orderNo, refundNo: refund.refundNo, amountFen: refund.amountFen, reason: input.reason },
        });
      });
      return presentOrder((await paymentRepository(db).findOrder(orderNo))!);
    },

    /** Job: send requested refunds and ask about those in flight; the same refund number every time. */
    async processRefunds(limit = 50): Promise<number> {
      const now = clock.now();
      const due = await transaction((tx) =>
        paymentRepository(tx).claimRefunds(now, new Date(now.getTime() + RETRY_AFTER_MS), limit),
      );
      for (const refund of due) {
        try {
          const state =
            refund.status === 'REQUESTED'
              ? await provider.refund({
                  outTradeNo: refund.order.orderNo,
                  outRefundNo: refund.refundNo,
                  refundFen: refund.amountFen,
                  totalFen: refund.order.amountFen,
                  reason: refund.reason,
                  notifyUrl: deps.notifyUrl,
                })
              : await provider.queryRefund(refund.refundNo);
          await transaction(async (tx) => {
            if (state.status === 'SUCCESS')
              await moveRefund(tx, refund.refundNo, 'SUCCEEDED', {
                providerRefundId: state.refundId ?? null,
                succeededAt: state.successTime ?? clock.now(),
                lastError: null,
              });
            else if (state.status === 'PROCESSING')
              await moveRefund(tx, refund.refundNo, 'PROCESSING', {
                providerRefundId: state.refundId ?? null,
              });
            else
              await moveRefund(tx, refund.refundNo, 'FAILED', { lastError: `微信退款结果：${state.status}` });
          });
        } catch (error) {
          const why = error instanceof PayProviderError ? `${error.code}: ${error.message}` : String(error);
          const giveUp =
            (error instanceof PayProviderError && !error.retryable) ||
            refund.attempts + 1 >= MAX_REFUND_ATTEMPTS;
          await transaction(async (tx) => {
            if (giveUp) await moveRefund(tx, refund.refundNo, 'FAILED', { lastError: why });
            else await paymentRepository(tx).noteRefundError(refund.id, why);
          });
        }
      }
      return due.length;
    },

    /**
     * Job: orders paying for 5 minutes with no notification are asked about — paid ones are settled exactly
     * like a notification, unpaid ones past their hold are closed; orders closed here are closed at the
     * provider too (a payment that slipped in is settled, and refunded if its booking is gone).
     */
    async reconcile(limit = 50): Promise<number> {
      const now = clock.now();
      const due = await transaction((tx) =>
        paymentRepository(tx).claimOrdersToReconcile(now, new Date(now.getTime() + RETRY_AFTER_MS), limit),
      );
      for (const order of due) {
        try {
          const trade = await provider.queryOrder(order.orderNo).catch((error) => {
            if (error instanceof PayProviderError && error.code === 'ORDER_NOT_EXIST') return null;
            throw error;
          });
          if (trade && (trade.tradeState === 'SUCCESS' || trade.tradeState === 'REFUND')) {
            await settlePaid(order.orderNo, trade);
            continue;
          }
          if (order.status === 'PAYING' && order.expiresAt > now) continue; // still within the hold
          if (trade) await provider.closeOrder(order.orderNo);
          await transaction(async (tx) => {
            const r = paymentRepository(tx);
            const locked = await r.lockOrder(order.orderNo);
            if (!locked || !['PAYING', 'CLOSED'].includes(locked.status)) return;
            await moveOrder(tx, locked, 'CLOSED', {
              providerClosed: true,
              closedAt: locked.closedAt ?? now,
              closeReason: locked.closeReason ?? '支付超时',
            });
          });
        } catch (error) {
          logger.warn({ orderNo: order.orderNo, err: error }, 'reconciliation failed; will retry');
        }
      }
      return due.length;
    },
  };
}

export type PaymentService = ReturnType<typeof createPaymentService>;
