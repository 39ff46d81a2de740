import { needsDepartment, type StaffRole } from '@hospital/shared';
import type { Actor } from '../../../core/actor';
import { AppError, invalid } from '../../../core/errors';
import type { DepartmentRef } from '../accounts.deps';

/**
 * A member's roles and department together: a department-scoped role (a doctor) needs a department, and a
 * department given must be one of the hospital's open departments (`departments`, read before the
 * transaction: the catalog answers on its own connection). `changed`: whether the department is new
 * (a member left in a department closed since keeps it).
 */
export function assertDepartment(
  departments: readonly DepartmentRef[],
  roles: readonly StaffRole[],
  departmentId: string | null,
  changed: boolean,
): void {
  if (departmentId === null) {
    if (needsDepartment(roles)) throw invalid('body.departmentId', 'departmentRequired');
    return;
  }
  if (!changed) return;
  const department = departments.find((d) => d.id === departmentId);
  if (!department?.active) throw invalid('body.departmentId', 'unknownDepartment');
}

/**
 * The hospital must never lock itself out: an admin may not disable their own account or drop their own admin
 * role (another admin can). As only admins manage accounts, at least one active admin always remains.
 */
export function assertNotSelfLockout(
  actor: Actor,
  staffId: string,
  change: { disable?: boolean; roles?: readonly StaffRole[] },
) {
  if (actor.type !== 'staff' || actor.id !== staffId) return;
  if (change.disable || (change.roles && !change.roles.includes('admin'))) throw new AppError('SELF_LOCKOUT');
}
