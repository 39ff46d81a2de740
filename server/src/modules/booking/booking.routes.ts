import { actorOf, viewerOf } from '../../http/actor';
import { route } from '../../http/route';
import type { Services } from '../services';

export function bookingRoutes({ booking, waitlist, profiles }: Services) {
  return [
    // ---- patients
    route('booking.create', {
      handler: ({ principal, body, ctx }) =>
        booking.book(actorOf(ctx), { ...body, channel: 'MINIAPP', accountId: principal.accountId }),
    }),
    route('booking.mine', {
      handler: async ({ principal }) => ({ items: await booking.listMine(principal.accountId) }),
    }),
    route('booking.get', { handler: ({ principal, params }) => booking.get(params.id, viewerOf(principal)) }),
    route('booking.cancel', {
      handler: ({ principal, params, body, ctx }) =>
        booking.cancel(actorOf(ctx), params.id, viewerOf(principal), body.reason),
    }),
    route('booking.guidance', {
      handler: ({ principal, params }) => booking.guidance(params.id, viewerOf(principal)),
    }),
    route('waitlist.join', {
      handler: ({ principal, body, ctx }) => waitlist.join(actorOf(ctx), principal.accountId, body),
    }),
    route('waitlist.mine', {
      handler: async ({ principal }) => ({ items: await waitlist.listMine(principal.accountId) }),
    }),
    route('waitlist.leave', {
      handler: ({ principal, params, ctx }) => waitlist.leave(actorOf(ctx), principal.accountId, params.id),
    }),

    // ---- staff
    route('booking.staffCreate', {
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
    route('booking.search', { handler: ({ query, principal }) => booking.search(query, principal) }),
    route('booking.arrive', { handler: ({ params, ctx }) => booking.markArrived(actorOf(ctx), params.id) }),
    route('booking.complete', {
      handler: ({ params, ctx, principal }) => booking.markCompleted(actorOf(ctx), params.id, principal),
    }),
    route('booking.stopClinicPreview', {
      handler: ({ params }) => booking.previewStopClinic(params.id),
    }),
    route('booking.stopClinic', {
      handler: ({ params, body, ctx }) => booking.stopClinic(actorOf(ctx), params.id, body.reason),
    }),
  ];
}
