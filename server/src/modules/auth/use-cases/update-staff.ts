import type { StaffAccount, StaffUpdate } from '@hospital/shared';
import type { Actor } from '../../../core/actor';
import { notFound } from '../../../core/errors';
import type { AccountsDeps } from '../accounts.deps';
import { authRepository } from '../auth.repository';
import { sessionRepository } from '../session.repository';
import { staffAccount } from './list-staff';
import { assertDepartment, assertNotSelfLockout } from './staff-rules';

const sameRoles = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((r) => b.includes(r));

/**
 * The admin changes a member's name, roles or department (the username stays: it is how they sign in and how
 * the audit log names them). Roles and department travel in the access token, so a change of either ends the
 * member's sign-ins in the same transaction: their next request asks them to sign in, with the new reach.
 * (An admin editing themself keeps their sign-in: they cannot narrow their own reach, assertNotSelfLockout.)
 */
export async function updateStaff(
  deps: AccountsDeps,
  actor: Actor,
  id: string,
  input: StaffUpdate,
): Promise<StaffAccount> {
  assertNotSelfLockout(actor, id, { roles: input.roles });
  const departments = await deps.departments();
  const ended = await deps.uow.run(async ({ tx }) => {
    const [locked] = await sessionRepository(tx).lockStaff(id);
    if (!locked) throw notFound('工作人员账号');
    const before = (await sessionRepository(tx).findStaff(id))!;
    const next = {
      displayName: input.displayName ?? before.displayName,
      roles: input.roles ?? before.roles,
      departmentId: input.departmentId === undefined ? before.departmentId : input.departmentId,
    };
    assertDepartment(departments, next.roles, next.departmentId, next.departmentId !== before.departmentId);
    const reachChanged = !sameRoles(next.roles, before.roles) || next.departmentId !== before.departmentId;
    if (!reachChanged && next.displayName === before.displayName) return [];
    await authRepository(tx).updateStaff(id, next);
    const self = actor.type === 'staff' && actor.id === id;
    const ids =
      reachChanged && !self
        ? await deps.sessions.endAll(tx, { kind: 'staff', staffId: id }, 'ADMIN_REVOKED')
        : [];
    await deps.audit.record(tx, actor, {
      action: 'staff.update',
      entityType: 'staff',
      entityId: id,
      before: {
        displayName: before.displayName,
        roles: before.roles,
        departmentId: before.departmentId,
        endedSessions: null,
      },
      after: { ...next, endedSessions: ids.length },
    });
    return ids;
  });
  await deps.sessions.ended(ended);
  return staffAccount(deps, id);
}
