import { z } from 'zod';
import {
  BOOKING_CHANNELS,
  BOOKING_STATUSES,
  DOCTOR_TITLES,
  SESSION_PERIODS,
  WAITLIST_STATUSES,
} from '../enums';
import { idSchema, localDateSchema } from './common';
import { profileCreateRequest } from './profile';
import { slotTimeFields } from './scheduling';

export const bookingCreateRequest = z
  .strictObject({ slotId: idSchema, profileId: idSchema })
  .meta({ id: 'BookingCreateRequest' });

export const bookingSchema = z
  .object({
    id: z.string(),
    status: z.enum(BOOKING_STATUSES),
    statusLabel: z.string(),
    channel: z.enum(BOOKING_CHANNELS),
    slotId: z.string(),
    ...slotTimeFields,
    feeFen: z.number().int(),
    /** Set while PENDING_PAYMENT: the place is released at this instant if unpaid. */
    holdExpiresAt: z.string().nullable(),
    /** Until when the patient may cancel on-line. */
    cancelDeadline: z.string(),
    canCancel: z.boolean(),
    profile: z.object({ id: z.string(), name: z.string() }),
    department: z.object({ id: z.string(), name: z.string(), location: z.string() }),
    doctor: z
      .object({ id: z.string(), name: z.string(), title: z.enum(DOCTOR_TITLES), titleLabel: z.string() })
      .nullable(),
    examType: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
    isExtra: z.boolean(),
    cancelReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Booking' });
export type Booking = z.infer<typeof bookingSchema>;

export const bookingListResponse = z.object({ items: z.array(bookingSchema) }).meta({ id: 'BookingList' });

export const cancelRequest = z
  .strictObject({ reason: z.string().trim().max(200).optional() })
  .meta({ id: 'CancelRequest' });

// ---- staff

export const staffBookingRequest = z
  .strictObject({
    slotId: idSchema,
    channel: z.enum(['WINDOW', 'PHONE']),
    /** An existing profile … */
    profileId: idSchema.optional(),
    /**
     * … or the patient's real-name details: their profile of that ID number when the name, birth date and sex
     * match (IDENTITY_MISMATCH when they do not), or a new patient.
     */
    patient: profileCreateRequest.optional(),
    /** 加号: a place beyond capacity, with the reason recorded. */
    extraReason: z.string().trim().min(2, '加号需填写原因').max(200).optional(),
  })
  .refine((v) => !!v.profileId !== !!v.patient, '请选择就诊人，或填写患者实名信息（二选一）')
  .meta({ id: 'StaffBookingRequest' });

export const bookingSearchQuery = z.strictObject({
  date: localDateSchema.optional(),
  departmentId: idSchema.optional(),
  doctorId: idSchema.optional(),
  status: z.enum(BOOKING_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

// ---- waitlist

export const waitlistCreateRequest = z
  .strictObject({ sessionId: idSchema, profileId: idSchema })
  .meta({ id: 'WaitlistCreateRequest' });

export const waitlistEntrySchema = z
  .object({
    id: z.string(),
    status: z.enum(WAITLIST_STATUSES),
    sessionId: z.string(),
    date: z.string(),
    period: z.enum(SESSION_PERIODS),
    profile: z.object({ id: z.string(), name: z.string() }),
    departmentName: z.string(),
    doctorName: z.string().nullable(),
    examTypeName: z.string().nullable(),
    /** 1 = next to be offered a place; null once no longer waiting. */
    position: z.number().int().nullable(),
    /** The held booking offered from the waitlist, to pay before it lapses. */
    bookingId: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'WaitlistEntry' });
export type WaitlistEntryView = z.infer<typeof waitlistEntrySchema>;
export const waitlistListResponse = z
  .object({ items: z.array(waitlistEntrySchema) })
  .meta({ id: 'WaitlistList' });
