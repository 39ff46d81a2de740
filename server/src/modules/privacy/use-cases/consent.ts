import { PRIVACY_POLICY_VERSION, type PrivacyStatus } from '@hospital/shared';
import type { Actor } from '../../../core/actor';
import { AppError } from '../../../core/errors';
import type { Tx } from '../../../core/unit-of-work';
import type { PrivacyConsentScope } from '../../../db/generated/enums';
import type { AuditService } from '../../audit/audit.service';
import type { PrivacyDeps } from '../privacy.deps';
import { privacyRepository } from '../privacy.repository';

type ConsentRow = Awaited<ReturnType<ReturnType<typeof privacyRepository>['listConsents']>>[number];

/**
 * What a consent covers (docs/decisions/021). `NOTICE_AND_SENSITIVE`: the consent gate's tick box, which states
 * the notice and, separately, the sensitive information (PIPL art. 29) — the one `requirePrivacyConsent` asks
 * for. `NOTICE`: the SMS sign-in's box, the notice alone (art. 14), given before the mobile number is taken; it
 * lets no ID number in.
 */
export type ConsentScope = PrivacyConsentScope;

function statusOf(rows: ConsentRow[]): PrivacyStatus {
  const current = rows.find(
    (r) => r.version === PRIVACY_POLICY_VERSION && r.scope === 'NOTICE_AND_SENSITIVE' && !r.withdrawnAt,
  );
  return {
    currentVersion: PRIVACY_POLICY_VERSION,
    accepted: Boolean(current),
    acceptedAt: current?.acceptedAt.toISOString() ?? null,
    consents: rows.map((r) => ({
      version: r.version,
      scope: r.scope,
      acceptedAt: r.acceptedAt.toISOString(),
      withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
    })),
  };
}

/**
 * The version a client says it showed, before consent to it is recorded: none is `PRIVACY_CONSENT_REQUIRED`,
 * another than the current one `PRIVACY_POLICY_OUTDATED` (what was agreed to is what the client showed).
 */
export function requireCurrentVersion(version: string | undefined): string {
  if (!version) throw new AppError('PRIVACY_CONSENT_REQUIRED');
  if (version !== PRIVACY_POLICY_VERSION) throw new AppError('PRIVACY_POLICY_OUTDATED');
  return version;
}

/**
 * Records the account's consent to `version` (checked by `requireCurrentVersion`) in the caller's transaction,
 * once: consenting again keeps the first time, and only the first is audited.
 */
export async function recordConsent(
  tx: Tx,
  audit: AuditService,
  actor: Actor,
  consent: { accountId: string; version: string; scope: ConsentScope; now: Date },
): Promise<void> {
  const { accountId, version, now, scope } = consent;
  const repo = privacyRepository(tx);
  if (await repo.findConsent(accountId, version, scope)) return;
  await repo.acceptConsent(accountId, version, scope, now);
  await audit.record(tx, actor, {
    action: 'privacy.consent',
    entityType: 'patient_account',
    entityId: accountId,
    after: { version: consent.version, scope, acceptedAt: now },
  });
}

/** The account's consent to the privacy notice: the current version, and whether (and when) it was accepted. */
export async function status(deps: PrivacyDeps, accountId: string): Promise<PrivacyStatus> {
  return statusOf(await privacyRepository(deps.db).listConsents(accountId));
}

/**
 * Records consent to the current notice, with its version and the instant (once: accepting again keeps the
 * first time). A client that read another version is refused, so what was agreed to is what it showed.
 */
export async function accept(
  deps: PrivacyDeps,
  actor: Actor,
  accountId: string,
  version: string,
): Promise<PrivacyStatus> {
  requireCurrentVersion(version);
  return deps.uow.run(async ({ tx, now }) => {
    await recordConsent(tx, deps.audit, actor, { accountId, version, scope: 'NOTICE_AND_SENSITIVE', now });
    return statusOf(await privacyRepository(tx).listConsents(accountId));
  });
}

/**
 * The one rule before any ID number or phone is collected on-line: the patient's account accepted the current
 * notice (PIPL arts. 14, 29). Call it in the collecting transaction, after the account's row lock (deletion
 * takes it too). Staff at a window collect the patient's consent there, on paper: their actor is not checked.
 */
export async function requirePrivacyConsent(tx: Tx, actor: Actor, accountId: string): Promise<void> {
  if (actor.type !== 'patient') return;
  const consent = await privacyRepository(tx).findConsent(
    accountId,
    PRIVACY_POLICY_VERSION,
    'NOTICE_AND_SENSITIVE',
  );
  if (!consent || consent.withdrawnAt) throw new AppError('PRIVACY_CONSENT_REQUIRED');
}
