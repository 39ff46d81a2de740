import { BOOKING_STATUSES, type BookingStatus } from '@hospital/shared';
import type { DbClient } from '../../db/client';

/**
 * The desk's reads: who a query names and a day's counts. Read-only over profiles, bookings and orders (the
 * writes stay with their modules); the only place the desk touches Prisma.
 */
export function deskRepository(db: DbClient) {
  const profileSelect = {
    id: true,
    name: true,
    idType: true,
    idNumberMasked: true,
    phoneMasked: true,
    birthDate: true,
    sex: true,
  } as const;
  return {
    /** Live profiles with one of these phone hashes, or whose own or guardian's ID hash is one of these. */
    profilesByHashes(q: { phoneHash?: string; idHashes?: string[] }, limit: number) {
      const or = [
        ...(q.phoneHash ? [{ phoneHash: q.phoneHash }] : []),
        ...(q.idHashes?.length
          ? [{ idNumberHash: { in: q.idHashes } }, { guardianIdNumberHash: { in: q.idHashes } }]
          : []),
      ];
      if (!or.length) return Promise.resolve([]);
      return db.profile.findMany({
        where: { OR: or, deletedAt: null, erasedAt: null },
        select: profileSelect,
        orderBy: { createdAt: 'asc' },
        take: limit,
      });
    },
    profileOfBooking(bookingId: string) {
      return db.booking
        .findUnique({ where: { id: bookingId }, select: { profile: { select: profileSelect } } })
        .then((b) => b?.profile ?? null);
    },
    bookingOfOrder(orderNo: string) {
      return db.paymentOrder
        .findUnique({ where: { orderNo }, select: { bookingId: true } })
        .then((o) => o?.bookingId ?? null);
    },
    /** Ids of the profiles' bookings from `from` (a local day) on, soonest first. */
    async upcomingBookingIds(profileIds: string[], from: Date, limit: number) {
      if (!profileIds.length) return [];
      const rows = await db.booking.findMany({
        where: { profileId: { in: profileIds }, date: { gte: from } },
        select: { id: true },
        orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
        take: limit,
      });
      return rows.map((r) => r.id);
    },
    /** A day's bookings counted by status, and how many of them are 加号. */
    async dayCounts(date: Date, departmentId: string | undefined) {
      const where = { date, ...(departmentId ? { departmentId } : {}) };
      const [groups, extra] = await Promise.all([
        db.booking.groupBy({ by: ['status'], where, _count: { _all: true } }),
        db.booking.count({ where: { ...where, isExtra: true } }),
      ]);
      const counts = Object.fromEntries(BOOKING_STATUSES.map((s) => [s, 0])) as Record<BookingStatus, number>;
      for (const g of groups) counts[g.status] = g._count._all;
      return { counts, extra, total: groups.reduce((sum, g) => sum + g._count._all, 0) };
    },
    /** Profiles with a phone but no phone hash yet (rows from before the column), a batch at a time. */
    profilesWithoutPhoneHash(limit: number, after: string | null) {
      return db.profile.findMany({
        where: { phoneHash: null, phoneEnc: { not: '' }, ...(after ? { id: { gt: after } } : {}) },
        select: { id: true, phoneEnc: true },
        orderBy: { id: 'asc' },
        take: limit,
      });
    },
    setPhoneHash(id: string, phoneHash: string) {
      return db.profile.updateMany({ where: { id, phoneHash: null }, data: { phoneHash } });
    },
  };
}
