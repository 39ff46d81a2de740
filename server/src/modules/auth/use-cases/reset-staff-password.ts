import type { Actor } from '../../../core/actor';
import { notFound } from '../../../core/errors';
import { hashPassword } from '../../../security/passwords';
import type { AccountsDeps } from '../accounts.deps';
import { authRepository } from '../auth.repository';
import { sessionRepository } from '../session.repository';

/**
 * The admin sets a temporary password for a member who forgot theirs (the shared rule, checked by the
 * contract): every sign-in of the member ends (ADMIN_REVOKED), their access tokens at once, everywhere. The
 * audit row holds the time and the sessions ended, never a password or hash.
 */
export async function resetStaffPassword(
  deps: AccountsDeps,
  actor: Actor,
  id: string,
  password: string,
): Promise<{ revoked: number }> {
  const passwordHash = await hashPassword(password);
  const ended = await deps.uow.run(async ({ tx, now }) => {
    const [locked] = await sessionRepository(tx).lockStaff(id);
    if (!locked) throw notFound('工作人员账号');
    await authRepository(tx).setStaffPassword(id, passwordHash);
    const ids = await deps.sessions.endAll(tx, { kind: 'staff', staffId: id }, 'ADMIN_REVOKED');
    await deps.audit.record(tx, actor, {
      action: 'staff.password_reset',
      entityType: 'staff',
      entityId: id,
      before: { passwordResetAt: null, endedSessions: null },
      after: { passwordResetAt: now.toISOString(), endedSessions: ids.length },
    });
    return ids;
  });
  await deps.sessions.ended(ended);
  return { revoked: ended.length };
}
