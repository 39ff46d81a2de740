import type { StaffAccount, StaffCreate } from '@hospital/shared';
import type { Actor } from '../../../core/actor';
import { AppError } from '../../../core/errors';
import { hashPassword } from '../../../security/passwords';
import type { AccountsDeps } from '../accounts.deps';
import { authRepository } from '../auth.repository';
import { staffAccount } from './list-staff';
import { assertDepartment } from './staff-rules';

const usernameTaken = (username: string) =>
  new AppError('ALREADY_EXISTS', {
    zh: `用户名 ${username} 已被使用（包括已停用的账号），请换一个`,
    en: `The username ${username} is taken (disabled accounts included); choose another`,
  });

/**
 * The admin opens an account for a member of staff with a first password to hand over (the shared rule,
 * checked by the contract). Audited with the account's fields, never the password or its hash.
 */
export async function createStaff(
  deps: AccountsDeps,
  actor: Actor,
  input: StaffCreate,
): Promise<StaffAccount> {
  assertDepartment(await deps.departments(), input.roles, input.departmentId, true);
  if (await authRepository(deps.db).findStaffByUsername(input.username)) throw usernameTaken(input.username);
  const passwordHash = await hashPassword(input.password);
  const { password: _password, ...fields } = input;
  const id = await deps.uow.run(async ({ tx }) => {
    // Two creations of the same name at once: the unique index refuses the second (a 409 all the same).
    const { id } = await authRepository(tx).createStaff({ ...fields, passwordHash });
    await deps.audit.record(tx, actor, {
      action: 'staff.create',
      entityType: 'staff',
      entityId: id,
      before: null,
      after: { ...fields, active: true },
    });
    return id;
  });
  return staffAccount(deps, id);
}
