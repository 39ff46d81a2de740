import { z } from 'zod';
import { ELIGIBILITY_SCOPES } from '../eligibility';
import { DOCTOR_TITLES, EXAM_CATEGORIES, FEE_CATEGORIES, ROOM_KINDS, SEXES } from '../enums';
import { fieldError } from '../field-messages';
import { FASTING_WATER, guidanceShapeIssues } from '../guidance-check';
import { codeSchema, fenSchema, idParams, idSchema, patchOf } from './common';
import type { EndpointContracts } from './endpoints';
import { hospitalSchema, hospitalUpdateSchema } from './hospital';

const text = (max: number) => z.string().trim().max(max);
const requiredText = (max: number, message: string) => z.string().trim().min(1, message).max(max);

// ---- eligibility (shared/src/eligibility.ts decides; docs/decisions/018-eligibility.md)

const ageSchema = z.number().int().min(0).max(150);

/** Who a department, doctor or exam type accepts; null means any. Ages are full years (周岁), inclusive. */
const eligibilityFields = {
  allowedSex: z.enum(SEXES).nullable().default(null),
  minAge: ageSchema.nullable().default(null),
  maxAge: ageSchema.nullable().default(null),
};

/** The same fields in an answer. */
const eligibilityAnswer = {
  allowedSex: z.enum(SEXES).nullable(),
  minAge: z.number().int().nullable(),
  maxAge: z.number().int().nullable(),
};

/** One restriction that applies to booking this (its own, its department's, the hospital's pediatric age). */
export const restrictionSchema = z
  .object({
    scope: z.enum(ELIGIBILITY_SCOPES),
    /** The name as the hospital writes it, with its English where given: shown through `localName`. */
    name: z.string(),
    nameEn: z.string().nullable(),
    ...eligibilityAnswer,
  })
  .meta({ id: 'EligibilityRestriction' });

const restrictionsAnswer = {
  /** Every restriction a booking here must meet, resolved against the hospital's rules; [] means anyone. */
  restrictions: z.array(restrictionSchema),
};

/** Refuses a minimum age above the maximum (a create; updates are checked against the stored values). */
export function checkAgeRange(v: { minAge?: number | null; maxAge?: number | null }, ctx: z.RefinementCtx) {
  if (v.minAge != null && v.maxAge != null && v.minAge > v.maxAge) {
    ctx.addIssue({ code: 'custom', path: ['maxAge'], message: fieldError('ageRange') });
  }
}

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
    ...eligibilityAnswer,
    /** 儿科: the hospital's `eligibility.pediatricsMaxAge` applies. */
    pediatric: z.boolean(),
    ...restrictionsAnswer,
  })
  .meta({ id: 'Department' });
export type Department = z.infer<typeof departmentSchema>;

const departmentFields = {
  name: requiredText(40, fieldError('departmentName')),
  nameEn: text(80).nullable().default(null),
  description: text(1000).default(''),
  location: text(100).default(''),
  sortOrder: z.number().int().min(0).max(10_000).default(100),
  active: z.boolean().default(true),
  ...eligibilityFields,
  pediatric: z.boolean().default(false),
};
export const departmentCreateRequest = z
  .strictObject({ code: codeSchema, ...departmentFields })
  .superRefine(checkAgeRange)
  .meta({ id: 'DepartmentCreateRequest' });
export const departmentUpdateRequest = patchOf(departmentFields).meta({ id: 'DepartmentUpdateRequest' });

// ---- doctors

export const doctorSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    departmentId: z.string(),
    departmentName: z.string(),
    departmentNameEn: z.string().nullable(),
    name: z.string(),
    /** The name English readers see; null: the Chinese name. */
    nameEn: z.string().nullable(),
    /** The photo (a URL, or a storage key once photos are uploaded); null: the app's default picture. */
    photoUrl: z.string().nullable(),
    title: z.enum(DOCTOR_TITLES),
    titleLabel: z.string(),
    feeCategory: z.enum(FEE_CATEGORIES),
    /** The registration fee the patient pays: the doctor's own fee, else the hospital's fee for the category. */
    feeFen: z.number().int(),
    specialty: z.string(),
    bio: z.string(),
    active: z.boolean(),
    ...eligibilityAnswer,
    ...restrictionsAnswer,
  })
  .meta({ id: 'Doctor' });
export type Doctor = z.infer<typeof doctorSchema>;

const doctorFields = {
  departmentId: idSchema,
  name: requiredText(30, fieldError('doctorName')),
  nameEn: text(80).nullable().default(null),
  /** An http(s) URL, or a storage key (letters, digits, `/`, `.`, `_`, `-`) of an uploaded photo. */
  photoUrl: z
    .string()
    .trim()
    .max(500)
    .regex(/^(https?:\/\/\S+|(?!.*\.\.)\w[\w./-]*)$/, fieldError('photo'))
    .nullable()
    .default(null),
  title: z.enum(DOCTOR_TITLES),
  feeCategory: z.enum(FEE_CATEGORIES),
  /** Overrides the hospital's fee for the category (特需 fees are often per doctor). */
  feeFenOverride: fenSchema.nullable().default(null),
  specialty: text(200).default(''),
  bio: text(2000).default(''),
  active: z.boolean().default(true),
  ...eligibilityFields,
};
export const doctorCreateRequest = z
  .strictObject({ code: codeSchema, ...doctorFields })
  .superRefine(checkAgeRange)
  .meta({ id: 'DoctorCreateRequest' });
export const doctorUpdateRequest = patchOf(doctorFields).meta({ id: 'DoctorUpdateRequest' });

/** The photo types a doctor's photo may have (the server checks the bytes are one, and the one claimed). */
export const DOCTOR_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type DoctorPhotoType = (typeof DOCTOR_PHOTO_TYPES)[number];
/** The largest photo accepted, in bytes (before base64). */
export const DOCTOR_PHOTO_MAX_BYTES = 2 * 1024 * 1024;

export const doctorPhotoUploadRequest = z
  .strictObject({
    contentType: z.enum(DOCTOR_PHOTO_TYPES),
    /** The file's bytes, base64 (JSON like every other request; the server stores them under a random key). */
    data: z
      .string()
      .min(1)
      .refine((v) => /^[A-Za-z0-9+/]*={0,2}$/.test(v) && v.length % 4 === 0, fieldError('photoData')),
  })
  .meta({ id: 'DoctorPhotoUpload' });

/** A stored photo's file name: 32 hex digits (random, never the uploader's file name) and its type. */
export const doctorPhotoParams = z.strictObject({
  name: z.string().regex(/^[0-9a-f]{32}\.(jpg|png|webp)$/, fieldError('photo')),
});

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
  name: requiredText(40, fieldError('roomName')),
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
  name: requiredText(60, fieldError('examName')),
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
  /** While fasting: NONE (nothing to drink) or SIPS (small sips of water); set exactly with fastingHours. */
  fastingWater: z.enum(FASTING_WATER).nullable().default(null),
  /** With SIPS: nothing at all to drink from this many hours before the exam (胃镜 "前2小时禁水"). */
  noWaterHours: z.number().int().min(1).max(47).nullable().default(null),
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
  /** Minutes from the end of the exam until the results are ready, as precisely as the hospital states it. */
  resultReadyMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 60),
  resultReadyText: text(300).default(''),
  active: z.boolean().default(true),
  ...eligibilityFields,
};

export const examTypeCreateRequest = z
  .strictObject({ code: codeSchema, ...examTypeFields })
  .superRefine((v, ctx) => {
    checkAgeRange(v, ctx);
    if ((v.waterMl === null) !== (v.waterMinutesBefore === null)) {
      ctx.addIssue({ code: 'custom', path: ['waterMinutesBefore'], message: fieldError('waterTogether') });
    }
    // Field shapes; the free text against the fields is the server's save-time check (GUIDANCE_CONTRADICTS_FIELDS).
    for (const issue of guidanceShapeIssues(v)) {
      ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.zh, params: { en: issue.en } });
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
    departmentNameEn: z.string().nullable(),
    roomId: z.string().nullable(),
    feeFen: z.number().int(),
    durationMinutes: z.number().int(),
    location: z.object({ building: z.string(), floor: z.string(), room: z.string(), route: z.string() }),
    preparation: z.object({
      fastingHours: z.number().int().nullable(),
      fastingWater: z.enum(FASTING_WATER).nullable(),
      noWaterHours: z.number().int().nullable(),
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
    resultReadyMinutes: z.number().int(),
    resultReadyText: z.string(),
    active: z.boolean(),
    ...eligibilityAnswer,
    ...restrictionsAnswer,
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

// ---- notices and lists

/** A hospital notice, as the public list answers it. */
export const noticeSchema = z
  .object({ id: z.string(), title: z.string(), body: z.string(), publishedAt: z.string() })
  .meta({ id: 'Notice' });
export type Notice = z.infer<typeof noticeSchema>;

const listOf = <T extends z.ZodType>(item: T, id: string) => z.object({ items: z.array(item) }).meta({ id });
export const noticeListResponse = listOf(noticeSchema, 'NoticeList');
export const departmentListResponse = listOf(departmentSchema, 'DepartmentList');
export const doctorListResponse = listOf(doctorSchema, 'DoctorList');
export const roomListResponse = listOf(roomSchema, 'RoomList');
export const examTypeListResponse = listOf(examTypeSchema, 'ExamTypeList');

// ---- search (the home page's search box; docs/decisions/023-compression-caching-search.md)

/** The most hits of each kind one search answers: the closest first (a name that starts with the words). */
export const SEARCH_LIMITS = { departments: 8, doctors: 20, exams: 10 } as const;

export const catalogSearchQuery = z.strictObject({
  /** Part of a name (Chinese or English), a doctor's specialty or department, an exam's code. */
  q: z.string().trim().min(1, fieldError('searchRequired')).max(40, fieldError('searchTooLong')),
});

/** An exam in a list that links to its guidance (search, the fee list): its names and its department's. */
export const examSummaryFields = {
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  departmentName: z.string(),
  departmentNameEn: z.string().nullable(),
};

export const catalogSearchResponse = z
  .object({
    departments: z.array(
      z.object({ id: z.string(), name: z.string(), nameEn: z.string().nullable(), location: z.string() }),
    ),
    doctors: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        nameEn: z.string().nullable(),
        title: z.enum(DOCTOR_TITLES),
        titleLabel: z.string(),
        departmentId: z.string(),
        departmentName: z.string(),
        departmentNameEn: z.string().nullable(),
        specialty: z.string(),
      }),
    ),
    exams: z.array(z.object(examSummaryFields)),
  })
  .meta({ id: 'CatalogSearchResults' });
export type CatalogSearchResults = z.infer<typeof catalogSearchResponse>;

// ---- endpoints (method, path and access: shared/src/api/endpoints.ts)

export const catalogEndpoints = {
  // public
  'catalog.hospital': {
    summary: 'The hospital: name, contact, time zone and published rules',
    tags: ['catalog'],
    response: hospitalSchema,
  },
  'catalog.notices': { summary: 'Current hospital notices', tags: ['catalog'], response: noticeListResponse },
  'catalog.departments': {
    summary: 'Departments open for booking',
    tags: ['catalog'],
    response: departmentListResponse,
  },
  'catalog.departmentDoctors': {
    summary: 'Doctors of a department, senior first, with their registration fee',
    tags: ['catalog'],
    params: idParams,
    response: doctorListResponse,
  },
  'catalog.doctor': { summary: 'One doctor', tags: ['catalog'], params: idParams, response: doctorSchema },
  'catalog.examTypes': {
    summary: 'Exams and tests with their guidance',
    tags: ['catalog'],
    response: examTypeListResponse,
  },
  'catalog.examType': {
    summary: 'One exam type: where to go, how to prepare, what to expect, when results are ready',
    tags: ['catalog'],
    params: examTypeCodeParams,
    response: examTypeSchema,
  },
  'catalog.search': {
    summary: 'Departments, doctors and exams matching a few words, closest first, a few of each',
    tags: ['catalog'],
    query: catalogSearchQuery,
    response: catalogSearchResponse,
  },
  'catalog.doctorPhoto': {
    summary: "An uploaded doctor's photo (its bytes; cached for a year, since a new photo gets a new name)",
    tags: ['catalog'],
    params: doctorPhotoParams,
  },

  // administration (scheduler, admin); every change is audited by the service
  'catalog.adminHospital': {
    summary: 'Hospital settings and rules',
    tags: ['admin'],
    response: hospitalSchema,
  },
  'catalog.updateHospital': {
    summary: 'Change hospital settings or any subset of its rules',
    tags: ['admin'],
    body: hospitalUpdateSchema,
    response: hospitalSchema,
  },
  'catalog.adminDepartments': {
    summary: 'All departments, including inactive ones when asked',
    tags: ['admin'],
    query: catalogListQuery,
    response: departmentListResponse,
  },
  'catalog.createDepartment': {
    summary: 'Create a department',
    tags: ['admin'],
    body: departmentCreateRequest,
    response: departmentSchema,
    errors: ['ALREADY_EXISTS'],
  },
  'catalog.updateDepartment': {
    summary: 'Change a department',
    tags: ['admin'],
    params: idParams,
    body: departmentUpdateRequest,
    response: departmentSchema,
  },
  'catalog.adminDoctors': {
    summary: 'All doctors',
    tags: ['admin'],
    query: catalogListQuery,
    response: doctorListResponse,
  },
  'catalog.createDoctor': {
    summary: 'Create a doctor',
    tags: ['admin'],
    body: doctorCreateRequest,
    response: doctorSchema,
    errors: ['ALREADY_EXISTS'],
  },
  'catalog.updateDoctor': {
    summary: 'Change a doctor',
    tags: ['admin'],
    params: idParams,
    body: doctorUpdateRequest,
    response: doctorSchema,
  },
  'catalog.uploadDoctorPhoto': {
    summary: "Upload a doctor's photo (JPEG, PNG or WebP, at most 2 MB) and make it the doctor's photo",
    tags: ['admin'],
    params: idParams,
    body: doctorPhotoUploadRequest,
    response: doctorSchema,
  },
  'catalog.rooms': {
    summary: 'Consulting rooms, exam rooms and windows',
    tags: ['admin'],
    query: catalogListQuery,
    response: roomListResponse,
  },
  'catalog.createRoom': {
    summary: 'Create a room or window',
    tags: ['admin'],
    body: roomCreateRequest,
    response: roomSchema,
    errors: ['ALREADY_EXISTS'],
  },
  'catalog.updateRoom': {
    summary: 'Change a room or window',
    tags: ['admin'],
    params: idParams,
    body: roomUpdateRequest,
    response: roomSchema,
  },
  'catalog.adminExamTypes': {
    summary: 'All exam types',
    tags: ['admin'],
    query: catalogListQuery,
    response: examTypeListResponse,
  },
  'catalog.createExamType': {
    summary: 'Create an exam type with its guidance',
    tags: ['admin'],
    body: examTypeCreateRequest,
    response: examTypeSchema,
    errors: ['ALREADY_EXISTS', 'GUIDANCE_CONTRADICTS_FIELDS'],
  },
  'catalog.updateExamType': {
    summary: 'Change an exam type or its guidance',
    tags: ['admin'],
    params: idParams,
    body: examTypeUpdateRequest,
    response: examTypeSchema,
    errors: ['GUIDANCE_CONTRADICTS_FIELDS'],
  },
} as const satisfies EndpointContracts;
