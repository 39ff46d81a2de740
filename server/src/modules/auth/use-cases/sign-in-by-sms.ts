import { maskPhone } from '@hospital/shared';
import type { Actor } from '../../../core/actor';
import { AppError } from '../../../core/errors';
import { recordConsent, requireCurrentVersion } from '../../privacy/use-cases/consent';
import type { AuthDeps } from '../auth.deps';
import { smsRepository } from '../sms.repository';
import { signInPatient } from './patient-sign-in';
import {
  codeHashOf,
  lockedError,
  lockedForSeconds,
  phoneHashOf,
  SMS_RULES,
  sameHash,
  smsOpenid,
  smsSenderOf,
} from './sms-codes';

type Outcome =
  | { ok: true; signedIn: Awaited<ReturnType<typeof signInPatient>> }
  | { ok: false; error: AppError };

/**
 * Signs in with a mobile number and the code last sent to it: the account of the number (`sms:<hash>`) is made
 * at its first sign-in. Only the newest code counts, once, within 5 minutes. A wrong one counts against it
 * (under the number's lock, so guesses in parallel count too); the fifth spends it and locks the number for 15
 * minutes. Hashes are compared in constant time. The privacy notice the page showed (`privacyVersion`, the
 * current one) is recorded as the account's consent in the sign-in's transaction: the notice only, not the
 * separate consent to the sensitive information that the profile form still asks for (docs/decisions/021).
 */
export async function signInBySms(
  deps: AuthDeps,
  mobile: string,
  code: string,
  privacyVersion: string | undefined,
  requestId: string | null = null,
) {
  smsSenderOf(deps);
  const version = requireCurrentVersion(privacyVersion);
  const phoneHash = phoneHashOf(deps.pii, mobile);
  // A refusal is returned rather than thrown out of the transaction, so the wrong guess it counted is kept.
  const outcome = await deps.uow.run(async ({ tx, now }): Promise<Outcome> => {
    const r = smsRepository(tx);
    await r.lockNumber(phoneHash);
    const locked = await lockedForSeconds(r, phoneHash, now);
    if (locked) return { ok: false, error: lockedError(locked) };
    const latest = await r.latest(phoneHash);
    if (!latest || latest.consumedAt || latest.expiresAt <= now) {
      return { ok: false, error: new AppError('SMS_CODE_INVALID') };
    }
    if (!sameHash(latest.codeHash, codeHashOf(deps.pii, latest.id, code))) {
      const attempts = latest.attempts + 1;
      const spent = attempts >= SMS_RULES.maxAttempts;
      await r.recordWrongGuess(latest.id, spent ? now : null);
      if (spent) return { ok: false, error: lockedError(SMS_RULES.lockSeconds) };
      const left = SMS_RULES.maxAttempts - attempts;
      return { ok: false, error: AppError.with('SMS_CODE_INVALID', { left }, { attemptsLeft: left }) };
    }
    if (!(await r.spend(latest.id, now))) return { ok: false, error: new AppError('SMS_CODE_INVALID') };
    const signedIn = await signInPatient(deps, smsOpenid(phoneHash), null);
    const accountId = signedIn.account.id;
    const actor: Actor = { type: 'patient', id: accountId, name: null, requestId };
    await recordConsent(tx, deps.audit, actor, { accountId, version, scope: 'NOTICE', now });
    return { ok: true, signedIn };
  });
  if (!outcome.ok) throw outcome.error;
  return { ...outcome.signedIn, mobileMasked: maskPhone(mobile) };
}
