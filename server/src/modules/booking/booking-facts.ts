import {
  type BookingChannel,
  type DoctorTitle,
  dateValue,
  type SessionPeriod,
  type Sex,
} from '@hospital/shared';
import type { Actor } from '../../core/actor';
import type { BookingRow } from './booking.repository';

// What booking a place reads and writes in its two round trips (docs/decisions/031): the shapes of
// `bookingFacts` (the read) and `book_place` (the statement), and the booking they make, as the answer shows it.

/** The limits `booking_limit_refusal` counts, and the codes of its refusals (each an AppError code). */
export type LimitCode =
  | 'ALREADY_BOOKED'
  | 'LIMIT_DOCTOR_SESSION'
  | 'LIMIT_DEPARTMENT_DAY'
  | 'LIMIT_ACTIVE_BOOKINGS';
export interface LimitMaxima {
  perDoctorSession: number;
  perDepartmentDay: number;
  active: number;
}
export interface LimitQuery {
  profileId: string;
  slotId: string;
  sessionId: string;
  departmentId: string;
  date: Date;
  hasDoctor: boolean;
  now: Date;
  max: LimitMaxima;
}

/** What `book_place` answers: the booking was made, or the refusal's code. */
export type PlaceOutcome =
  | 'BOOKED'
  | 'PROFILE_NOT_FOUND'
  | 'SLOT_NOT_FOUND'
  | 'SESSION_SUSPENDED'
  | 'SLOT_FULL'
  | LimitCode;
export interface PlaceInput {
  /** The new booking's id (its domain event names it). */
  id: string;
  slotId: string;
  profileId: string;
  /** A patient's own profile must belong to this account; staff bookings leave it unset. */
  accountId?: string;
  channel: BookingChannel;
  status: 'PENDING_PAYMENT' | 'CONFIRMED';
  feeFen: number;
  holdExpiresAt: Date | null;
  now: Date;
  /** 加号: a place beyond capacity. */
  extraReason?: string;
  createdByStaff: string | null;
  max: LimitMaxima;
  event: { type: string; payload: unknown; actor: Pick<Actor, 'type' | 'id' | 'requestId'> };
}

type NamedRule = {
  name: string;
  nameEn: string | null;
  allowedSex: Sex | null;
  minAge: number | null;
  maxAge: number | null;
};
export interface BookingFactsRow {
  slotId: string;
  sessionId: string;
  startsAt: Date;
  endsAt: Date;
  full: boolean;
  date: string;
  period: SessionPeriod;
  sessionEndsAt: Date;
  feeFen: number;
  suspendedAt: Date | null;
  suspendReason: string | null;
  departmentId: string;
  doctorId: string | null;
  examTypeId: string | null;
  departmentActive: boolean;
  pediatric: boolean;
  departmentName: string;
  departmentNameEn: string | null;
  departmentLocation: string;
  departmentSex: Sex | null;
  departmentMinAge: number | null;
  departmentMaxAge: number | null;
  doctorName: string | null;
  doctorNameEn: string | null;
  doctorTitle: DoctorTitle | null;
  doctorSex: Sex | null;
  doctorMinAge: number | null;
  doctorMaxAge: number | null;
  examCode: string | null;
  examName: string | null;
  examNameEn: string | null;
  examBuilding: string | null;
  examFloor: string | null;
  examRoom: string | null;
  examSex: Sex | null;
  examMinAge: number | null;
  examMaxAge: number | null;
  profileId: string | null;
  accountId: string | null;
  profileName: string | null;
  sex: Sex | null;
  birthDate: string | null;
  idNumberHash: string | null;
  guardianIdNumberHash: string | null;
  suspendedUntil: Date | null;
}

/** The read `bookingFacts` answers, shaped as the booking's rules and its answer use it. */
export type BookingFacts = ReturnType<typeof bookingFactsOf>;

export function bookingFactsOf(r: BookingFactsRow) {
  const rule = (
    name: string,
    nameEn: string | null,
    sex: Sex | null,
    min: number | null,
    max: number | null,
  ) => ({ name, nameEn, allowedSex: sex, minAge: min, maxAge: max }) satisfies NamedRule;
  return {
    slot: { id: r.slotId, sessionId: r.sessionId, startsAt: r.startsAt, endsAt: r.endsAt, full: r.full },
    session: {
      id: r.sessionId,
      date: dateValue(r.date),
      period: r.period,
      endsAt: r.sessionEndsAt,
      feeFen: r.feeFen,
      suspendedAt: r.suspendedAt,
      suspendReason: r.suspendReason,
      departmentId: r.departmentId,
      doctorId: r.doctorId,
      examTypeId: r.examTypeId,
      department: {
        id: r.departmentId,
        active: r.departmentActive,
        pediatric: r.pediatric,
        location: r.departmentLocation,
        ...rule(
          r.departmentName,
          r.departmentNameEn,
          r.departmentSex,
          r.departmentMinAge,
          r.departmentMaxAge,
        ),
      },
      doctor:
        r.doctorId === null
          ? null
          : {
              id: r.doctorId,
              title: r.doctorTitle!,
              ...rule(r.doctorName!, r.doctorNameEn, r.doctorSex, r.doctorMinAge, r.doctorMaxAge),
            },
      examType:
        r.examTypeId === null
          ? null
          : {
              id: r.examTypeId,
              code: r.examCode!,
              building: r.examBuilding!,
              floor: r.examFloor!,
              room: r.examRoom!,
              ...rule(r.examName!, r.examNameEn, r.examSex, r.examMinAge, r.examMaxAge),
            },
    },
    profile:
      r.profileId === null
        ? null
        : {
            id: r.profileId,
            accountId: r.accountId!,
            name: r.profileName!,
            sex: r.sex!,
            birthDate: r.birthDate!,
            idNumberHash: r.idNumberHash,
            guardianIdNumberHash: r.guardianIdNumberHash,
          },
    /** The person's no-show suspension, read here for a profile with a document (its key is its ID hash). */
    suspendedUntil: r.suspendedUntil,
  };
}

/**
 * The booking `book_place` just wrote, as `find` would read it back — from the facts read before it, so the
 * answer needs no further round trip.
 */
export function placedBooking(f: BookingFacts, p: Omit<PlaceInput, 'event'>, createdAt: Date): BookingRow {
  const { session, slot, profile } = f;
  return {
    id: p.id,
    slotId: slot.id,
    sessionId: session.id,
    profileId: profile!.id,
    accountId: profile!.accountId,
    departmentId: session.departmentId,
    doctorId: session.doctorId,
    examTypeId: session.examTypeId,
    date: session.date,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    status: p.status,
    channel: p.channel,
    feeFen: p.feeFen,
    holdExpiresAt: p.holdExpiresAt,
    isExtra: p.extraReason !== undefined,
    extraReason: p.extraReason ?? null,
    createdByStaff: p.createdByStaff,
    waitlistEntryId: null,
    createdAt,
    updatedAt: p.now,
    confirmedAt: p.status === 'CONFIRMED' ? p.now : null,
    checkedInAt: null,
    completedAt: null,
    cancelledAt: null,
    cancelReason: null,
    expiredAt: null,
    noShowAt: null,
    profile: {
      id: profile!.id,
      name: profile!.name,
      accountId: profile!.accountId,
      idNumberHash: profile!.idNumberHash,
      guardianIdNumberHash: profile!.guardianIdNumberHash,
      birthDate: dateValue(profile!.birthDate),
    },
    session: {
      period: session.period,
      suspendedAt: session.suspendedAt,
      suspendReason: session.suspendReason,
      department: {
        id: session.department.id,
        name: session.department.name,
        nameEn: session.department.nameEn,
        location: session.department.location,
      },
      doctor: session.doctor && {
        id: session.doctor.id,
        name: session.doctor.name,
        nameEn: session.doctor.nameEn,
        title: session.doctor.title,
      },
      examType: session.examType && {
        id: session.examType.id,
        code: session.examType.code,
        name: session.examType.name,
        nameEn: session.examType.nameEn,
        building: session.examType.building,
        floor: session.examType.floor,
        room: session.examType.room,
      },
    },
  };
}
