import type { Viewer } from '../../../core/actor';
import { AppError } from '../../../core/errors';
import type { PaymentDeps } from '../payment.deps';
import { presentOrder } from '../payment.presenter';
import { paymentRepository } from '../payment.repository';
import { visibleOrder } from './queries';

/** Local stand-in only: "the patient paid" — produces a signed notification through the real path. */
export async function confirmLocal(deps: PaymentDeps, orderNo: string, who: Viewer) {
  const { db, provider } = deps;
  const order = await visibleOrder(deps, orderNo, who);
  if (provider.kind !== 'local' || !('simulatePayment' in provider)) throw new AppError('ROUTE_NOT_FOUND');
  if (order.status !== 'PAYING')
    throw new AppError(order.status === 'CLOSED' ? 'HOLD_EXPIRED' : 'PAYMENT_NOT_NEEDED');
  await (provider as { simulatePayment(no: string): Promise<void> }).simulatePayment(orderNo);
  return presentOrder((await paymentRepository(db).findOrder(orderNo))!);
}
