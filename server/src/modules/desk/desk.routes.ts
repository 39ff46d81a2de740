import { actorOf, viewerOf } from '../../http/actor';
import { route } from '../../http/route';
import type { Services } from '../services';

export function deskRoutes({ desk, payment }: Services) {
  return [
    route('desk.find', { handler: ({ query, principal }) => desk.find(query.q, viewerOf(principal)) }),
    route('desk.day', { handler: ({ query }) => desk.day(query) }),
    route('desk.collect', {
      handler: ({ params, body, ctx, principal }) =>
        payment.collectAtWindow(actorOf(ctx), viewerOf(principal), params.id, body.method),
    }),
  ];
}
