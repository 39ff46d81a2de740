import type { PatientAccount } from '@hospital/shared';
import { AppError } from '../../../core/errors';
import type { DbClient } from '../../../db/client';
import type { AuthDeps } from '../auth.deps';
import { authRepository } from '../auth.repository';

/** The signed-in patient account as every answer shows it. */
export async function patientAccount(db: DbClient, id: string): Promise<PatientAccount> {
  const summary = await authRepository(db).accountSummary(id);
  if (!summary) throw new AppError('TOKEN_INVALID');
  return { ...summary, createdAt: summary.createdAt.toISOString() };
}

/**
 * Signs into the account of a sign-in identity (`openid`: WeChat's, or `sms:<hash>` for a mobile number), made at
 * its first sign-in, and starts a session. Inside another unit of work (the SMS sign-in) it joins its
 * transaction. The upsert takes the account's row lock, which disabling it also takes: a sign-in racing an admin
 * either sees the account disabled or starts a session the admin's revocation then ends.
 */
export async function signInPatient(
  deps: Pick<AuthDeps, 'uow' | 'db' | 'clock' | 'tokens' | 'sessions'>,
  openid: string,
  unionid: string | null,
) {
  const { accountId, session } = await deps.uow.run(async ({ tx }) => {
    const row = await authRepository(tx).upsertAccount(openid, unionid, deps.clock.now());
    if (row.disabledAt) throw new AppError('ACCOUNT_DISABLED');
    return {
      accountId: row.id,
      session: await deps.sessions.start(tx, { kind: 'patient', accountId: row.id }),
    };
  });
  return {
    ...deps.tokens.issue({ kind: 'patient', accountId }, session),
    account: await patientAccount(deps.db, accountId),
  };
}
