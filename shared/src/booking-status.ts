import { BOOKING_STATUSES, type BookingStatus } from './enums';

// A booking's lifecycle and its status groups, without zod: the mini-program's main package reads them
// (the tab pages), and a module of schemas would bring zod along.

/**
 * The lifecycle, in one place: which status may follow which. Services call `canTransition` before every
 * change and the README draws this table.
 */
export const BOOKING_TRANSITIONS: Record<BookingStatus, readonly BookingStatus[]> = {
  PENDING_PAYMENT: ['CONFIRMED', 'CANCELLED', 'EXPIRED'],
  CONFIRMED: ['CHECKED_IN', 'CANCELLED', 'NO_SHOW'],
  CHECKED_IN: ['COMPLETED'],
  COMPLETED: [],
  CANCELLED: [],
  /** Payment that lands after the hold lapsed confirms the booking if its place can still be had. */
  EXPIRED: ['CONFIRMED'],
  NO_SHOW: [],
};

export function canTransition(from: BookingStatus, to: BookingStatus): boolean {
  return BOOKING_TRANSITIONS[from].includes(to);
}

/** Statuses that hold a place in a slot. */
export const LIVE_BOOKING_STATUSES: readonly BookingStatus[] = [
  'PENDING_PAYMENT',
  'CONFIRMED',
  'CHECKED_IN',
  'COMPLETED',
];
/** Statuses that count toward a profile's active-booking limit (upcoming visits). */
export const ACTIVE_BOOKING_STATUSES: readonly BookingStatus[] = ['PENDING_PAYMENT', 'CONFIRMED'];
/** A patient's "upcoming" list: visits still ahead or under way (the rest is their history). */
export const UPCOMING_BOOKING_STATUSES: readonly BookingStatus[] = [
  'PENDING_PAYMENT',
  'CONFIRMED',
  'CHECKED_IN',
];
/** Bookings still to be decided by a stop-clinic or a cancel: a place held, the visit not begun. */
export const CANCELLABLE_BOOKING_STATUSES: readonly BookingStatus[] = BOOKING_STATUSES.filter((s) =>
  BOOKING_TRANSITIONS[s].includes('CANCELLED'),
);

/**
 * How a booking's status is shown to a person: its status, except that a booking a stop-clinic (停诊) cancelled
 * is STOPPED — the hospital called the visit off, which the patient must not mistake for their own cancel.
 * `stopReason` is set by the server only on such bookings (contracts/booking.ts).
 */
export type BookingShownStatus = BookingStatus | 'STOPPED';

export function shownBookingStatus(b: {
  status: BookingStatus;
  stopReason: string | null;
}): BookingShownStatus {
  return b.status === 'CANCELLED' && b.stopReason !== null ? 'STOPPED' : b.status;
}
