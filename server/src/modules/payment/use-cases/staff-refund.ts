import { REFUNDABLE_ORDER_STATUSES } from '@hospital/shared';
import type { Actor } from '../../../core/actor';
import { AppError, notFound } from '../../../core/errors';
import type { PaymentDeps } from '../payment.deps';
import { presentOrder } from '../payment.presenter';
import { paymentRepository } from '../payment.repository';
import { createRefund } from './refunds';

export interface StaffRefundInput {
  amountFen?: number;
  reason: string;
}

/** Staff refund with a reason (fee corrections, complaints), audited. The booking itself is unchanged. */
export async function staffRefund(deps: PaymentDeps, actor: Actor, orderNo: string, input: StaffRefundInput) {
  const { db, uow, audit } = deps;
  await uow.run(async ({ tx }) => {
    const r = paymentRepository(tx);
    const order = await r.lockOrder(orderNo);
    if (!order) throw notFound('订单');
    if (!REFUNDABLE_ORDER_STATUSES.includes(order.status)) throw new AppError('ORDER_NOT_REFUNDABLE');
    const refund = await createRefund(deps, tx, order, input.amountFen, input.reason, actor.name ?? 'staff');
    await audit.record(tx, actor, {
      action: 'order.refund',
      entityType: 'payment_order',
      entityId: order.id,
      after: { orderNo, refundNo: refund.refundNo, amountFen: refund.amountFen, reason: input.reason },
    });
  });
  return presentOrder((await paymentRepository(db).findOrder(orderNo))!);
}
