import {
  type AgeSexRule,
  type DepartmentRule,
  dateString,
  type HospitalRules,
  ineligibility,
  type LocalNamed,
  restrictionsFor,
  type Sex,
} from '@hospital/shared';
import { AppError } from '../../../core/errors';
import type { Tx } from '../../../core/unit-of-work';
import { type BookingRow, bookingRepository } from '../booking.repository';

const MINUTE = 60_000;

/** Where a place would be, for the limits: a booking row carries these fields; `slotPlace` reads a slot's. */
export type Place = Pick<BookingRow, 'slotId' | 'sessionId' | 'departmentId' | 'date' | 'doctorId'>;

/** The place a slot offers, for `checkLimits`. */
export const slotPlace = (slot: {
  id: string;
  sessionId: string;
  session: Pick<BookingRow, 'departmentId' | 'date' | 'doctorId'>;
}): Place => ({
  slotId: slot.id,
  sessionId: slot.sessionId,
  departmentId: slot.session.departmentId,
  date: slot.session.date,
  doctorId: slot.session.doctorId,
});

/** The per-profile limits of DOMAIN.md, each with its own error. */
export async function checkLimits(tx: Tx, rules: HospitalRules, now: Date, profileId: string, place: Place) {
  const { slotId, sessionId, departmentId, date } = place;
  const counts = await bookingRepository(tx).limitCounts({
    profileId,
    slotId,
    sessionId,
    departmentId,
    date,
    now,
  });
  if (counts.slot > 0) throw new AppError('ALREADY_BOOKED');
  if (place.doctorId && counts.session >= rules.booking.maxPerProfilePerDoctorSession) {
    throw AppError.with('LIMIT_DOCTOR_SESSION', { max: rules.booking.maxPerProfilePerDoctorSession });
  }
  if (counts.departmentDay >= rules.booking.maxPerProfilePerDepartmentDay) {
    throw AppError.with('LIMIT_DEPARTMENT_DAY', { max: rules.booking.maxPerProfilePerDepartmentDay });
  }
  if (counts.active >= rules.booking.maxActivePerProfile) {
    throw AppError.with('LIMIT_ACTIVE_BOOKINGS', { max: rules.booking.maxActivePerProfile });
  }
}

/** A rule with the name (and English name) the refusal states. */
type Named<R> = R & LocalNamed;

/** A session as eligibility reads it: its day and whom its department, doctor and exam accept. */
export interface SessionOwners {
  date: Date;
  department: Named<DepartmentRule>;
  doctor: Named<AgeSexRule> | null;
  examType: Named<AgeSexRule> | null;
}

/**
 * Sex and age restrictions of the session's department (with the hospital's pediatric age), doctor and exam,
 * decided by the shared rule on the session's day (the hospital's calendar): 422 NOT_ELIGIBLE naming the
 * restriction. docs/decisions/018-eligibility.md.
 */
export function checkEligibility(
  rules: HospitalRules,
  profile: { sex: Sex; birthDate: string },
  session: SessionOwners,
) {
  const restrictions = restrictionsFor(session, rules.eligibility);
  const refused = ineligibility(profile, restrictions, dateString(session.date));
  if (refused) throw AppError.with('NOT_ELIGIBLE', refused);
}

/** Status and hold of a new booking: a fee needs payment within the hold; a free service confirms at once. */
export function initialState(feeFen: number, holdMinutes: number, now: Date) {
  return feeFen > 0
    ? { status: 'PENDING_PAYMENT' as const, holdExpiresAt: new Date(now.getTime() + holdMinutes * MINUTE) }
    : { status: 'CONFIRMED' as const, confirmedAt: now };
}
