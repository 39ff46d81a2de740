import {
  generationReportSchema,
  idParams,
  rosterExceptionChangeResponse,
  rosterExceptionCreateRequest,
  rosterExceptionListQuery,
  rosterExceptionListResponse,
  rosterListQuery,
  rosterTemplateChangeResponse,
  rosterTemplateCreateRequest,
  rosterTemplateListResponse,
  rosterTemplateUpdateRequest,
  sessionListQuery,
  sessionListResponse,
  slotListResponse,
  slotsQuery,
} from '@hospital/shared';
import { actorOf } from '../../http/actor';
import { route } from '../../http/route';
import type { Services } from '../services';

const SCHEDULERS = 'roster.manage';
const SESSION_VIEWERS = 'session.list';

/**
 * Rosters (weekly templates and dated exceptions), slot generation, availability and the staff view of
 * sessions. Every roster change regenerates the owner's booking window in the same request and answers with
 * what that did (`generation`), so the scheduler sees at once which booked slots were kept.
 */
export function schedulingRoutes({ scheduling }: Services) {
  return [
    // ---- public
    route({
      method: 'get',
      path: '/api/v1/slots',
      summary: 'Bookable slots of a department, doctor or exam (default: today to the day after the window)',
      tags: ['scheduling'],
      access: 'public',
      query: slotsQuery,
      response: slotListResponse,
      handler: ({ query }) => scheduling.listSlots(query),
    }),

    // ---- rosters (scheduler, admin); every change is audited by the service
    route({
      method: 'get',
      path: '/api/v1/admin/rosters',
      summary: 'Weekly roster templates',
      tags: ['admin', 'scheduling'],
      access: SCHEDULERS,
      query: rosterListQuery,
      response: rosterTemplateListResponse,
      handler: async ({ query }) => ({ items: await scheduling.listTemplates(query) }),
    }),
    route({
      method: 'post',
      path: '/api/v1/admin/rosters',
      summary: 'Add a weekly roster template and generate its slots',
      tags: ['admin', 'scheduling'],
      access: SCHEDULERS,
      body: rosterTemplateCreateRequest,
      response: rosterTemplateChangeResponse,
      status: 201,
      errors: ['ALREADY_EXISTS'],
      handler: ({ body, ctx }) => scheduling.createTemplate(actorOf(ctx), body),
    }),
    route({
      method: 'get',
      path: '/api/v1/admin/rosters/exceptions',
      summary: 'Roster exceptions: days off, extra sessions, capacity changes',
      tags: ['admin', 'scheduling'],
      access: SCHEDULERS,
      query: rosterExceptionListQuery,
      response: rosterExceptionListResponse,
      handler: async ({ query }) => ({ items: await scheduling.listExceptions(query) }),
    }),
    route({
      method: 'post',
      path: '/api/v1/admin/rosters/exceptions',
      summary: 'Add a roster exception and regenerate the affected slots',
      tags: ['admin', 'scheduling'],
      access: SCHEDULERS,
      body: rosterExceptionCreateRequest,
      response: rosterExceptionChangeResponse,
      status: 201,
      errors: ['ALREADY_EXISTS'],
      handler: ({ body, ctx }) => scheduling.createException(actorOf(ctx), body),
    }),
    route({
      method: 'delete',
      path: '/api/v1/admin/rosters/exceptions/:id',
      summary: 'Remove a roster exception and regenerate the affected slots',
      tags: ['admin', 'scheduling'],
      access: SCHEDULERS,
      params: idParams,
      response: rosterExceptionChangeResponse,
      handler: ({ params, ctx }) => scheduling.deleteException(actorOf(ctx), params.id),
    }),
    route({
      method: 'post',
      path: '/api/v1/admin/rosters/generate',
      summary: 'Generate (or bring up to date) the slots of the booking window now',
      tags: ['admin', 'scheduling'],
      access: SCHEDULERS,
      response: generationReportSchema,
      handler: ({ ctx }) => scheduling.generate(actorOf(ctx)),
    }),
    route({
      method: 'patch',
      path: '/api/v1/admin/rosters/:id',
      summary: 'Change a weekly roster template and regenerate its unbooked slots',
      tags: ['admin', 'scheduling'],
      access: SCHEDULERS,
      params: idParams,
      body: rosterTemplateUpdateRequest,
      response: rosterTemplateChangeResponse,
      errors: ['ALREADY_EXISTS'],
      handler: ({ params, body, ctx }) => scheduling.updateTemplate(actorOf(ctx), params.id, body),
    }),

    // ---- sessions (staff view)
    route({
      method: 'get',
      path: '/api/v1/admin/sessions',
      summary: 'Clinic and exam sessions of a day with their places, bookings and waitlist',
      tags: ['admin', 'scheduling'],
      access: SESSION_VIEWERS,
      query: sessionListQuery,
      response: sessionListResponse,
      handler: ({ query }) => scheduling.listSessions(query),
    }),
  ];
}
