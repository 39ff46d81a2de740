import { z } from 'zod';
import {
  BOOKING_CHANNELS,
  BOOKING_STATUSES,
  DOCTOR_TITLES,
  SESSION_PERIODS,
  WAITLIST_STATUSES,
} from '../enums';
import { fieldError } from '../field-messages';
import { guidanceTimelineSchema } from '../guidance';
import { idParams, idSchema, localDateSchema, pageOf } from './common';
import type { EndpointContracts } from './endpoints';
import { ORDER_STATUSES, REFUND_STATUSES } from './payment';
import { profileCreateRequest } from './profile';
import { sessionSuspendRequest, slotTimeFields } from './scheduling';

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
    /** Names as the hospital writes them, with their English where given: shown through `localName`. */
    department: z.object({
      id: z.string(),
      name: z.string(),
      nameEn: z.string().nullable(),
      location: z.string(),
    }),
    doctor: z
      .object({
        id: z.string(),
        name: z.string(),
        nameEn: z.string().nullable(),
        title: z.enum(DOCTOR_TITLES),
        titleLabel: z.string(),
      })
      .nullable(),
    examType: z
      .object({
        id: z.string(),
        code: z.string(),
        name: z.string(),
        nameEn: z.string().nullable(),
        /** Where the exam takes place (write it with the shared `formatLocation` / `bookingLocation`). */
        location: z.object({ building: z.string(), floor: z.string(), room: z.string() }),
      })
      .nullable(),
    isExtra: z.boolean(),
    cancelReason: z.string().nullable(),
    /**
     * Set only on a booking a stop-clinic (停诊) cancelled: the hospital's reason for stopping the session. Shown
     * as 停诊, never as an ordinary cancel (`shownBookingStatus`).
     */
    stopReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Booking' });
export type Booking = z.infer<typeof bookingSchema>;

/** What was paid for a booking (its paid order) and what came back. */
export const bookingPaymentSchema = z
  .object({
    orderNo: z.string(),
    paidFen: z.number().int(),
    paidAt: z.string(),
    orderStatus: z.enum(ORDER_STATUSES),
    /**
     * Where it was paid: on-line (WeChat Pay), or at a registration window — whose fee goes back over that
     * counter, so the patient cancels such a booking there (`canCancel` is false, PAID_AT_WINDOW).
     */
    channel: z.enum(['ONLINE', 'WINDOW']),
    /** Refunded so far (succeeded refunds). */
    refundedFen: z.number().int(),
    /** The latest refund asked for, if any: its status and amount. */
    refund: z
      .object({
        status: z.enum(REFUND_STATUSES),
        amountFen: z.number().int(),
        succeededAt: z.string().nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'BookingPayment' });
export type BookingPayment = z.infer<typeof bookingPaymentSchema>;

/** One booking with what its own page shows beyond the list's card (docs/decisions/022). */
export const bookingDetailSchema = bookingSchema
  .extend({
    /**
     * 就诊序号: the booking's number in its session, in the order the session's bookings were made (1 = the
     * first). Never reused: a cancelled booking keeps its number, so numbers may have gaps.
     */
    visitNumber: z.number().int().min(1),
    /** Null when nothing was paid (a free booking, or one still awaiting payment). */
    payment: bookingPaymentSchema.nullable(),
  })
  .meta({ id: 'BookingDetail' });
export type BookingDetail = z.infer<typeof bookingDetailSchema>;

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
    extraReason: z.string().trim().min(2, fieldError('extraReason')).max(200).optional(),
  })
  .refine((v) => !!v.profileId !== !!v.patient, fieldError('profileOrPatient'))
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
    /** Names as the hospital writes them, with their English where given: shown through `localName`. */
    departmentName: z.string(),
    departmentNameEn: z.string().nullable(),
    doctorName: z.string().nullable(),
    doctorNameEn: z.string().nullable(),
    examTypeName: z.string().nullable(),
    examTypeNameEn: z.string().nullable(),
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

export const bookingPage = pageOf(bookingSchema).meta({ id: 'BookingPage' });

/** What a stop-clinic (停诊) did: the session, and how many bookings it cancelled and refunds it asked for. */
export const stopClinicResult = z
  .object({ sessionId: z.string(), cancelledBookings: z.number().int(), refunds: z.number().int() })
  .meta({ id: 'StopClinicResult' });

/**
 * What a stop-clinic would do, asked before doing it: the bookings it would cancel, the refunds and their
 * total, the unpaid holds it would release and the waiting patients it would tell. The same rule as the act
 * (server/src/modules/booking/use-cases/stop-clinic.ts), read without a lock: a booking made in between is
 * cancelled too, and the result of the act says what was done.
 */
export const stopClinicPreviewSchema = z
  .object({
    sessionId: z.string(),
    /** Already stopped: nothing more would happen. */
    stopped: z.boolean(),
    /** Bookings the stop would cancel (paid, free and unpaid). */
    bookings: z.number().int(),
    /** Of them, paid bookings to refund, and the amount in fen. */
    refunds: z.number().int(),
    refundFen: z.number().int(),
    /** Of them, unpaid holds released. */
    held: z.number().int(),
    /** Patients on the waitlist (waiting or offered a place) who are told. */
    waitlist: z.number().int(),
  })
  .meta({ id: 'StopClinicPreview' });
export type StopClinicPreview = z.infer<typeof stopClinicPreviewSchema>;

// ---- endpoints (method, path and access: shared/src/api/endpoints.ts)

/** What refuses a new booking, whoever books it. */
const LIMIT_ERRORS = [
  'SLOT_FULL',
  'SLOT_NOT_RELEASED',
  'SLOT_PAST',
  'SESSION_SUSPENDED',
  'ALREADY_BOOKED',
  'LIMIT_DOCTOR_SESSION',
  'LIMIT_DEPARTMENT_DAY',
  'LIMIT_ACTIVE_BOOKINGS',
  'NOT_ELIGIBLE',
] as const;

export const bookingEndpoints = {
  // patients
  'booking.create': {
    summary: 'Book a slot for one of my profiles (held for payment when there is a fee)',
    tags: ['booking'],
    body: bookingCreateRequest,
    response: bookingSchema,
    errors: [...LIMIT_ERRORS, 'BOOKING_SUSPENDED', 'IDEMPOTENCY_KEY_REUSED'],
  },
  'booking.mine': {
    summary: 'My bookings (all my profiles): upcoming ones soonest first, then the others latest first',
    tags: ['booking'],
    response: bookingListResponse,
  },
  'booking.get': {
    summary:
      'One booking with its visit number and payment (its owner, or staff within their reach); 停诊 with its reason',
    tags: ['booking'],
    params: idParams,
    response: bookingDetailSchema,
  },
  'booking.cancel': {
    summary: 'Cancel a booking: patients until the cutoff, the window any time; a paid booking is refunded',
    tags: ['booking'],
    params: idParams,
    body: cancelRequest,
    response: bookingSchema,
    errors: ['CANCEL_CUTOFF_PASSED', 'PAID_AT_WINDOW', 'INVALID_STATE'],
  },
  'booking.guidance': {
    summary: 'Exam guidance as a timeline anchored on the booked slot (hospital time zone)',
    tags: ['booking'],
    params: idParams,
    response: guidanceTimelineSchema,
  },
  'waitlist.join': {
    summary: 'Join the waitlist (候补) of a full session',
    tags: ['waitlist'],
    body: waitlistCreateRequest,
    response: waitlistEntrySchema,
    errors: [
      'WAITLIST_NOT_FULL',
      'WAITLIST_LIMIT',
      'WAITLIST_DUPLICATE',
      'ALREADY_BOOKED',
      'SESSION_SUSPENDED',
      'NOT_ELIGIBLE',
    ],
  },
  'waitlist.mine': {
    summary: 'My waitlist entries with their position',
    tags: ['waitlist'],
    response: waitlistListResponse,
  },
  'waitlist.leave': {
    summary: 'Leave the waitlist (declining an offered place releases it to the next in line)',
    tags: ['waitlist'],
    params: idParams,
  },

  // staff
  'booking.staffCreate': {
    summary: 'Book on behalf of a window or phone patient; with extraReason, a place beyond capacity (加号)',
    tags: ['staff'],
    body: staffBookingRequest,
    response: bookingSchema,
    errors: [...LIMIT_ERRORS, 'IDENTITY_MISMATCH'],
  },
  'booking.search': {
    summary: 'Search bookings by date, department, doctor and status (a doctor: their department only)',
    tags: ['staff'],
    query: bookingSearchQuery,
    response: bookingPage,
  },
  'booking.arrive': {
    summary: 'Mark a patient as arrived (checked in), on the booking’s own day (hospital time)',
    tags: ['staff'],
    params: idParams,
    response: bookingSchema,
    errors: ['INVALID_STATE', 'CHECK_IN_NOT_TODAY'],
  },
  'booking.complete': {
    summary: 'Mark a visit as completed (a doctor: in their department)',
    tags: ['staff'],
    params: idParams,
    response: bookingSchema,
    errors: ['INVALID_STATE'],
  },
  'booking.stopClinicPreview': {
    summary:
      'What a stop-clinic (停诊) of the session would do: bookings cancelled, refunds, holds, waitlist',
    tags: ['admin'],
    params: idParams,
    response: stopClinicPreviewSchema,
  },
  'booking.stopClinic': {
    summary: 'Stop-clinic (停诊): cancel the session, its bookings (refunding paid ones) and its waitlist',
    tags: ['admin'],
    params: idParams,
    body: sessionSuspendRequest,
    response: stopClinicResult,
    errors: ['INVALID_STATE'],
  },
} as const satisfies EndpointContracts;
