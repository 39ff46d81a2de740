import type { PaymentPort } from '../../booking/payment-port';
import type { PaymentDeps } from '../payment.deps';
import { presentBookingPayment } from '../payment.presenter';
import { paymentRepository } from '../payment.repository';
import { createRefund } from './refunds';

/**
 * What booking calls inside its own transactions (booking/payment-port.ts): refund a paid booking, close an
 * unpaid one. It needs neither the booking service nor the pay provider, so it is wired before both and the
 * two services need no late binding (services.ts).
 */
export function paymentPort(deps: Pick<PaymentDeps, 'clock' | 'catalog'>): PaymentPort {
  return {
    async requestRefund(tx, input) {
      const order = await paymentRepository(tx).lockPaidOrder(input.bookingId);
      if (!order) return; // confirmed without a payment (free, or paid at a window outside this system)
      await createRefund(deps, tx, order, undefined, input.reason, input.requestedBy);
    },
    async bookingEnded(tx, bookingId, reason) {
      await paymentRepository(tx).closeOpenOrders(bookingId, reason, deps.clock.now());
    },
    async paymentOf(db, bookingId) {
      const order = await paymentRepository(db).paidOrderOf(bookingId);
      return order ? presentBookingPayment(order) : null;
    },
    async paidAtWindow(db, bookingIds) {
      return new Set(bookingIds.length ? await paymentRepository(db).paidAtWindow(bookingIds) : []);
    },
  };
}
