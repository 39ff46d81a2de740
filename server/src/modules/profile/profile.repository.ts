import { withLocks } from '../../core/unit-of-work';
import type { DbClient, Prisma } from '../../db/client';

export type ProfileRow = Prisma.ProfileGetPayload<object>;

function profileRows(db: DbClient) {
  const active = (accountId: string) => ({ accountId, deletedAt: null });
  return {
    listActive(accountId: string) {
      return db.profile.findMany({ where: active(accountId), orderBy: { createdAt: 'asc' } });
    },
    /** Archived ones too, oldest first (the data export). */
    listHeld(accountId: string) {
      return db.profile.findMany({ where: { accountId }, orderBy: { createdAt: 'asc' } });
    },
    /** Scoped to the account: another account's profile is simply not found. */
    findOwned(accountId: string, id: string) {
      return db.profile.findFirst({ where: { ...active(accountId), id } });
    },
    /** Serialises profile changes of one account (limit and duplicate checks) across connections. */
    async lockAccount(accountId: string) {
      await db.$queryRaw`SELECT id FROM patient_account WHERE id = ${accountId}::uuid FOR UPDATE`;
    },
    countActive(accountId: string) {
      return db.profile.count({ where: active(accountId) });
    },
    /** The account's live profiles that may be this person (person.ts: keep those of the same personKey). */
    listActiveCandidates(accountId: string, person: Prisma.ProfileWhereInput) {
      return db.profile.findMany({ where: { ...person, ...active(accountId) } });
    },
    /** Live profiles that may be this person across all accounts, newest first (staff look-ups by ID). */
    listAnyCandidates(person: Prisma.ProfileWhereInput) {
      return db.profile.findMany({
        where: { ...person, deletedAt: null },
        orderBy: { createdAt: 'desc' },
      });
    },
    /** The hospital-held account for patients who book at a window or by phone without WeChat. */
    upsertOfflineAccount(key: string) {
      return db.patientAccount.upsert({
        where: { openid: `offline:${key}` },
        create: { openid: `offline:${key}` },
        update: {},
      });
    },
    create(data: Prisma.ProfileUncheckedCreateInput) {
      return db.profile.create({ data });
    },
    update(id: string, data: Prisma.ProfileUncheckedUpdateInput) {
      return db.profile.update({ where: { id }, data });
    },
  };
}

/** Profiles; the account's row lock (limits, duplicates) only on a unit of work's transaction. */
export const profileRepository = withLocks(profileRows, ['lockAccount'] as const);
