import { PRIVACY_POLICY_VERSION, type PrivacyExport } from '@hospital/shared';
import { notFound } from '../../../core/errors';
import { signInKindOf } from '../../auth/use-cases/sms-codes';
import type { PrivacyDeps } from '../privacy.deps';
import { privacyRepository } from '../privacy.repository';
import { status } from './consent';

/**
 * Everything held about the account (PIPL art. 45), as the patient sees it in the app: its profiles (archived
 * ones too; ID and phone numbers masked, as everywhere), bookings, waitlist entries, bills with their orders
 * and refunds, and the consents given. The WeChat openid is held but not shown: it is WeChat's name for the
 * account in this mini-program, of no use to the patient and a handle for anyone the file reaches.
 */
export async function exportData(deps: PrivacyDeps, accountId: string): Promise<PrivacyExport> {
  const account = await privacyRepository(deps.db).findAccount(accountId);
  if (!account || account.deletedAt) throw notFound('患者账号');
  const [profiles, bookings, waitlist, bills, consent] = await Promise.all([
    deps.profiles.listHeld(accountId),
    deps.booking.listMine(accountId),
    deps.waitlist.listMine(accountId),
    deps.payment.bills(accountId),
    status(deps, accountId),
  ]);
  return {
    exportedAt: deps.clock.now().toISOString(),
    policyVersion: PRIVACY_POLICY_VERSION,
    account: {
      id: account.id,
      createdAt: account.createdAt.toISOString(),
      lastLoginAt: account.lastLoginAt?.toISOString() ?? null,
      profileCount: account._count.profiles,
      signIn: signInKindOf(account.openid),
    },
    profiles,
    bookings,
    waitlist,
    bills,
    consents: consent.consents,
  };
}
