import { canTransition } from './booking-status';
import type { HospitalRules } from './contracts/hospital';
import type { BookingStatus, SlotStatus } from './enums';
import { addDays, localDate, zonedInstant } from './time';

/**
 * The one rule for "can this slot be booked now, and how many places are left" — used by the availability
 * listing and by booking itself, so the two can never disagree. The database still has the last word on
 * capacity (a conditional update); this decides everything else.
 */

/** When a slot on `date` (hospital-local) is released: the release time on the day the date enters the window. */
export function releaseAt(date: string, rules: HospitalRules, timeZone: string): Date {
  return zonedInstant(addDays(date, -(rules.booking.windowDays - 1)), rules.booking.releaseTime, timeZone);
}

/** The last hospital-local date currently inside the booking window. */
export function lastBookableDate(now: Date, rules: HospitalRules, timeZone: string): string {
  const today = localDate(now, timeZone);
  const lastDate = addDays(today, rules.booking.windowDays - 1);
  return now >= releaseAt(lastDate, rules, timeZone) ? lastDate : addDays(lastDate, -1);
}

export interface SlotFacts {
  date: string;
  startsAt: Date;
  capacity: number;
  /** Places taken by live bookings (holds that have lapsed excluded). */
  taken: number;
  suspended: boolean;
}

export interface SlotAvailability {
  status: SlotStatus;
  placesLeft: number;
  releaseAt: Date;
}

export function slotAvailability(
  slot: SlotFacts,
  now: Date,
  rules: HospitalRules,
  timeZone: string,
): SlotAvailability {
  const release = releaseAt(slot.date, rules, timeZone);
  const placesLeft = Math.max(0, slot.capacity - slot.taken);
  const status: SlotStatus = slot.suspended
    ? 'SUSPENDED'
    : now >= slot.startsAt
      ? 'PAST'
      : now < release
        ? 'NOT_RELEASED'
        : placesLeft === 0
          ? 'FULL'
          : 'OPEN';
  return { status, placesLeft, releaseAt: release };
}

/** Until when a patient may cancel a confirmed booking themselves (later only at a window). */
export function cancelDeadline(startsAt: Date, rules: HospitalRules): Date {
  return new Date(startsAt.getTime() - rules.booking.cancelCutoffMinutes * 60_000);
}

/**
 * Whether a patient may still cancel a booking on-line — the one rule the cancel use case enforces and the
 * app's 取消 button follows: an unpaid hold always, a confirmed booking until `cancelDeadline`.
 */
export function patientMayCancel(
  b: { status: BookingStatus; startsAt: Date },
  now: Date,
  rules: HospitalRules,
): boolean {
  if (!canTransition(b.status, 'CANCELLED')) return false;
  return b.status !== 'CONFIRMED' || now < cancelDeadline(b.startsAt, rules);
}
