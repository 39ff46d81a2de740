import { timingSafeEqual } from 'node:crypto';
import { SMS_CODE_TTL_SECONDS, SMS_RESEND_SECONDS } from '@hospital/shared';
import { AppError } from '../../../core/errors';
import type { SmsSender } from '../../../integrations/sms';
import type { PiiCipher } from '../../../security/pii';
import type { smsRepository } from '../sms.repository';

/** The SMS sign-in's numbers, in one place (docs/decisions/021-sms-sign-in.md). */
export const SMS_RULES = {
  /** A code is good for 5 minutes. */
  codeTtlSeconds: SMS_CODE_TTL_SECONDS,
  /** One code a minute per number… */
  resendSeconds: SMS_RESEND_SECONDS,
  /** …and five an hour. */
  perHour: 5,
  /** The fifth wrong guess spends the code… */
  maxAttempts: 5,
  /** …and locks the number (no sending, no signing in) for 15 minutes. */
  lockSeconds: 15 * 60,
} as const;

/** The keyed hash (PII_KEY's HMAC) that stands for a mobile number in `sms_code` and in the account's openid. */
export function phoneHashOf(pii: PiiCipher, mobile: string): string {
  return pii.hash(`mobile:${mobile}`);
}

/**
 * The account of a mobile number: `PatientAccount.openid` is every account's one sign-in key, so SMS accounts
 * take `sms:<hash>` in it, as the window's offline accounts take `offline:<key>`.
 */
export function smsOpenid(phoneHash: string): string {
  return `${SMS_OPENID_PREFIX}${phoneHash}`;
}

/** The sender, or `SMS_SIGN_IN_DISABLED` when the hospital switched SMS sign-in off (SMS_SIGN_IN=off). */
export function smsSenderOf(deps: { sms: SmsSender | null }): SmsSender {
  if (!deps.sms) throw new AppError('SMS_SIGN_IN_DISABLED');
  return deps.sms;
}

/** The sign-in identity of an account made by SMS sign-in starts with it (WeChat's openids never do). */
export const SMS_OPENID_PREFIX = 'sms:';

/** How the account signs in, from its sign-in identity (the export names it; the identity itself is not shown). */
export function signInKindOf(openid: string): 'SMS' | 'WECHAT' {
  return openid.startsWith(SMS_OPENID_PREFIX) ? 'SMS' : 'WECHAT';
}

/** A code's hash, keyed and bound to its row, so neither the database nor a copy of it gives the code away. */
export function codeHashOf(pii: PiiCipher, id: string, code: string): string {
  return pii.hash(`sms-code:${id}:${code}`);
}

/** Constant-time equality of two hex hashes. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Seconds the number stays locked after too many wrong codes, or 0. */
export async function lockedForSeconds(
  r: ReturnType<typeof smsRepository>,
  phoneHash: string,
  now: Date,
): Promise<number> {
  const since = new Date(now.getTime() - SMS_RULES.lockSeconds * 1000);
  const lockout = await r.lastLockout(phoneHash, SMS_RULES.maxAttempts, since);
  if (!lockout?.consumedAt) return 0;
  return Math.max(
    1,
    Math.ceil((lockout.consumedAt.getTime() + SMS_RULES.lockSeconds * 1000 - now.getTime()) / 1000),
  );
}

/** The refusal while a number is locked: in minutes for the patient, in seconds for `Retry-After`. */
export function lockedError(seconds: number): AppError {
  return AppError.with('SMS_LOCKED', { minutes: Math.ceil(seconds / 60) }, { retryAfterSeconds: seconds });
}
