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

export const ID_TYPES = ['RESIDENT_ID', 'PASSPORT'] as const;
export type IdType = (typeof ID_TYPES)[number];

export const SEXES = ['MALE', 'FEMALE'] as const;
export type Sex = (typeof SEXES)[number];

export const RELATIONSHIPS = ['SELF', 'SPOUSE', 'CHILD', 'PARENT', 'OTHER'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** Chinese labels shown in the mini-program and console. */
export const LABELS_ZH = {
  role: {
    patient: '患者',
    clerk: '窗口工作人员',
    doctor: '医生',
    scheduler: '排班管理员',
    complaints_officer: '医患办',
    quality_officer: '质控办',
    admin: '系统管理员',
  } satisfies Record<Role, string>,
  doctorTitle: {
    CHIEF_PHYSICIAN: '主任医师',
    ASSOCIATE_CHIEF_PHYSICIAN: '副主任医师',
    ATTENDING_PHYSICIAN: '主治医师',
    RESIDENT_PHYSICIAN: '住院医师',
  } satisfies Record<DoctorTitle, string>,
  feeCategory: { GENERAL: '普通号', EXPERT: '专家号', SPECIAL: '特需号' } satisfies Record<
    FeeCategory,
    string
  >,
  roomKind: { CONSULTING: '诊室', EXAM: '检查室', WINDOW: '窗口' } satisfies Record<RoomKind, string>,
  relationship: {
    SELF: '本人',
    SPOUSE: '配偶',
    CHILD: '子女',
    PARENT: '父母',
    OTHER: '其他',
  } satisfies Record<Relationship, string>,
} as const;

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

export const PERIOD_LABELS_ZH: Record<SessionPeriod, string> = { AM: '上午', PM: '下午', EVENING: '夜间' };
export const BOOKING_STATUS_LABELS_ZH: Record<BookingStatus, string> = {
  PENDING_PAYMENT: '待支付',
  CONFIRMED: '已预约',
  CHECKED_IN: '已签到',
  COMPLETED: '已就诊',
  CANCELLED: '已取消',
  EXPIRED: '已过期',
  NO_SHOW: '爽约',
};
