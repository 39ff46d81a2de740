import { actorOf } from '../../http/actor';
import { route } from '../../http/route';
import type { Services } from '../services';

/** Admin only: accounts and their sign-ins. Every change is audited. */
export function accountsRoutes({ accounts }: Services) {
  return [
    route('accounts.patient', { handler: ({ params }) => accounts.patient(params.id) }),
    route('accounts.disablePatient', {
      handler: ({ params, body, ctx }) => accounts.disablePatient(actorOf(ctx), params.id, body.reason),
    }),
    route('accounts.enablePatient', {
      handler: ({ params, ctx }) => accounts.enablePatient(actorOf(ctx), params.id),
    }),
    route('accounts.staff', { handler: async () => ({ items: await accounts.listStaff() }) }),
    route('accounts.disableStaff', {
      handler: ({ params, body, ctx }) => accounts.disableStaff(actorOf(ctx), params.id, body.reason),
    }),
    route('accounts.enableStaff', {
      handler: ({ params, ctx }) => accounts.enableStaff(actorOf(ctx), params.id),
    }),
    route('accounts.revokeStaffSessions', {
      handler: ({ params, ctx }) => accounts.revokeStaffSessions(actorOf(ctx), params.id),
    }),
  ];
}
