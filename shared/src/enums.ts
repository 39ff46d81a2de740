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
