import type { slotsQuery } from '@hospital/shared';
import type { z } from 'zod';
import { availabilityRepository } from '../availability.repository';
import type { SchedulingDeps } from '../scheduling.deps';
import { presentSlot } from '../scheduling.presenter';
import { windowOf } from './regenerate';
import { invalid } from './roster-checks';

/** Availability answers at most a month at a time. */
export const MAX_SLOT_RANGE_DAYS = 31;

export type SlotsQuery = z.output<typeof slotsQuery>;

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** Availability: each slot's places left, fee and status; by default the generated window. */
export async function listSlots({ db, clock, catalog }: SchedulingDeps, query: SlotsQuery) {
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
  const rows = await availabilityRepository(db).availableSlots({
    from,
    to,
    now,
    departmentId: query.departmentId,
    doctorId: query.doctorId,
    examTypeCode: query.examTypeCode,
  });
  return {
    serverTime: now.toISOString(),
    timeZone: ctx.timeZone,
    items: rows.map((r) => presentSlot(r, now, ctx.rules, ctx.timeZone)),
  };
}
