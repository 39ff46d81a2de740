import { z } from 'zod';
import { DOCTOR_TITLES, EXAM_CATEGORIES, FEE_CATEGORIES, ROOM_KINDS } from '../enums';
import { codeSchema, fenSchema, idSchema, patchOf } from './common';

const text = (max: number) => z.string().trim().max(max);
const requiredText = (max: number, message: string) => z.string().trim().min(1, message).max(max);

// ---- departments

export const departmentSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    description: z.string(),
    location: z.string(),
    sortOrder: z.number().int(),
    active: z.boolean(),
    doctorCount: z.number().int(),
  })
  .meta({ id: 'Department' });
export type Department = z.infer<typeof departmentSchema>;

const departmentFields = {
  name: requiredText(40, '请输入科室名称'),
  nameEn: text(80).nullable().default(null),
  description: text(1000).default(''),
  location: text(100).default(''),
  sortOrder: z.number().int().min(0).max(10_000).default(100),
  active: z.boolean().default(true),
};
export const departmentCreateRequest = z
  .strictObject({ code: codeSchema, ...departmentFields })
  .meta({ id: 'DepartmentCreateRequest' });
export const departmentUpdateRequest = patchOf(departmentFields).meta({ id: 'DepartmentUpdateRequest' });

// ---- doctors

export const doctorSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    departmentId: z.string(),
    departmentName: z.string(),
    name: z.string(),
    title: z.enum(DOCTOR_TITLES),
    titleLabel: z.string(),
    feeCategory: z.enum(FEE_CATEGORIES),
    /** The registration fee the patient pays: the doctor's own fee, else the hospital's fee for the category. */
    feeFen: z.number().int(),
    specialty: z.string(),
    bio: z.string(),
    active: z.boolean(),
  })
  .meta({ id: 'Doctor' });
export type Doctor = z.infer<typeof doctorSchema>;

const doctorFields = {
  departmentId: idSchema,
  name: requiredText(30, '请输入医生姓名'),
  title: z.enum(DOCTOR_TITLES),
  feeCategory: z.enum(FEE_CATEGORIES),
  /** Overrides the hospital's fee for the category (特需 fees are often per doctor). */
  feeFenOverride: fenSchema.nullable().default(null),
  specialty: text(200).default(''),
  bio: text(2000).default(''),
  active: z.boolean().default(true),
};
export const doctorCreateRequest = z
  .strictObject({ code: codeSchema, ...doctorFields })
  .meta({ id: 'DoctorCreateRequest' });
export const doctorUpdateRequest = patchOf(doctorFields).meta({ id: 'DoctorUpdateRequest' });

// ---- rooms and windows

export const roomSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(ROOM_KINDS),
    departmentId: z.string().nullable(),
    building: z.string(),
    floor: z.string(),
    location: z.string(),
    active: z.boolean(),
  })
  .meta({ id: 'Room' });
export type Room = z.infer<typeof roomSchema>;

const roomFields = {
  name: requiredText(40, '请输入名称'),
  kind: z.enum(ROOM_KINDS),
  departmentId: idSchema.nullable().default(null),
  building: text(40).default(''),
  floor: text(20).default(''),
  location: text(200).default(''),
  active: z.boolean().default(true),
};
export const roomCreateRequest = z
  .strictObject({ code: codeSchema, ...roomFields })
  .meta({ id: 'RoomCreateRequest' });
export const roomUpdateRequest = patchOf(roomFields).meta({ id: 'RoomUpdateRequest' });

// ---- exam types and their guidance

const examTypeFields = {
  name: requiredText(60, '请输入检查名称'),
  nameEn: text(120).nullable().default(null),
  category: z.enum(EXAM_CATEGORIES),
  departmentId: idSchema,
  roomId: idSchema.nullable().default(null),
  feeFen: fenSchema,
  durationMinutes: z.number().int().min(1).max(600),
  // where
  building: text(40).default(''),
  floor: text(20).default(''),
  room: text(40).default(''),
  route: text(300).default(''),
  // preparation: structured, so the timeline and reminders are computed, not typed by hand
  fastingHours: z.number().int().min(1).max(48).nullable().default(null),
  fullBladder: z.boolean().default(false),
  waterMl: z.number().int().min(50).max(2000).nullable().default(null),
  waterMinutesBefore: z.number().int().min(10).max(600).nullable().default(null),
  stopMedication: text(300).nullable().default(null),
  bringPriorFilms: z.boolean().default(false),
  arriveEarlyMinutes: z.number().int().min(0).max(240).default(15),
  preparationNotes: text(2000).nullable().default(null),
  // during and after
  whatToExpect: text(2000).default(''),
  afterCare: text(2000).default(''),
  resultReadyHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  resultReadyText: text(300).default(''),
  active: z.boolean().default(true),
};

export const examTypeCreateRequest = z
  .strictObject({ code: codeSchema, ...examTypeFields })
  .superRefine((v, ctx) => {
    if ((v.waterMl === null) !== (v.waterMinutesBefore === null)) {
      ctx.addIssue({ code: 'custom', path: ['waterMinutesBefore'], message: '饮水量和饮水时间需同时填写' });
    }
  })
  .meta({ id: 'ExamTypeCreateRequest' });
export const examTypeUpdateRequest = patchOf(examTypeFields).meta({ id: 'ExamTypeUpdateRequest' });

export const examTypeSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    category: z.enum(EXAM_CATEGORIES),
    departmentId: z.string(),
    departmentName: z.string(),
    roomId: z.string().nullable(),
    feeFen: z.number().int(),
    durationMinutes: z.number().int(),
    location: z.object({ building: z.string(), floor: z.string(), room: z.string(), route: z.string() }),
    preparation: z.object({
      fastingHours: z.number().int().nullable(),
      fullBladder: z.boolean(),
      waterMl: z.number().int().nullable(),
      waterMinutesBefore: z.number().int().nullable(),
      stopMedication: z.string().nullable(),
      bringPriorFilms: z.boolean(),
      arriveEarlyMinutes: z.number().int(),
      notes: z.string().nullable(),
    }),
    whatToExpect: z.string(),
    afterCare: z.string(),
    resultReadyHours: z.number().int(),
    resultReadyText: z.string(),
    active: z.boolean(),
  })
  .meta({ id: 'ExamType' });
export type ExamType = z.infer<typeof examTypeSchema>;

export const examTypeCodeParams = z.strictObject({ code: codeSchema });

export const catalogListQuery = z.strictObject({
  /** Admin lists include inactive entries when asked. */
  includeInactive: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
