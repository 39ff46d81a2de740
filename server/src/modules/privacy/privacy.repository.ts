import { withLocks } from '../../core/unit-of-work';
import type { DbClient } from '../../db/client';
import type { PrivacyConsentScope } from '../../db/generated/enums';

/** A booking still to happen or being paid: held for payment, confirmed and not yet over, or checked in. */
const OPEN_BOOKING = (now: Date) => ({
  OR: [
    { status: { in: ['PENDING_PAYMENT' as const, 'CHECKED_IN' as const] } },
    { status: 'CONFIRMED' as const, endsAt: { gt: now } },
  ],
});

/**
 * Privacy consents, and the writes of an account's deletion: the account's own privacy columns, and the erasure
 * of its profiles (docs/decisions/020: erasing is this module's rule, so it is written here once).
 */
function privacyRows(db: DbClient) {
  return {
    listConsents(accountId: string) {
      return db.privacyConsent.findMany({ where: { accountId }, orderBy: { acceptedAt: 'desc' } });
    },
    findConsent(accountId: string, version: string, scope: PrivacyConsentScope) {
      return db.privacyConsent.findUnique({
        where: { accountId_version_scope: { accountId, version, scope } },
      });
    },
    /** Records consent to a version once: accepting it again keeps the first time. */
    acceptConsent(accountId: string, version: string, scope: PrivacyConsentScope, now: Date) {
      return db.privacyConsent.upsert({
        where: { accountId_version_scope: { accountId, version, scope } },
        create: { accountId, version, scope, acceptedAt: now },
        update: {},
      });
    },

    findAccount(id: string) {
      return db.patientAccount.findUnique({
        where: { id },
        include: { _count: { select: { profiles: { where: { deletedAt: null } } } } },
      });
    },
    /** Every profile of the account, archived ones too. */
    profileIds(accountId: string) {
      return db.profile.findMany({ where: { accountId }, select: { id: true }, orderBy: { id: 'asc' } });
    },

    /** The account's row lock: sign-in, profile changes and disabling take it too. */
    async lockAccount(id: string) {
      const [row] = await db.$queryRaw<{ id: string; deleted_at: Date | null }[]>`
        SELECT id, deleted_at FROM patient_account WHERE id = ${id}::uuid FOR UPDATE`;
      return row;
    },
    /** The account's profiles' row locks, in id order (the booking paths lock a profile first: 004). */
    lockProfiles(accountId: string) {
      return db.$queryRaw<{ id: string }[]>`
        SELECT id FROM profile WHERE account_id = ${accountId}::uuid ORDER BY id FOR UPDATE`;
    },

    /** What keeps the account from being deleted, counted. */
    async openItems(accountId: string, now: Date) {
      const [bookings, waitlist, payments] = await Promise.all([
        db.booking.count({ where: { accountId, ...OPEN_BOOKING(now) } }),
        db.waitlistEntry.count({ where: { accountId, status: { in: ['WAITING', 'OFFERED'] } } }),
        // An order being paid or refunded, or with a refund not yet settled, counts once.
        db.paymentOrder.count({
          where: {
            accountId,
            OR: [
              { status: { in: ['CREATED', 'PAYING', 'REFUNDING'] } },
              { refunds: { some: { status: { in: ['REQUESTED', 'PROCESSING'] } } } },
            ],
          },
        }),
      ]);
      return { bookings, waitlist, payments };
    },

    /**
     * Erases the personal fields of every profile of the account; the rows stay for the bookings and bills that
     * point at them. Birth date, sex and relationship stay (the booking's eligibility was decided on them; alone
     * they name no one); names, document numbers (their hashes too) and phones go.
     */
    eraseProfiles(accountId: string, now: Date) {
      return db.profile.updateMany({
        where: { accountId },
        data: {
          name: '已注销',
          idNumberHash: null,
          idNumberEnc: null,
          idNumberMasked: null,
          guardianName: null,
          guardianIdType: null,
          guardianIdNumberHash: null,
          guardianIdNumberEnc: null,
          guardianIdNumberMasked: null,
          phoneEnc: '',
          phoneMasked: '',
          phoneHash: null,
          erasedAt: now,
        },
      });
    },
    /** Archives the profiles not archived yet (the account's profile list is empty from now on). */
    archiveProfiles(accountId: string, now: Date) {
      return db.profile.updateMany({ where: { accountId, deletedAt: null }, data: { deletedAt: now } });
    },
    /**
     * Marks the account deleted and releases its WeChat identity: the openid is replaced by a value that no
     * sign-in can produce, so the person signing in again starts a new, empty account.
     */
    releaseAccount(id: string, now: Date) {
      return db.patientAccount.update({
        where: { id },
        data: { openid: `deleted:${id}`, unionid: null, deletedAt: now },
      });
    },
    withdrawConsents(accountId: string, now: Date) {
      return db.privacyConsent.updateMany({
        where: { accountId, withdrawnAt: null },
        data: { withdrawnAt: now },
      });
    },
    /** Notifications not sent yet to the account or its profiles: nobody is left to receive them. */
    dropUnsentNotifications(accountId: string, profileIds: string[]) {
      return db.notificationOutbox.deleteMany({
        where: { sentAt: null, OR: [{ accountId }, { profileId: { in: profileIds } }] },
      });
    },
  };
}

/** Privacy rows; the account and profile row locks only on a unit of work's transaction. */
export const privacyRepository = withLocks(privacyRows, ['lockAccount', 'lockProfiles'] as const);
