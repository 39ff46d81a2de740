import type { Actor } from '../../../core/actor';
import { AppError } from '../../../core/errors';
import { hashPassword, verifyPassword } from '../../../security/passwords';
import type { AuthDeps } from '../auth.deps';
import { authRepository } from '../auth.repository';
import { sessionRepository } from '../session.repository';

export interface PasswordChange {
  currentPassword: string;
  /** Already checked by the contract (newPasswordSchema, and unlike the current one). */
  newPassword: string;
}

/**
 * A member of staff changes their own password. The current password is required (a session left open on a
 * shared computer must not be enough), checked again under the staff row's lock, so of two changes at once
 * only the first that knew the password wins. The member's other sign-ins end with it (their access tokens at
 * once, everywhere); the one making the change goes on. Audited without any password or hash.

 */
export async function changeStaffPassword(
  deps: AuthDeps,
  actor: Actor,
  staffId: string,
  sessionId: string,
  change: PasswordChange,
): Promise<{ endedSessions: number }> {
  const staff = await authRepository(deps.db).findStaff(staffId);
  if (!staff?.active) throw new AppError('TOKEN_INVALID');
  if (!(await verifyPassword(staff.passwordHash, change.currentPassword))) {
    throw new AppError('CURRENT_PASSWORD_WRONG');
  }
  const passwordHash = await hashPassword(change.newPassword);
  const ended = await deps.uow.run(async ({ tx, now }) => {
    const [locked] = await sessionRepository(tx).lockStaff(staffId);
    if (!locked?.active) throw new AppError('TOKEN_INVALID');
    const current = await authRepository(tx).findStaff(staffId);
    // Changed by another request since it was verified above: the password given is no longer the current one.
    if (current?.passwordHash !== staff.passwordHash) throw new AppError('CURRENT_PASSWORD_WRONG');
    await authRepository(tx).setStaffPassword(staffId, passwordHash);
    const ids = await deps.sessions.endOthers(tx, { kind: 'staff', staffId }, sessionId, 'PASSWORD_CHANGED');
    await deps.audit.record(tx, actor, {
      action: 'staff.password_change',
      entityType: 'staff',
      entityId: staffId,
      before: { passwordChangedAt: null, endedSessions: null },
      after: { passwordChangedAt: now.toISOString(), endedSessions: ids.length },
    });
    return ids;
  });
  await deps.sessions.ended(ended);
  return { endedSessions: ended.length };
}
