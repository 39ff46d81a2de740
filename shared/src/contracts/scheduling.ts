import { z } from 'zod';
import { KEPT_SLOT_REASONS, ROSTER_EXCEPTION_KINDS, SESSION_PERIODS, SLOT_STATUSES } from '../enums';
import { fieldError } from '../field-messages';
import {
  codeSchema,
  fenSchema,
  idParams,
  idSchema,
  instantSchema,
  localDateSchema,
  localTimeSchema,
  patchOf,
} from './common';
import type { EndpointContracts } from './endpoints';

const owner = {
  /** A doctor's clinic … */
  doctorId: idSchema.nullable().default(null),
  /** … or an exam / health-check service (exactly one of the two). */
  examTypeId: idSchema.nullable().default(null),
};
const ownerRefine = (v: { doctorId?: string | null; examTypeId?: string | null }, ctx: z.RefinementCtx) => {
  if (!v.doctorId === !v.examTypeId) {
    ctx.addIssue({ code: 'custom', path: ['doctorId'], message: fieldError('doctorOrExam') });
  }
};
const timeOrder = (v: { startTime?: string | null; endTime?: string | null }, ctx: z.RefinementCtx) => {
  if (v.startTime && v.endTime && v.startTime >= v.endTime) {
    ctx.addIssue({ code: 'custom', path: ['endTime'], message: fieldError('timeOrder') });
  }
};

const templateFields = {
  roomId: idSchema.nullable().default(null),
  weekday: z.number().int().min(1, fieldError('weekday')).max(7, fieldError('weekday')),
  period: z.enum(SESSION_PERIODS),
  startTime: localTimeSchema,
  endTime: localTimeSchema,
  /** Campaign policy asks for slots of 30 minutes or less. */
  slotMinutes: z.number().int().min(5).max(60),
  capacityPerSlot: z.number().int().min(0).max(500),
  feeFenOverride: fenSchema.nullable().default(null),
  active: z.boolean().default(true),
};

export const rosterTemplateCreateRequest = z
  .strictObject({ ...owner, ...templateFields })
  .superRefine(ownerRefine)
  .superRefine(timeOrder)
  .meta({ id: 'RosterTemplateCreateRequest' });
export const rosterTemplateUpdateRequest = patchOf(templateFields)
  .superRefine(timeOrder)
  .meta({ id: 'RosterTemplateUpdateRequest' });

export const rosterTemplateSchema = z
  .object({
    id: z.string(),
    departmentId: z.string(),
    doctorId: z.string().nullable(),
    examTypeId: z.string().nullable(),
    ownerName: z.string(),
    roomId: z.string().nullable(),
    weekday: z.number().int(),
    period: z.enum(SESSION_PERIODS),
    startTime: z.string(),
    endTime: z.string(),
    slotMinutes: z.number().int(),
    capacityPerSlot: z.number().int(),
    feeFenOverride: z.number().int().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'RosterTemplate' });
export type RosterTemplate = z.infer<typeof rosterTemplateSchema>;

export const rosterExceptionCreateRequest = z
  .strictObject({
    ...owner,
    date: localDateSchema,
    kind: z.enum(ROSTER_EXCEPTION_KINDS),
    /** DAY_OFF without a period means the whole day. */
    period: z.enum(SESSION_PERIODS).nullable().default(null),
    startTime: localTimeSchema.nullable().default(null),
    endTime: localTimeSchema.nullable().default(null),
    slotMinutes: z.number().int().min(5).max(60).nullable().default(null),
    capacityPerSlot: z.number().int().min(0).max(500).nullable().default(null),
    roomId: idSchema.nullable().default(null),
    reason: z.string().trim().max(200).default(''),
  })
  .superRefine(ownerRefine)
  .superRefine(timeOrder)
  .superRefine((v, ctx) => {
    if (
      v.kind === 'EXTRA_SESSION' &&
      (!v.period || !v.startTime || !v.endTime || !v.slotMinutes || v.capacityPerSlot === null)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['kind'],
        message: fieldError('extraSessionFields'),
      });
    }
    if (v.kind === 'CAPACITY' && (!v.period || v.capacityPerSlot === null)) {
      ctx.addIssue({ code: 'custom', path: ['capacityPerSlot'], message: fieldError('capacityFields') });
    }
  })
  .meta({ id: 'RosterExceptionCreateRequest' });

export const rosterExceptionSchema = z
  .object({
    id: z.string(),
    doctorId: z.string().nullable(),
    examTypeId: z.string().nullable(),
    date: z.string(),
    kind: z.enum(ROSTER_EXCEPTION_KINDS),
    period: z.enum(SESSION_PERIODS).nullable(),
    startTime: z.string().nullable(),
    endTime: z.string().nullable(),
    slotMinutes: z.number().int().nullable(),
    capacityPerSlot: z.number().int().nullable(),
    reason: z.string(),
  })
  .meta({ id: 'RosterException' });

/** What (re)generating the booking window did; `kept` lists slots that have bookings and were left alone. */
export const generationReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    sessionsCreated: z.number().int(),
    slotsCreated: z.number().int(),
    slotsChanged: z.number().int(),
    slotsRemoved: z.number().int(),
    kept: z.array(
      z.object({
        slotId: z.string(),
        sessionId: z.string(),
        startsAt: z.string(),
        /** Why it was kept; `reason` is its words in Chinese (an app shows `labels.keptSlot[code]`). */
        code: z.enum(KEPT_SLOT_REASONS),
        reason: z.string(),
      }),
    ),
  })
  .meta({ id: 'GenerationReport' });
export type GenerationReport = z.infer<typeof generationReportSchema>;

// ---- availability

export const slotsQuery = z
  .strictObject({
    departmentId: idSchema.optional(),
    doctorId: idSchema.optional(),
    examTypeCode: codeSchema.optional(),
    from: localDateSchema.optional(),
    to: localDateSchema.optional(),
  })
  .refine((q) => q.departmentId || q.doctorId || q.examTypeCode, fieldError('slotsScope'))
  .refine((q) => !q.from || !q.to || q.from <= q.to, fieldError('dateOrder'));

/** Whose clinic it is: a doctor's, or an exam service's (exactly one is set). */
export const sessionOwnerFields = {
  doctorId: z.string().nullable(),
  /** Names as the hospital writes them, with their English where given: shown through `localName`. */
  doctorName: z.string().nullable(),
  doctorNameEn: z.string().nullable(),
  examTypeId: z.string().nullable(),
  examTypeName: z.string().nullable(),
  examTypeNameEn: z.string().nullable(),
};

/** When a slot is: instants for computing, the hospital-local date and times for display. */
export const slotTimeFields = {
  sessionId: z.string(),
  date: z.string(),
  period: z.enum(SESSION_PERIODS),
  startsAt: z.string(),
  endsAt: z.string(),
  /** Hospital-local HH:mm, for display. */
  startTime: z.string(),
  endTime: z.string(),
};

export const slotSchema = z
  .object({
    id: z.string(),
    ...slotTimeFields,
    capacity: z.number().int(),
    placesLeft: z.number().int(),
    status: z.enum(SLOT_STATUSES),
    /** When a NOT_RELEASED slot opens. */
    releaseAt: z.string(),
    feeFen: z.number().int(),
    departmentId: z.string(),
    ...sessionOwnerFields,
    suspendReason: z.string().nullable(),
    /** Profiles waiting for this slot's session. */
    waitlistLength: z.number().int(),
  })
  .meta({ id: 'Slot' });
export type SlotView = z.infer<typeof slotSchema>;

export const slotListResponse = z
  .object({ serverTime: instantSchema, timeZone: z.string(), items: z.array(slotSchema) })
  .meta({ id: 'SlotList' });

export const sessionSuspendRequest = z
  .strictObject({ reason: z.string().trim().min(2, fieldError('suspendReason')).max(200) })
  .meta({ id: 'SessionSuspendRequest' });

// ---- administration: lists, change results, sessions

export const rosterListQuery = z.strictObject({
  doctorId: idSchema.optional(),
  examTypeId: idSchema.optional(),
  departmentId: idSchema.optional(),
});

export const rosterTemplateListResponse = z
  .object({ items: z.array(rosterTemplateSchema) })
  .meta({ id: 'RosterTemplateList' });

/** A template change and what regenerating the booking window (in the same request) did. */
export const rosterTemplateChangeResponse = z
  .object({ template: rosterTemplateSchema, generation: generationReportSchema })
  .meta({ id: 'RosterTemplateChange' });

export const rosterExceptionListQuery = z
  .strictObject({
    doctorId: idSchema.optional(),
    examTypeId: idSchema.optional(),
    from: localDateSchema.optional(),
    to: localDateSchema.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, fieldError('dateOrder'));

export const rosterExceptionListResponse = z
  .object({ items: z.array(rosterExceptionSchema) })
  .meta({ id: 'RosterExceptionList' });

/** An exception added or removed, and what regenerating the booking window (in the same request) did. */
export const rosterExceptionChangeResponse = z
  .object({ exception: rosterExceptionSchema, generation: generationReportSchema })
  .meta({ id: 'RosterExceptionChange' });

export const sessionListQuery = z.strictObject({
  /** Hospital-local day; today when absent. */
  date: localDateSchema.optional(),
  departmentId: idSchema.optional(),
  doctorId: idSchema.optional(),
  examTypeId: idSchema.optional(),
});

export const sessionSummarySchema = z
  .object({
    id: z.string(),
    date: z.string(),
    period: z.enum(SESSION_PERIODS),
    startsAt: z.string(),
    endsAt: z.string(),
    /** Hospital-local HH:mm. */
    startTime: z.string(),
    endTime: z.string(),
    departmentId: z.string(),
    departmentName: z.string(),
    ...sessionOwnerFields,
    roomId: z.string().nullable(),
    roomName: z.string().nullable(),
    templateId: z.string().nullable(),
    feeFen: z.number().int(),
    slots: z.number().int(),
    capacity: z.number().int(),
    booked: z.number().int(),
    /** Places added beyond capacity (加号). */
    extra: z.number().int(),
    waitlistLength: z.number().int(),
    suspendedAt: z.string().nullable(),
    suspendReason: z.string().nullable(),
  })
  .meta({ id: 'SessionSummary' });
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

export const sessionListResponse = z
  .object({ timeZone: z.string(), date: z.string(), items: z.array(sessionSummarySchema) })
  .meta({ id: 'SessionList' });

/** One slot of a session as the staff see it: its places and who holds them. */
export const sessionSlotSchema = z
  .object({
    id: z.string(),
    startsAt: z.string(),
    /** Hospital-local HH:mm. */
    startTime: z.string(),
    endTime: z.string(),
    capacity: z.number().int(),
    /** Paid or free bookings holding a place (confirmed, checked in, seen). */
    booked: z.number().int(),
    /** Unpaid bookings still within their hold. */
    held: z.number().int(),
    /** Places a patient could still take: capacity − booked − held. */
    free: z.number().int(),
    /** Places added beyond capacity (加号), live. */
    extra: z.number().int(),
    status: z.enum(SLOT_STATUSES),
    releaseAt: z.string(),
  })
  .meta({ id: 'SessionSlot' });

/** A session with each of its slots (the day view's detail). */
export const sessionDetailSchema = z
  .object({ timeZone: z.string(), session: sessionSummarySchema, slots: z.array(sessionSlotSchema) })
  .meta({ id: 'SessionDetail' });
export type SessionDetail = z.infer<typeof sessionDetailSchema>;

// ---- endpoints (method, path and access: shared/src/api/endpoints.ts)

/**
 * Rosters (weekly templates and dated exceptions), slot generation, availability and the staff view of
 * sessions. Every roster change regenerates the owner's booking window in the same request and answers with
 * what that did (`generation`), so the scheduler sees at once which booked slots were kept.
 */
export const schedulingEndpoints = {
  'scheduling.slots': {
    summary: 'Bookable slots of a department, doctor or exam (default: today to the day after the window)',
    tags: ['scheduling'],
    query: slotsQuery,
    response: slotListResponse,
  },
  'scheduling.rosters': {
    summary: 'Weekly roster templates',
    tags: ['admin', 'scheduling'],
    query: rosterListQuery,
    response: rosterTemplateListResponse,
  },
  'scheduling.createRoster': {
    summary: 'Add a weekly roster template and generate its slots',
    tags: ['admin', 'scheduling'],
    body: rosterTemplateCreateRequest,
    response: rosterTemplateChangeResponse,
    errors: ['ALREADY_EXISTS'],
  },
  'scheduling.updateRoster': {
    summary: 'Change a weekly roster template and regenerate its unbooked slots',
    tags: ['admin', 'scheduling'],
    params: idParams,
    body: rosterTemplateUpdateRequest,
    response: rosterTemplateChangeResponse,
    errors: ['ALREADY_EXISTS'],
  },
  'scheduling.exceptions': {
    summary: 'Roster exceptions: days off, extra sessions, capacity changes',
    tags: ['admin', 'scheduling'],
    query: rosterExceptionListQuery,
    response: rosterExceptionListResponse,
  },
  'scheduling.createException': {
    summary: 'Add a roster exception and regenerate the affected slots',
    tags: ['admin', 'scheduling'],
    body: rosterExceptionCreateRequest,
    response: rosterExceptionChangeResponse,
    errors: ['ALREADY_EXISTS'],
  },
  'scheduling.deleteException': {
    summary: 'Remove a roster exception and regenerate the affected slots',
    tags: ['admin', 'scheduling'],
    params: idParams,
    response: rosterExceptionChangeResponse,
  },
  'scheduling.generate': {
    summary: 'Generate (or bring up to date) the slots of the booking window now',
    tags: ['admin', 'scheduling'],
    response: generationReportSchema,
  },
  'scheduling.sessions': {
    summary: 'Clinic and exam sessions of a day with their places, bookings and waitlist',
    tags: ['admin', 'scheduling'],
    query: sessionListQuery,
    response: sessionListResponse,
  },
  'scheduling.session': {
    summary: 'One session with each slot’s capacity, booked, held and free places',
    tags: ['admin', 'scheduling'],
    params: idParams,
    response: sessionDetailSchema,
  },
} as const satisfies EndpointContracts;
