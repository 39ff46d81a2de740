import type { StaffRole } from '@hospital/shared';

/** Who a request comes from, once its token is verified: a patient account or a member of staff. */
export type Principal =
  | { kind: 'patient'; accountId: string }
  | {
      kind: 'staff';
      staffId: string;
      username: string;
      roles: StaffRole[];
      /** The staff member's department (a doctor's consulting department): the reach of `department` scopes. */
      departmentId: string | null;
    };

/** Who is acting, as services and the audit log see it (never Koa's context). */
export interface Actor {
  type: 'staff' | 'patient' | 'system';
  id: string | null;
  name: string | null;
  requestId: string | null;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, name: 'system', requestId: null };

/**
 * Who is looking at a record: a patient account, or a member of staff with the roles and department that the
 * policies scope their reach by (`can(viewer, 'booking.read', record)`).
 */
export type Viewer =
  | { kind: 'patient'; accountId: string }
  | { kind: 'staff'; roles: readonly StaffRole[]; departmentId: string | null };

export function viewerOf(p: Principal): Viewer {
  return p.kind === 'patient'
    ? { kind: 'patient', accountId: p.accountId }
    : { kind: 'staff', roles: p.roles, departmentId: p.departmentId };
}

/** Ended sign-ins, as the request pipeline asks about them (see modules/auth/revocations.ts). */
export interface SessionCheck {
  isRevoked(sessionId: string): boolean;
}
