/** Domain enums. Repositories map them to Prisma enums; nothing else in the server sees Prisma's. */

export const STAFF_ROLES = [
  'clerk',
  'doctor',
  'scheduler',
  'complaints_officer',
  'quality_officer',
  'admin',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = 'patient' | StaffRole;

export const DOCTOR_TITLES = [
  'CHIEF_PHYSICIAN',
  'ASSOCIATE_CHIEF_PHYSICIAN',
  'ATTENDING_PHYSICIAN',
  'RESIDENT_PHYSICIAN',
] as const;
export type DoctorTitle = (typeof DOCTOR_TITLES)[number];

export const FEE_CATEGORIES = ['GENERAL', 'EXPERT', 'SPECIAL'] as const;
export type FeeCategory = (typeof FEE_CATEGORIES)[number];

export const ROOM_KINDS = ['CONSULTING', 'EXAM', 'WINDOW'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

export const EXAM_CATEGORIES = ['LAB', 'IMAGING', 'ENDOSCOPY', 'FUNCTION'] as const;
export type ExamCategory = (typeof EXAM_CATEGORIES)[number];

/** The documents a person holds themselves, as hospitals accept them (docs/decisions/019-identity-documents.md). */
export const DOCUMENT_TYPES = [
  'RESIDENT_ID',
  'HK_MACAO_PERMIT',
  'TAIWAN_PERMIT',
  'FOREIGN_PERMANENT_ID',
  'PASSPORT',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
/** A profile's ID type: one of the documents, or CHILD_NO_ID (a child registered on a guardian's document). */
export const ID_TYPES = [...DOCUMENT_TYPES, 'CHILD_NO_ID'] as const;
export type IdType = (typeof ID_TYPES)[number];

export const SEXES = ['MALE', 'FEMALE'] as const;
export type Sex = (typeof SEXES)[number];

export const RELATIONSHIPS = ['SELF', 'SPOUSE', 'CHILD', 'PARENT', 'OTHER'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export const SESSION_PERIODS = ['AM', 'PM', 'EVENING'] as const;
export type SessionPeriod = (typeof SESSION_PERIODS)[number];

/**
 * Booking lifecycle. PENDING_PAYMENT → CONFIRMED → CHECKED_IN → COMPLETED; PENDING_PAYMENT → EXPIRED;
 * PENDING_PAYMENT | CONFIRMED → CANCELLED; CONFIRMED → NO_SHOW. The transitions live in
 * `BOOKING_TRANSITIONS` (contracts/booking.ts), the one place that decides them.
 */
export const BOOKING_STATUSES = [
  'PENDING_PAYMENT',
  'CONFIRMED',
  'CHECKED_IN',
  'COMPLETED',
  'CANCELLED',
  'EXPIRED',
  'NO_SHOW',
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const BOOKING_CHANNELS = ['MINIAPP', 'WINDOW', 'PHONE'] as const;
export type BookingChannel = (typeof BOOKING_CHANNELS)[number];

export const WAITLIST_STATUSES = ['WAITING', 'OFFERED', 'BOOKED', 'CANCELLED', 'LAPSED'] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];

export const SLOT_STATUSES = ['NOT_RELEASED', 'OPEN', 'FULL', 'PAST', 'SUSPENDED'] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];

export const ROSTER_EXCEPTION_KINDS = ['DAY_OFF', 'EXTRA_SESSION', 'CAPACITY'] as const;
export type RosterExceptionKind = (typeof ROSTER_EXCEPTION_KINDS)[number];

/** Why regenerating the booking window left a booked slot as it was (its words: `labels.keptSlot`). */
export const KEPT_SLOT_REASONS = [
  'times',
  'capacity',
  'notPlanned',
  'sessionRemoved',
  'bookedMeanwhile',
] as const;
export type KeptSlotReason = (typeof KEPT_SLOT_REASONS)[number];
