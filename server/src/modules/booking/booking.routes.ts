import {
  bookingCreateRequest,
  bookingListResponse,
  bookingSchema,
  bookingSearchQuery,
  cancelRequest,
  guidanceTimelineSchema,
  idParams,
  pageOf,
  sessionSuspendRequest,
  staffBookingRequest,
  waitlistCreateRequest,
  waitlistEntrySchema,
  waitlistListResponse,
} from '@hospital/shared';
import { z } from 'zod';
import { actorOf, viewerOf } from '../../http/actor';
import { route } from '../../http/route';
import type { Services } from '../services';

const LIMIT_ERRORS = [
  'SLOT_FULL',
  'SLOT_NOT_RELEASED',
  'SLOT_PAST',
  'SESSION_SUSPENDED',
  'ALREADY_BOOKED',
  'LIMIT_DOCTOR_SESSION',
  'LIMIT_DEPARTMENT_DAY',
  'LIMIT_ACTIVE_BOOKINGS',
] as const;

export function bookingRoutes({ booking, waitlist, profiles }: Services) {
  return [
    // ---- patients
    route({
      method: 'post',
      path: '/api/v1/bookings',
      summary: 'Book a slot for one of my profiles (held for payment when there is a fee)',
      tags: ['booking'],
      access: 'patient',
      body: bookingCreateRequest,
      response: bookingSchema,
      status: 201,
      idempotent: true,
      errors: [...LIMIT_ERRORS, 'BOOKING_SUSPENDED', 'IDEMPOTENCY_KEY_REUSED'],
      handler: ({ principal, body, ctx }) =>
        booking.book(actorOf(ctx), { ...body, channel: 'MINIAPP', accountId: principal.accountId }),
    }),
    route({
      method: 'get',
      path: '/api/v1/me/bookings',
      summary: 'My bookings (all my profiles), latest slot first',
      tags: ['booking'],
      access: 'patient',
      response: bookingListResponse,
      handler: async ({ principal }) => ({ items: await booking.listMine(principal.accountId) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/bookings/:id',
      summary: 'One booking (its owner, or staff within their reach)',
      tags: ['booking'],
      access: 'booking.read',
      params: idParams,
      response: bookingSchema,
      handler: ({ principal, params }) => booking.get(params.id, viewerOf(principal)),
    }),
    route({
      method: 'post',
      path: '/api/v1/bookings/:id/cancel',
      summary: 'Cancel a booking: patients until the cutoff, the window any time; a paid booking is refunded',
      tags: ['booking'],
      access: 'booking.cancel',
      params: idParams,
      body: cancelRequest,
      response: bookingSchema,
      idempotent: true,
      errors: ['CANCEL_CUTOFF_PASSED', 'INVALID_STATE'],
      handler: ({ principal, params, body, ctx }) =>
        booking.cancel(actorOf(ctx), params.id, viewerOf(principal), body.reason),
    }),
    route({
      method: 'get',
      path: '/api/v1/bookings/:id/guidance',
      summary: 'Exam guidance as a timeline anchored on the booked slot (hospital time zone)',
      tags: ['booking'],
      access: 'booking.read',
      params: idParams,
      response: guidanceTimelineSchema,
      handler: ({ principal, params }) => booking.guidance(params.id, viewerOf(principal)),
    }),
    route({
      method: 'post',
      path: '/api/v1/waitlist',
      summary: 'Join the waitlist (候补) of a full session',
      tags: ['waitlist'],
      access: 'patient',
      body: waitlistCreateRequest,
      response: waitlistEntrySchema,
      status: 201,
      errors: [
        'WAITLIST_NOT_FULL',
        'WAITLIST_LIMIT',
        'WAITLIST_DUPLICATE',
        'ALREADY_BOOKED',
        'SESSION_SUSPENDED',
      ],
      handler: ({ principal, body, ctx }) => waitlist.join(actorOf(ctx), principal.accountId, body),
    }),
    route({
      method: 'get',
      path: '/api/v1/me/waitlist',
      summary: 'My waitlist entries with their position',
      tags: ['waitlist'],
      access: 'patient',
      response: waitlistListResponse,
      handler: async ({ principal }) => ({ items: await waitlist.listMine(principal.accountId) }),
    }),
    route({
      method: 'delete',
      path: '/api/v1/waitlist/:id',
      summary: 'Leave the waitlist (declining an offered place releases it to the next in line)',
      tags: ['waitlist'],
      access: 'patient',
      params: idParams,
      handler: ({ principal, params, ctx }) => waitlist.leave(actorOf(ctx), principal.accountId, params.id),
    }),

    // ---- staff
    route({
      method: 'post',
      path: '/api/v1/staff/bookings',
      summary:
        'Book on behalf of a window or phone patient; with extraReason, a place beyond capacity (加号)',
      tags: ['staff'],
      access: 'booking.bookOnBehalf',
      body: staffBookingRequest,
      response: bookingSchema,
      status: 201,
      errors: [...LIMIT_ERRORS, 'IDENTITY_MISMATCH'],
      handler: async ({ body, ctx }) => {
        const actor = actorOf(ctx);
        const profileId = body.profileId ?? (await profiles.resolveForStaff(actor, body.patient!));
        return booking.book(actor, {
          slotId: body.slotId,
          profileId,
          channel: body.channel,
          extraReason: body.extraReason,
        });
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/bookings',
      summary: 'Search bookings by date, department, doctor and status (a doctor: their department only)',
      tags: ['staff'],
      access: 'booking.list',
      query: bookingSearchQuery,
      response: pageOf(bookingSchema).meta({ id: 'BookingPage' }),
      handler: ({ query, principal }) => booking.search(query, principal),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/bookings/:id/arrive',
      summary: 'Mark a patient as arrived (checked in), on the booking’s own day (hospital time)',
      tags: ['staff'],
      access: 'booking.checkIn',
      params: idParams,
      response: bookingSchema,
      errors: ['INVALID_STATE', 'CHECK_IN_NOT_TODAY'],
      handler: ({ params, ctx }) => booking.markArrived(actorOf(ctx), params.id),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/bookings/:id/complete',
      summary: 'Mark a visit as completed (a doctor: in their department)',
      tags: ['staff'],
      access: 'booking.complete',
      params: idParams,
      response: bookingSchema,
      errors: ['INVALID_STATE'],
      handler: ({ params, ctx, principal }) => booking.markCompleted(actorOf(ctx), params.id, principal),
    }),
    route({
      method: 'post',
      path: '/api/v1/admin/sessions/:id/suspend',
      summary: 'Stop-clinic (停诊): cancel the session, its bookings (refunding paid ones) and its waitlist',
      tags: ['admin'],
      access: 'session.suspend',
      params: idParams,
      body: sessionSuspendRequest,
      response: z
        .object({ sessionId: z.string(), cancelledBookings: z.number().int(), refunds: z.number().int() })
        .meta({ id: 'StopClinicResult' }),
      errors: ['INVALID_STATE'],
      handler: ({ params, body, ctx }) => booking.stopClinic(actorOf(ctx), params.id, body.reason),
    }),
  ];
}
