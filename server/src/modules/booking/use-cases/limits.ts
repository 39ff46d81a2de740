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
import type { LimitCode, LimitMaxima } from '../booking-facts';

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

/** The hospital's per-profile limits, as `booking_limit_refusal` (and `book_place`) take them. */
export const limitMaxima = (rules: HospitalRules): LimitMaxima => ({
  perDoctorSession: rules.booking.maxPerProfilePerDoctorSession,
  perDepartmentDay: rules.booking.maxPerProfilePerDepartmentDay,
  active: rules.booking.maxActivePerProfile,
});

/** A limit's refusal as the patient reads it: its code, with the hospital's maximum where it has one. */
export function limitError(code: LimitCode, rules: HospitalRules): AppError {
  const max = limitMaxima(rules);
  switch (code) {
    case 'ALREADY_BOOKED':
      return new AppError(code);
    case 'LIMIT_DOCTOR_SESSION':
      return AppError.with(code, { max: max.perDoctorSession });
    case 'LIMIT_DEPARTMENT_DAY':
      return AppError.with(code, { max: max.perDepartmentDay });
    case 'LIMIT_ACTIVE_BOOKINGS':
      return AppError.with(code, { max: max.active });
  }
}

/**
 * The per-profile limits of DOMAIN.md, each with its own error, counted by the database (the one place they
 * are counted, which `book_place` uses too). The caller holds the profile's row lock.
 */
export async function checkLimits(tx: Tx, rules: HospitalRules, now: Date, profileId: string, place: Place) {
  const refusal = await bookingRepository(tx).limitRefusal({
    profileId,
    slotId: place.slotId,
    sessionId: place.sessionId,
    departmentId: place.departmentId,
    date: place.date,
    hasDoctor: !!place.doctorId,
    now,
    max: limitMaxima(rules),
  });
  if (refusal) throw limitError(refusal, rules);
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
