import { z } from 'zod';
import { fieldError } from '../field-messages';
import { isValidTimeZone } from '../time';
import { fenSchema, localTimeSchema, patchOf } from './common';

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/**
 * Per-hospital rules. Every number DOMAIN.md states is a default here and can be changed by an admin; code
 * reads rules from the hospital record, never from constants. Stored as JSON and parsed through this schema,
 * so a rule added later gets its default on existing hospitals without a data migration.
 */
export const hospitalRulesSchema = z
  .object({
    booking: z
      .object({
        /** Days ahead that can be booked, today included. */
        windowDays: int(1, 14).default(7),
        /** Hospital-local time at which the next day enters the window. */
        releaseTime: localTimeSchema.default('07:00'),
        defaultSlotMinutes: int(5, 240).default(30),
        /** An unpaid booking holds its place this long. */
        holdMinutes: int(1, 120).default(15),
        /** Patients may cancel on-line until this long before the slot; later only at a window. */
        cancelCutoffMinutes: int(0, 7 * 24 * 60).default(120),
        maxPerProfilePerDoctorSession: int(1, 10).default(1),
        maxPerProfilePerDepartmentDay: int(1, 10).default(1),
        maxActivePerProfile: int(1, 50).default(5),
      })
      .prefault({}),
    noShow: z
      .object({
        /** A confirmed booking not checked in by slot end + this grace becomes a no-show. */
        graceMinutes: int(0, 24 * 60).default(60),
        limit: int(1, 20).default(3),
        windowDays: int(1, 365).default(90),
        suspensionDays: int(1, 365).default(90),
      })
      .prefault({}),
    waitlist: z
      .object({
        maxPerProfile: int(0, 10).default(3),
        offerHoldMinutes: int(5, 24 * 60).default(30),
      })
      .prefault({}),
    accounts: z.object({ maxProfilesPerAccount: int(1, 10).default(5) }).prefault({}),
    eligibility: z
      .object({
        /**
         * The oldest a patient of a pediatric department (儿科, `pediatric: true`) may be, in full years (周岁) on
         * the visit day: 14 means "0–14 周岁", refused from the 15th birthday. Hospitals that take children up
         * to 18 set 17 or 18.
         */
        pediatricsMaxAge: int(0, 25).default(14),
      })
      .prefault({}),
    queue: z
      .object({
        checkInOpensMinutesBefore: int(0, 24 * 60).default(60),
        lateGraceMinutes: int(0, 240).default(15),
        lateInsertAfter: int(0, 20).default(2),
        skipAfterCalls: int(1, 10).default(3),
        skipReinsertAfter: int(0, 20).default(2),
        priorityAge: int(60, 120).default(80),
      })
      .prefault({}),
    fees: z
      .object({
        /** Registration fee (挂号费/诊察费) per fee category, in fen. */
        registrationFen: z
          .object({
            GENERAL: fenSchema.default(1500),
            EXPERT: fenSchema.default(3000),
            SPECIAL: fenSchema.default(10000),
          })
          .prefault({}),
      })
      .prefault({}),
    targets: z
      .object({
        satisfactionRate: z.number().min(0).max(1).default(0.9),
        windowWaitMinutes: int(1, 120).default(10),
        surveysPerYear: int(0, 1_000_000).default(2000),
        followUpRate: z.number().min(0).max(1).default(0.5),
      })
      .prefault({}),
  })
  .meta({ id: 'HospitalRules' });

export type HospitalRules = z.infer<typeof hospitalRulesSchema>;

/** The defaults of DOMAIN.md, as a value. */
export const DEFAULT_HOSPITAL_RULES: HospitalRules = hospitalRulesSchema.parse({});

const timeZoneSchema = z.string().refine(isValidTimeZone, fieldError('timeZone'));

export const hospitalSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    timeZone: z.string(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    complaintPhone: z.string().nullable(),
    rules: hospitalRulesSchema,
    updatedAt: z.string(),
  })
  .meta({ id: 'Hospital' });
export type Hospital = z.infer<typeof hospitalSchema>;

/** Any subset of any rule group; merged into the stored rules and re-validated as a whole. */
const rulesPatchSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(hospitalRulesSchema.shape).map(([key, group]) => [
      key,
      patchOf(group.unwrap().shape).optional(),
    ]),
  ) as unknown as { [K in keyof HospitalRules]: z.ZodOptional<z.ZodType<Partial<HospitalRules[K]>>> },
);

export const hospitalUpdateSchema = z
  .strictObject({
    name: z.string().trim().min(2).max(60).optional(),
    nameEn: z.string().trim().max(120).nullable().optional(),
    timeZone: timeZoneSchema.optional(),
    address: z.string().trim().max(200).nullable().optional(),
    phone: z.string().trim().max(40).nullable().optional(),
    complaintPhone: z.string().trim().max(40).nullable().optional(),
    rules: rulesPatchSchema.optional(),
  })
  .meta({ id: 'HospitalUpdate' });
export type HospitalUpdate = z.infer<typeof hospitalUpdateSchema>;
