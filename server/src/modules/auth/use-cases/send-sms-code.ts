import { randomInt, randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors';
import { requireCurrentVersion } from '../../privacy/use-cases/consent';
import type { AuthDeps } from '../auth.deps';
import { smsRepository } from '../sms.repository';
import { codeHashOf, lockedError, lockedForSeconds, phoneHashOf, SMS_RULES, smsSenderOf } from './sms-codes';

/**
 * Texts a new 6-digit sign-in code to `mobile` (11 digits, validated by the contract). At most one a minute
 * and five an hour per number (counted from the codes themselves, under a per-number lock, so two instances
 * cannot both send); none while the number is locked. Nothing here looks at accounts: the answer is the same
 * for a number with an account and one without. The code is kept only as a keyed hash; the local stand-in's
 * code is answered as `demoCode` (the page shows it: no text message carries it). The number is taken only
 * once the patient ticked the privacy notice (`privacyVersion`, the current one: PIPL art. 14); login records it.
 */
export async function sendSmsCode(deps: AuthDeps, mobile: string, privacyVersion: string | undefined) {
  const sms = smsSenderOf(deps);
  requireCurrentVersion(privacyVersion);
  const phoneHash = phoneHashOf(deps.pii, mobile);
  const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
  const id = randomUUID();
  await deps.uow.run(async ({ tx, now }) => {
    const r = smsRepository(tx);
    await r.lockNumber(phoneHash);
    const locked = await lockedForSeconds(r, phoneHash, now);
    if (locked) throw lockedError(locked);
    const sent = await r.sentSince(phoneHash, new Date(now.getTime() - 3600_000));
    const last = sent.at(-1);
    const sinceLast = last ? (now.getTime() - last.createdAt.getTime()) / 1000 : Infinity;
    const wait =
      sinceLast < SMS_RULES.resendSeconds
        ? SMS_RULES.resendSeconds - sinceLast
        : sent.length >= SMS_RULES.perHour
          ? (sent[sent.length - SMS_RULES.perHour]!.createdAt.getTime() + 3600_000 - now.getTime()) / 1000
          : 0;
    if (wait > 0) {
      const seconds = Math.max(1, Math.ceil(wait));
      throw AppError.with('RATE_LIMITED', { seconds }, { retryAfterSeconds: seconds });
    }
    await r.create({
      id,
      phoneHash,
      codeHash: codeHashOf(deps.pii, id, code),
      createdAt: now,
      expiresAt: new Date(now.getTime() + SMS_RULES.codeTtlSeconds * 1000),
    });
  });
  // Sent after the commit: the provider is not called while the number's lock is held, and a second request
  // meanwhile already sees this code (and waits its minute).
  try {
    await sms.sendCode(mobile, code);
  } catch (error) {
    // Never sent, so it must neither sign in nor hold the patient to a minute's wait for a message that never came.
    await smsRepository(deps.db).discard(id);
    throw error;
  }
  return {
    expiresIn: SMS_RULES.codeTtlSeconds,
    resendAfter: SMS_RULES.resendSeconds,
    ...(sms.kind === 'local' ? { demoCode: code } : {}),
  };
}
