import { actorOf } from '../../http/actor';
import { route } from '../../http/route';
import type { Services } from '../services';

/** The patient's own privacy: consent, their data, deleting the account. */
export function privacyRoutes({ privacy }: Services) {
  return [
    route('privacy.status', { handler: ({ principal }) => privacy.status(principal.accountId) }),
    route('privacy.consent', {
      handler: ({ principal, body, ctx }) => privacy.accept(actorOf(ctx), principal.accountId, body.version),
    }),
    route('privacy.export', { handler: ({ principal }) => privacy.exportData(principal.accountId) }),
    route('privacy.deleteAccount', {
      handler: ({ principal, ctx }) => privacy.deleteAccount(actorOf(ctx), principal.accountId),
    }),
  ];
}
