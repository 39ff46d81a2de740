import type { slotsQuery } from '@hospital/shared';
import { LRUCache } from 'lru-cache';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { type AvailableSlotRow, availabilityRepository } from '../availability.repository';
import type { SchedulingDeps } from '../scheduling.deps';
import { presentSlot } from '../scheduling.presenter';
import { windowOf } from './regenerate';
import { invalid } from './roster-checks';

/** Availability answers at most a month at a time. */
export const MAX_SLOT_RANGE_DAYS = 31;

export type SlotsQuery = z.output<typeof slotsQuery>;

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** API requests in flight above which the listing may answer from its cache (a release-time rush). */
export const BUSY_IN_FLIGHT = 32;
/** How old a cached listing may be when it is used. */
const CACHE_TTL_MS = 1000;

type AvailabilityFilter = Parameters<ReturnType<typeof availabilityRepository>['availableSlots']>[0];

/**
 * The listing's rows by query. A quiet instance reads them fresh every time (and keeps them); in a rush —
 * more than BUSY_IN_FLIGHT requests at once — a listing at most a second old is answered, one read serving
 * every identical request meanwhile. Places left may then be a second behind; the booking itself is decided
 * by the database, so a place shown free that is gone answers SLOT_FULL. Statuses (released, past) are
 * computed at each answer, so a release at 07:00 opens at 07:00.
 */
export function createAvailabilityCache(db: Db) {
  const cache = new LRUCache<string, AvailableSlotRow[], AvailabilityFilter>({
    max: 1000,
    ttl: CACHE_TTL_MS,
    fetchMethod: (_key, _stale, { context }) => availabilityRepository(db).availableSlots(context),
  });
  return {
    async rows(filter: AvailabilityFilter, busy: boolean): Promise<AvailableSlotRow[]> {
      const { now, ...query } = filter;
      const key = JSON.stringify(query);
      const rows = await cache.fetch(key, { context: filter, forceRefresh: !busy });
      return rows ?? availabilityRepository(db).availableSlots(filter);
    },
  };
}
export type AvailabilityCache = ReturnType<typeof createAvailabilityCache>;

/** Availability: each slot's places left, fee and status; by default the generated window. */
export async function listSlots({ clock, catalog, load, availability }: SchedulingDeps, query: SlotsQuery) {
  const ctx = await catalog.hospitalContext();
  const now = clock.now();
  const { from: today, to: defaultTo } = windowOf(now, ctx);
  // Dates compare as strings (YYYY-MM-DD); a lone bound moves the default other bound to meet it.
  const from = query.from ?? [today, query.to ?? today].sort()[0]!;
  const to = query.to ?? [defaultTo, from].sort()[1]!;
  if (daysBetween(from, to) + 1 > MAX_SLOT_RANGE_DAYS) {
    throw invalid('query.to', {
      zh: `一次最多查询 ${MAX_SLOT_RANGE_DAYS} 天的号源`,
      en: `Slots can be listed for at most ${MAX_SLOT_RANGE_DAYS} days at a time`,
    });
  }
  const rows = await availability.rows(
    {
      from,
      to,
      now,
      departmentId: query.departmentId,
      doctorId: query.doctorId,
      examTypeCode: query.examTypeCode,
    },
    (load?.inFlight ?? 0) > BUSY_IN_FLIGHT,
  );
  return {
    serverTime: now.toISOString(),
    timeZone: ctx.timeZone,
    items: rows.map((r) => presentSlot(r, now, ctx.rules, ctx.timeZone)),
  };
}
