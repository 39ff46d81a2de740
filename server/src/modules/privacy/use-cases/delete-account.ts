import type { Actor } from '../../../core/actor';
import { AppError, notFound } from '../../../core/errors';
import type { PrivacyDeps } from '../privacy.deps';
import { privacyRepository } from '../privacy.repository';

/**
 * Deletes the patient's account (PIPL art. 47), in one unit of work:
 *
 * - refused (409 ACCOUNT_DELETE_BLOCKED, saying what is open) while a booking is held, paid and upcoming or
 *   checked in, a waitlist entry waits, or a payment or refund is still in flight — those need the patient, and
 *   a refund needs someone to reach;
 * - otherwise every sign-in ends (the access tokens are refused at once), the profiles are erased and archived,
 *   the consents are marked withdrawn, and the WeChat identity is released, so the person signing in again
 *   starts afresh. Bookings and bills stay, pointing at the erased profiles: the law keeps them (docs/decisions/020).
 *
 * Locks: the account row (sign-in, profile changes and disabling take it), then its profiles in id order (the
 * booking paths lock a profile first), so a booking racing the deletion either lands first and blocks it, or
 * finds its profile erased.
 */
export async function deleteAccount(deps: PrivacyDeps, actor: Actor, accountId: string): Promise<void> {
  const ended = await deps.uow.run(async ({ tx, now }) => {
    const repo = privacyRepository(tx);
    const locked = await repo.lockAccount(accountId);
    if (!locked || locked.deleted_at) throw notFound('患者账号');
    await repo.lockProfiles(accountId);
    const open = await repo.openItems(accountId, now);
    if (open.bookings || open.waitlist || open.payments) {
      throw AppError.with('ACCOUNT_DELETE_BLOCKED', open, open);
    }
    const profileIds = (await repo.profileIds(accountId)).map((p) => p.id);
    const sessions = await deps.sessions.endAll(tx, { kind: 'patient', accountId }, 'ACCOUNT_DELETED');
    await repo.eraseProfiles(accountId, now);
    await repo.archiveProfiles(accountId, now);
    await repo.withdrawConsents(accountId, now);
    const dropped = await repo.dropUnsentNotifications(accountId, profileIds);
    await repo.releaseAccount(accountId, now);
    // Counts only: the audit log never holds the personal data the deletion erased.
    await deps.audit.record(tx, actor, {
      action: 'patient_account.delete',
      entityType: 'patient_account',
      entityId: accountId,
      before: { deletedAt: null },
      after: {
        deletedAt: now,
        erasedProfiles: profileIds.length,
        endedSessions: sessions.length,
        droppedNotifications: dropped.count,
      },
    });
    await deps.events.record(tx, actor, {
      type: 'account.deleted',
      aggregate: { type: 'patient_account', id: accountId },
      payload: { accountId, profileIds, deletedAt: now.toISOString() },
    });
    return sessions;
  });
  await deps.sessions.ended(ended);
}
