import { type Actor, SYSTEM_ACTOR } from '../core/actor';
import type { AppContext } from './state';

export { viewerOf } from '../core/actor';

/** The actor of a request, for services and the audit log. */
export function actorOf(ctx: AppContext): Actor {
  const p = ctx.state.principal;
  if (!p) return { ...SYSTEM_ACTOR, requestId: ctx.state.requestId };
  return p.kind === 'staff'
    ? { type: 'staff', id: p.staffId, name: p.username, requestId: ctx.state.requestId }
    : { type: 'patient', id: p.accountId, name: null, requestId: ctx.state.requestId };
}
