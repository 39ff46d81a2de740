import type { AppContext } from './state';

/** Who is acting, as services and the audit log see it (never Koa's context). */
export interface Actor {
  type: 'staff' | 'patient' | 'system';
  id: string | null;
  name: string | null;
  requestId: string | null;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, name: 'system', requestId: null };

export function actorOf(ctx: AppContext): Actor {
  const p = ctx.state.principal;
  if (!p) return { ...SYSTEM_ACTOR, requestId: ctx.state.requestId };
  return p.kind === 'staff'
    ? { type: 'staff', id: p.staffId, name: p.username, requestId: ctx.state.requestId }
    : { type: 'patient', id: p.accountId, name: null, requestId: ctx.state.requestId };
}

/** Who is looking at a record: its owning patient account, or any member of staff. */
export type Viewer = { kind: 'patient'; accountId: string } | { kind: 'staff' };

export function viewerOf(p: { kind: 'patient'; accountId: string } | { kind: 'staff' }): Viewer {
  return p.kind === 'patient' ? { kind: 'patient', accountId: p.accountId } : { kind: 'staff' };
}
