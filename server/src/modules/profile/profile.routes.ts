import { actorOf } from '../../http/actor';
import { route } from '../../http/route';
import type { Services } from '../services';

export function profileRoutes({ profiles }: Services) {
  return [
    route('profiles.list', { handler: ({ principal }) => profiles.list(principal.accountId) }),
    route('profiles.create', {
      handler: ({ principal, body, ctx }) => profiles.create(actorOf(ctx), principal.accountId, body),
    }),
    route('profiles.get', {
      handler: ({ principal, params }) => profiles.get(principal.accountId, params.id),
    }),
    route('profiles.update', {
      handler: ({ principal, params, body, ctx }) =>
        profiles.update(actorOf(ctx), principal.accountId, params.id, body),
    }),
    route('profiles.remove', {
      handler: ({ principal, params, ctx }) => profiles.remove(actorOf(ctx), principal.accountId, params.id),
    }),
  ];
}
