import { labelsFor } from '@hospital/shared';
import type { Actor, Viewer } from '../../../core/actor';
import { AppError } from '../../../core/errors';
import { DEFAULT_LOCALE } from '../../../i18n';
import type { PaymentDeps } from '../payment.deps';
import { presentOrder } from '../payment.presenter';
import { paymentRepository, WINDOW_PROVIDER } from '../payment.repository';
import { moveOrder, newNumber } from './order-state';

export { WINDOW_PROVIDER } from '../payment.repository';

export type WindowPaymentMethod = 'CASH' | 'CARD';

/**
 * The window takes the fee of a held booking (cash or a bank card at the counter) and the booking is
 * confirmed in the same transaction. Without it a walk-in patient's booking would stay held until it lapsed:
 * they have no WeChat to pay with. The booking is locked first (the lock order of payment.pay), so an expiry
 * or a cancel cannot slip in; a booking the patient has started paying on-line (an open order) is refused
 * rather than paid twice.
 */
export async function collectAtWindow(
  deps: PaymentDeps,
  actor: Actor,
  who: Viewer,
  bookingId: string,
  method: WindowPaymentMethod,
) {
  const { uow, booking, audit } = deps;
  const b = await booking.get(bookingId, who);
  const orderNo = await uow.run(async ({ tx, now, hospital: h }) => {
    const status = await booking.lockForPayment(tx, bookingId);
    if (status === 'EXPIRED') throw new AppError('HOLD_EXPIRED');
    if (status !== 'PENDING_PAYMENT') throw new AppError('PAYMENT_NOT_NEEDED');
    const r = paymentRepository(tx);
    if (await r.findOpenOrder(bookingId)) throw new AppError('PAYMENT_IN_PROGRESS');
    const title = b.doctor ? labelsFor(DEFAULT_LOCALE).doctorTitle[b.doctor.title] : '';
    const item = b.examType
      ? b.examType.name
      : `${b.department.name} ${b.doctor?.name ?? ''} ${title}`.trim();
    const created = await r.createOrder({
      orderNo: newNumber('P', now, h.timeZone),
      bookingId,
      accountId: (await r.bookingAccount(bookingId))!,
      kind: b.examType ? 'EXAM' : 'REGISTRATION',
      description: `${b.examType ? '检查费' : '挂号费'}-${item}`.slice(0, 127),
      amountFen: b.feeFen,
      status: 'CREATED',
      provider: WINDOW_PROVIDER,
      expiresAt: now,
    });
    await moveOrder(tx, created, 'PAID', { paidAt: now });
    if ((await booking.confirmPaid(tx, bookingId)) !== 'CONFIRMED') throw new AppError('PAYMENT_NOT_NEEDED');
    await audit.record(tx, actor, {
      action: 'order.collect_window',
      entityType: 'payment_order',
      entityId: created.id,
      after: { orderNo: created.orderNo, bookingId, amountFen: b.feeFen, method },
    });
    return created.orderNo;
  });
  return presentOrder((await paymentRepository(deps.db).findOrder(orderNo))!);
}
