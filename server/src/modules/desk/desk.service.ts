import {
  classifyDeskQuery,
  type DeskFind,
  type DeskProfile,
  dateString,
  dateValue,
  localDate,
  maskIdNumber,
  maskPhone,
} from '@hospital/shared';
import type { Viewer } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { AppError } from '../../core/errors';
import type { Db } from '../../db/client';
import type { PiiCipher } from '../../security/pii';
import type { BookingService } from '../booking/booking.service';
import type { CatalogService } from '../catalog/catalog.service';
import { phoneLookupHash } from '../profile/phone-hash';
import { deskRepository } from './desk.repository';

const MAX = 20;

type ProfileRow = NonNullable<Awaited<ReturnType<ReturnType<typeof deskRepository>['profileOfBooking']>>>;

function present(p: ProfileRow): DeskProfile {
  return {
    id: p.id,
    name: p.name,
    idType: p.idType,
    // Masked again on the way out, like the patient's own profile list (profile.service.ts).
    idNumberMasked: p.idNumberMasked === null ? null : maskIdNumber(p.idNumberMasked, p.idType),
    phoneMasked: maskPhone(p.phoneMasked),
    birthDate: dateString(p.birthDate),
    sex: p.sex,
  };
}

/**
 * The registration window's desk: who a scanned code or a typed number names, and a day at a glance. Numbers
 * are found by their keyed hashes (security/pii.ts), the way profiles store them: nothing is decrypted.
 */
export function createDeskService(deps: {
  db: Db;
  clock: Clock;
  pii: PiiCipher;
  booking: BookingService;
  catalog: CatalogService;
}) {
  const { db, pii, booking } = deps;
  const repo = deskRepository(db);

  async function today() {
    const { timeZone } = await deps.catalog.hospitalContext();
    return localDate(deps.clock.now(), timeZone);
  }

  /** A booking the viewer may see, or none (an unknown or unreachable id finds nothing, as a search would). */
  async function oneBooking(id: string | null, who: Viewer) {
    if (!id) return [];
    try {
      return [await booking.get(id, who)];
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return [];
      throw error;
    }
  }

  return {
    async find(raw: string, who: Viewer): Promise<DeskFind> {
      const query = classifyDeskQuery(raw, deps.clock.now());
      if (!query) throw new AppError('DESK_QUERY_UNKNOWN');
      if (query.kind === 'CHECK_IN_CODE' || query.kind === 'BOOKING_ID' || query.kind === 'ORDER_NO') {
        const id = query.kind === 'ORDER_NO' ? await repo.bookingOfOrder(query.orderNo) : query.bookingId;
        const bookings = await oneBooking(id, who);
        const profile = bookings.length ? await repo.profileOfBooking(bookings[0]!.id) : null;
        return { kind: query.kind, profiles: profile ? [present(profile)] : [], bookings };
      }
      const profiles = await repo.profilesByHashes(
        query.kind === 'PHONE'
          ? { phoneHash: phoneLookupHash(pii, query.phone) }
          : { idHashes: query.numbers.map((n) => pii.hash(`${n.idType}:${n.idNumber}`)) },
        MAX,
      );
      const ids = await repo.upcomingBookingIds(
        profiles.map((p) => p.id),
        dateValue(await today()),
        MAX,
      );
      const bookings = (await Promise.all(ids.map((id) => oneBooking(id, who)))).flat();
      return { kind: query.kind, profiles: profiles.map(present), bookings };
    },

    async day(q: { date?: string; departmentId?: string }) {
      const date = q.date ?? (await today());
      return { date, ...(await repo.dayCounts(dateValue(date), q.departmentId)) };
    },
  };
}

export type DeskService = ReturnType<typeof createDeskService>;
