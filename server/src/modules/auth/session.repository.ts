import type { StaffRole } from '@hospital/shared';
import { withLocks } from '../../core/unit-of-work';
import type { DbClient, Prisma } from '../../db/client';
import type { SessionRevokeReason } from '../../db/generated/enums';

/** A staff row as accounts are shown: with its department's name. */
const STAFF_DEPARTMENT = { department: { select: { name: true } } } as const;

/** The admin's staff list filters (all optional). */
export interface StaffFilter {
  q?: string;
  role?: StaffRole;
  departmentId?: string;
  active?: boolean;
}

export type SessionOwner = { kind: 'patient'; accountId: string } | { kind: 'staff'; staffId: string };
/** Why a session ended: the database's enum (prisma/schema.prisma). */
export type RevokeReason = SessionRevokeReason;

function ownerWhere(owner: SessionOwner): Prisma.AuthSessionWhereInput {
  return owner.kind === 'patient' ? { accountId: owner.accountId } : { staffId: owner.staffId };
}

/** auth_session rows (one per sign-in) and the account flags that gate them. */
function sessionRows(db: DbClient) {
  return {
    create(owner: SessionOwner, tokenId: string, now: Date, expiresAt: Date) {
      return db.authSession.create({
        data: {
          ...(owner.kind === 'patient' ? { accountId: owner.accountId } : { staffId: owner.staffId }),
          tokenId,
          createdAt: now,
          expiresAt,
        },
        select: { id: true },
      });
    },

    /**
     * Moves the session on to its next refresh token, only if `tokenId` is still the newest and the session is
     * live. One conditional UPDATE: of two requests with the same token, exactly one wins.
     */
    async rotate(id: string, tokenId: string, next: { tokenId: string; now: Date; expiresAt: Date }) {
      const { count } = await db.authSession.updateMany({
        where: { id, tokenId, revokedAt: null, expiresAt: { gt: next.now } },
        data: {
          tokenId: next.tokenId,
          previousTokenId: tokenId,
          refreshedAt: next.now,
          expiresAt: next.expiresAt,
          rotations: { increment: 1 },
        },
      });
      return count === 1;
    },

    find(id: string) {
      return db.authSession.findUnique({ where: { id } });
    },

    /** Ends the given sessions (those still live); returns the ids it ended. */
    async revoke(where: { id: string } | SessionOwner, reason: RevokeReason, now: Date) {
      const rows = await db.authSession.updateManyAndReturn({
        // A whole account: only the sessions still usable (expired ones end on their own).
        where: {
          ...('id' in where ? { id: where.id } : { ...ownerWhere(where), expiresAt: { gt: now } }),
          revokedAt: null,
        },
        data: { revokedAt: now, revokedReason: reason },
        select: { id: true },
      });
      return rows.map((r) => r.id);
    },

    /** Ends an owner's live sessions but one (the caller's own); returns the ids it ended. */
    async revokeOthers(owner: SessionOwner, keep: string, reason: RevokeReason, now: Date) {
      const rows = await db.authSession.updateManyAndReturn({
        where: { ...ownerWhere(owner), id: { not: keep }, expiresAt: { gt: now }, revokedAt: null },
        data: { revokedAt: now, revokedReason: reason },
        select: { id: true },
      });
      return rows.map((r) => r.id);
    },

    countLive(owner: SessionOwner, now: Date) {
      return db.authSession.count({
        where: { ...ownerWhere(owner), revokedAt: null, expiresAt: { gt: now } },
      });
    },

    /** Live sessions per member of staff (of those given), for listings. */
    async liveByStaff(now: Date, staffIds: string[]) {
      const rows = await db.authSession.groupBy({
        by: ['staffId'],
        where: { staffId: { in: staffIds }, revokedAt: null, expiresAt: { gt: now } },
        _count: { _all: true },
      });
      return new Map(rows.map((r) => [r.staffId!, r._count._all]));
    },

    /** Sessions ended at or after `since` (every instance polls this to refuse their access tokens). */
    revokedSince(since: Date) {
      return db.authSession.findMany({
        where: { revokedAt: { gte: since } },
        select: { id: true, revokedAt: true },
      });
    },

    /** Sessions whose last refresh token expired more than a day ago: nothing can use them any more. */
    purgeExpired(before: Date) {
      return db.authSession.deleteMany({ where: { expiresAt: { lt: before } } });
    },

    // ---- the accounts behind the sessions

    findAccount(id: string) {
      return db.patientAccount.findUnique({
        where: { id },
        include: { _count: { select: { profiles: { where: { deletedAt: null } } } } },
      });
    },
    /** Takes the account's row lock (sign-in and disabling serialise on it). */
    lockAccount(id: string) {
      return db.$queryRaw<{ id: string; disabled_at: Date | null }[]>`
        SELECT id, disabled_at FROM patient_account WHERE id = ${id}::uuid FOR UPDATE`;
    },
    setAccountDisabled(id: string, disabledAt: Date | null, reason: string | null) {
      return db.patientAccount.update({
        where: { id },
        data: { disabledAt, disabledReason: reason },
        include: { _count: { select: { profiles: { where: { deletedAt: null } } } } },
      });
    },

    /** One page of staff accounts, by username, with their department's name and the count of all that match. */
    async searchStaff(filter: StaffFilter, page: number, pageSize: number) {
      const where: Prisma.StaffWhereInput = {
        ...(filter.q
          ? {
              OR: [
                { username: { contains: filter.q, mode: 'insensitive' } },
                { displayName: { contains: filter.q, mode: 'insensitive' } },
              ],
            }
          : {}),
        ...(filter.role ? { roles: { has: filter.role } } : {}),
        ...(filter.departmentId ? { departmentId: filter.departmentId } : {}),
        ...(filter.active === undefined ? {} : { active: filter.active }),
      };
      const [items, total] = await Promise.all([
        db.staff.findMany({
          where,
          include: STAFF_DEPARTMENT,
          orderBy: { username: 'asc' },
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
        db.staff.count({ where }),
      ]);
      return { items, total };
    },
    findStaff(id: string) {
      return db.staff.findUnique({ where: { id }, include: STAFF_DEPARTMENT });
    },
    lockStaff(id: string) {
      return db.$queryRaw<{ id: string; active: boolean }[]>`
        SELECT id, active FROM staff WHERE id = ${id}::uuid FOR UPDATE`;
    },
    setStaffActive(id: string, active: boolean) {
      return db.staff.update({ where: { id }, data: { active } });
    },
  };
}

/** Sign-ins; the account and staff row locks only on a unit of work's transaction. */
export const sessionRepository = withLocks(sessionRows, ['lockAccount', 'lockStaff'] as const);
export type SessionRepository = ReturnType<typeof sessionRows>;
