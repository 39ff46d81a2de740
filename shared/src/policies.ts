import { STAFF_ROLES, type StaffRole } from './enums';

/**
 * Who may do what, in one table — here in shared so the server enforces it and the apps read it (a console
 * hides what its user may not do; `GET /api/v1/staff/me` also answers the user's `permissions`). A route names the action it performs (`access: 'booking.checkIn'`) and the
 * router refuses callers the action does not name (401 / 403); a service that acts on one record asks
 * `can(who, action, record)` for the scope (a doctor reaches only their own department's bookings).
 *
 * Scopes: `any` — every record; `department` — records of the staff member's own department (a staff
 * member without a department reaches none); `own` — patients, records of their own account (the services
 * scope every patient read by account and answer 404 for another's). `admin` reaches everything.
 */
export type PolicyScope = 'any' | 'department';

export interface Policy {
  /** Patients may, on their own records. */
  readonly patient?: 'own';
  /** Staff roles that may, and how far each reaches (admin is implied, with `any`). */
  readonly staff?: Partial<Readonly<Record<Exclude<StaffRole, 'admin'>, PolicyScope>>>;
}

export const POLICIES = {
  // ---- hospital settings and catalog
  'hospital.read': { staff: { scheduler: 'any' } },
  'hospital.update': {},
  'catalog.manage': { staff: { scheduler: 'any' } },
  'roster.manage': { staff: { scheduler: 'any' } },
  'session.list': { staff: { scheduler: 'any', clerk: 'any' } },
  'session.suspend': { staff: { scheduler: 'any' } },
  'audit.read': { staff: { quality_officer: 'any' } },
  /** Patient and staff accounts: disable, enable, end their sign-ins (admin only). */
  'account.manage': {},

  // ---- bookings
  'booking.read': {
    patient: 'own',
    staff: { clerk: 'any', doctor: 'department', complaints_officer: 'any', quality_officer: 'any' },
  },
  'booking.list': { staff: { clerk: 'any', doctor: 'department', quality_officer: 'any' } },
  'booking.cancel': { patient: 'own', staff: { clerk: 'any' } },
  'booking.bookOnBehalf': { staff: { clerk: 'any' } },
  'booking.checkIn': { staff: { clerk: 'any' } },
  'booking.complete': { staff: { doctor: 'department' } },

  // ---- orders
  'order.read': {
    patient: 'own',
    staff: { clerk: 'any', complaints_officer: 'any', quality_officer: 'any' },
  },
  'order.list': { staff: { clerk: 'any', quality_officer: 'any' } },
  'order.refund': { staff: { clerk: 'any' } },
} as const satisfies Record<string, Policy>;

export type Action = keyof typeof POLICIES;

/** Every action, in the table's order. */
export const ACTIONS = Object.keys(POLICIES) as Action[];

/** Actions patients may perform (on their own records). */
export type PatientAction = {
  [A in Action]: (typeof POLICIES)[A] extends { patient: 'own' } ? A : never;
}[Action];

/** Who is asking: the request's principal (a structural subset of it). */
export type PolicySubject =
  | { kind: 'patient'; accountId: string }
  | { kind: 'staff'; roles: readonly StaffRole[]; departmentId: string | null };

/** The parts of a record a scope is decided on. */
export interface PolicyResource {
  accountId?: string;
  departmentId?: string | null;
}

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && Object.hasOwn(POLICIES, value);
}

/** How far `who` reaches for `action`: the widest scope of their roles, or null when not at all. */
export function scopeOf(who: PolicySubject | undefined, action: Action): PolicyScope | 'own' | null {
  if (!who) return null;
  const policy: Policy = POLICIES[action];
  if (who.kind === 'patient') return policy.patient ?? null;
  if (who.roles.includes('admin')) return 'any';
  let widest: PolicyScope | null = null;
  for (const role of who.roles) {
    const scope = role === 'admin' ? undefined : policy.staff?.[role];
    if (scope === 'any') return 'any';
    if (scope === 'department') widest = 'department';
  }
  return widest;
}

/**
 * May `who` perform `action` — on `resource` when given (its scope is then checked), or at all (what the
 * router checks before the handler runs).
 */
export function can(who: PolicySubject | undefined, action: Action, resource?: PolicyResource): boolean {
  const scope = scopeOf(who, action);
  if (!scope || !who) return false;
  if (!resource || scope === 'any') return true;
  if (scope === 'own') return who.kind === 'patient' && resource.accountId === who.accountId;
  return (
    who.kind === 'staff' &&
    who.departmentId !== null &&
    resource.departmentId !== undefined &&
    resource.departmentId === who.departmentId
  );
}

/**
 * The department a list must be confined to for `who`: undefined when they see every department, the
 * department's id when their scope is `department`, null when they have a department scope but no
 * department (they see nothing).
 */
export function departmentScope(who: PolicySubject | undefined, action: Action): string | null | undefined {
  const scope = scopeOf(who, action);
  if (scope === 'any') return undefined;
  if (scope === 'department' && who?.kind === 'staff') return who.departmentId;
  return null;
}

/**
 * The staff roles some policy reaches only within their own department (a doctor): a member holding one needs a
 * department, or that role reaches nothing. Made from the table, so a new department-scoped policy adds its role.
 */
export const DEPARTMENT_ROLES: readonly StaffRole[] = STAFF_ROLES.filter((role) =>
  Object.values(POLICIES).some((p: Policy) => role !== 'admin' && p.staff?.[role] === 'department'),
);

/** Whether a member of staff with these roles must belong to a department (see {@link DEPARTMENT_ROLES}). */
export function needsDepartment(roles: readonly StaffRole[]): boolean {
  return roles.some((role) => DEPARTMENT_ROLES.includes(role));
}

/** The action's policy in words, for the API reference: `booking.read — patient (own); staff: clerk, doctor (department)`. */
export function describeAction(action: Action): string {
  const policy: Policy = POLICIES[action];
  const staff = Object.entries(policy.staff ?? {}).map(([role, scope]) =>
    scope === 'department' ? `${role} (own department)` : role,
  );
  const parts = [
    ...(policy.patient ? ['patient (own records)'] : []),
    `staff roles admin${staff.length ? `, ${staff.join(', ')}` : ''}`,
  ];
  return `${action} — ${parts.join('; ')}`;
}

/** What `who` may do, action by action, and how far: the permissions a client hides its buttons by. */
export function permissionsOf(who: PolicySubject): Partial<Record<Action, PolicyScope | 'own'>> {
  const out: Partial<Record<Action, PolicyScope | 'own'>> = {};
  for (const action of ACTIONS) {
    const scope = scopeOf(who, action);
    if (scope) out[action] = scope;
  }
  return out;
}
