import type { Tx } from '../../core/unit-of-work';

/**
 * What booking needs from payments, called inside booking's own transactions so a booking change and its
 * money consequence stand or fall together. The payment module implements it.
 */
export interface PaymentPort {
  /** A paid booking was cancelled: refund what was paid (retried safely by the payment module). */
  requestRefund(tx: Tx, input: { bookingId: string; reason: string; requestedBy: string }): Promise<void>;
  /** An unpaid booking ended (hold expired, cancelled): close its open order so it can no longer be paid. */
  bookingEnded(tx: Tx, bookingId: string, reason: string): Promise<void>;
}
