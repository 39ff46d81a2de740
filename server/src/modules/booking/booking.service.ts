import type { BookingDeps } from './booking.deps';
import { book } from './use-cases/book';
import { cancel } from './use-cases/cancel';
import { expireHolds } from './use-cases/expire-holds';
import { markNoShows } from './use-cases/no-shows';
import { confirmLatePayment, confirmPaid, lockForPayment } from './use-cases/payment-events';
import { get, guidance, listMine, search } from './use-cases/queries';
import { markArrived, markCompleted } from './use-cases/staff-steps';
import { previewStopClinic, stopClinic } from './use-cases/stop-clinic';
import { placesAdded } from './use-cases/waitlist-offers';

export type { BookingDeps } from './booking.deps';
export type { BookInput } from './use-cases/book';

/**
 * Booking engine. Every decision that gives or takes a place happens in one transaction: the profile row is
 * locked (so a profile's limits and duplicates are decided one request at a time), the slot counter moves
 * by a conditional update (so capacity is decided by the database), and a freed place goes to the waitlist
 * before anyone else can see it.
 *
 * This is the façade: each method is one use case in `use-cases/`, given the dependencies wired here once.
 */
export function createBookingService(deps: BookingDeps) {
  /** A use case with this service's dependencies given: the method keeps the use case's own signature. */
  const use =
    <A extends unknown[], R>(useCase: (deps: BookingDeps, ...args: A) => R) =>
    (...args: A): R =>
      useCase(deps, ...args);
  return {
    book: use(book),
    placesAdded: use(placesAdded),
    get: use(get),
    listMine: use(listMine),
    cancel: use(cancel),
    // The payment module's entry points, called inside its transactions (docs/decisions/004-lock-order.md).
    lockForPayment: use(lockForPayment),
    confirmPaid: use(confirmPaid),
    confirmLatePayment: use(confirmLatePayment),
    markArrived: use(markArrived),
    markCompleted: use(markCompleted),
    expireHolds: use(expireHolds),
    markNoShows: use(markNoShows),
    stopClinic: use(stopClinic),
    previewStopClinic: use(previewStopClinic),
    guidance: use(guidance),
    search: use(search),
  };
}

export type BookingService = ReturnType<typeof createBookingService>;
