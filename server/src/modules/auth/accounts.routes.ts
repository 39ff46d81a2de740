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
    route('accounts.staff', { handler: ({ query }) => accounts.listStaff(query) }),
    route('accounts.createStaff', { handler: ({ body, ctx }) => accounts.createStaff(actorOf(ctx), body) }),
    route('accounts.updateStaff', {
      handler: ({ params, body, ctx }) => accounts.updateStaff(actorOf(ctx), params.id, body),
    }),
    route('accounts.resetStaffPassword', {
      handler: ({ params, body, ctx }) => accounts.resetStaffPassword(actorOf(ctx), params.id, body.password),
    }),
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
