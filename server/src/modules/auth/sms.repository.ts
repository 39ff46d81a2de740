import { withLocks } from '../../core/unit-of-work';
import type { DbClient } from '../../db/client';

/** The one purpose codes are sent for today; the column leaves room for others (changing the number…). */
export const SIGN_IN = 'sign-in';

function smsRows(db: DbClient) {
  return {
    /**
     * Serialises everything about one number (sends, guesses) across connections and instances for the rest of
     * the transaction. An advisory lock, because the number may have no row yet to lock.
     */
    async lockNumber(phoneHash: string) {
      await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sms:${phoneHash}`}))`;
    },
    /** Codes sent to the number since `since`, oldest first (the per-number send limits). */
    sentSince(phoneHash: string, since: Date) {
      return db.smsCode.findMany({
        where: { phoneHash, purpose: SIGN_IN, createdAt: { gte: since } },
        orderBy: { createdAt: 'asc' },
        select: { createdAt: true },
      });
    },
    /** The latest code spent by too many wrong guesses since `since`: the number is locked from its spending. */
    lastLockout(phoneHash: string, maxAttempts: number, since: Date) {
      return db.smsCode.findFirst({
        where: { phoneHash, purpose: SIGN_IN, attempts: { gte: maxAttempts }, consumedAt: { gt: since } },
        orderBy: { consumedAt: 'desc' },
        select: { consumedAt: true },
      });
    },
    create(row: { id: string; phoneHash: string; codeHash: string; createdAt: Date; expiresAt: Date }) {
      return db.smsCode.create({ data: { ...row, purpose: SIGN_IN } });
    },
    /** The number's newest code: the only one that may sign in (an older one is dead once another is sent). */
    latest(phoneHash: string) {
      return db.smsCode.findFirst({
        where: { phoneHash, purpose: SIGN_IN },
        orderBy: { createdAt: 'desc' },
      });
    },
    /** One more wrong guess; `spentAt` set when it was the last one allowed. */
    async recordWrongGuess(id: string, spentAt: Date | null) {
      await db.smsCode.update({
        where: { id },
        data: { attempts: { increment: 1 }, ...(spentAt ? { consumedAt: spentAt } : {}) },
      });
    },
    /** Spends the code; false when it was spent meanwhile. */
    async spend(id: string, now: Date): Promise<boolean> {
      const { count } = await db.smsCode.updateMany({
        where: { id, consumedAt: null },
        data: { consumedAt: now },
      });
      return count === 1;
    },
    /** A code that was never sent (the provider refused): it neither signs in nor counts against the limits. */
    async discard(id: string) {
      await db.smsCode.deleteMany({ where: { id } });
    },
    /** Codes created before `before`: long expired, and past any limit or lockout window. */
    async purgeCreatedBefore(before: Date): Promise<number> {
      const { count } = await db.smsCode.deleteMany({ where: { createdAt: { lt: before } } });
      return count;
    },
  };
}

export const smsRepository = withLocks(smsRows, ['lockNumber']);
