import { actorOf } from '../../http/actor';
import { route } from '../../http/route';
import type { Services } from '../services';

/**
 * Availability, rosters and the staff view of sessions. Every roster change regenerates the owner's booking
 * window in the same request and answers with what that did (`generation`).
 */
export function schedulingRoutes({ scheduling }: Services) {
  return [
    // ---- public
    // In a rush, a listing at most a second old: the booking itself is decided by the database.
    route('scheduling.slots', { busyCache: true, handler: ({ query }) => scheduling.listSlots(query) }),

    // ---- rosters (scheduler, admin); every change is audited by the service
    route('scheduling.rosters', {
      handler: async ({ query }) => ({ items: await scheduling.listTemplates(query) }),
    }),
    route('scheduling.createRoster', {
      handler: ({ body, ctx }) => scheduling.createTemplate(actorOf(ctx), body),
    }),
    route('scheduling.exceptions', {
      handler: async ({ query }) => ({ items: await scheduling.listExceptions(query) }),
    }),
    route('scheduling.createException', {
      handler: ({ body, ctx }) => scheduling.createException(actorOf(ctx), body),
    }),
    route('scheduling.deleteException', {
      handler: ({ params, ctx }) => scheduling.deleteException(actorOf(ctx), params.id),
    }),
    route('scheduling.generate', { handler: ({ ctx }) => scheduling.generate(actorOf(ctx)) }),
    route('scheduling.updateRoster', {
      handler: ({ params, body, ctx }) => scheduling.updateTemplate(actorOf(ctx), params.id, body),
    }),

    // ---- sessions (staff view)
    route('scheduling.sessions', { handler: ({ query }) => scheduling.listSessions(query) }),
    route('scheduling.session', { handler: ({ params }) => scheduling.sessionDetail(params.id) }),
  ];
}
