import type { BookingPayment } from '@hospital/shared';
import type { Tx } from '../../core/unit-of-work';
import type { Db } from '../../db/client';

/**
 * What booking needs from payments, called inside booking's own transactions so a booking change and its
 * money consequence stand or fall together. The payment module implements it.
 */
export interface PaymentPort {
  /** A paid booking was cancelled: refund what was paid (retried safely by the payment module). */
  requestRefund(tx: Tx, input: { bookingId: string; reason: string; requestedBy: string }): Promise<void>;
  /** An unpaid booking ended (hold expired, cancelled): close its open order so it can no longer be paid. */
  bookingEnded(tx: Tx, bookingId: string, reason: string): Promise<void>;
  /** What was paid for a booking and what came back (its booking page); null when nothing was paid. */
  paymentOf(db: Db, bookingId: string): Promise<BookingPayment | null>;
  /**
   * Which of these bookings were paid at a registration window: their fee goes back over that counter, so the
   * patient cancels them there, not in the app.
   */
  paidAtWindow(db: Db, bookingIds: string[]): Promise<Set<string>>;
}
