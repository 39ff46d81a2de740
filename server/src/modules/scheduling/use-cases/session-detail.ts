import { dateString, localTime, type SessionDetail, slotAvailability } from '@hospital/shared';
import { notFound } from '../../../core/errors';
import { availabilityRepository } from '../availability.repository';
import type { SchedulingDeps } from '../scheduling.deps';
import { presentSession } from '../scheduling.presenter';

/**
 * Staff: one session slot by slot — capacity, booked, held and free places and 加号 — for the scheduler's day
 * view and the window. Each slot's status comes from the shared availability rule, as the patients see it.
 */
export async function sessionDetail(
  { db, clock, catalog }: SchedulingDeps,
  id: string,
): Promise<SessionDetail> {
  const ctx = await catalog.hospitalContext();
  const now = clock.now();
  const found = await availabilityRepository(db).sessionDetail(id, now);
  if (!found) throw notFound('出诊');
  const { session, slots, live, waiting } = found;
  const count = (slotId: string, match: (row: (typeof live)[number]) => boolean) =>
    live.filter((r) => r.slotId === slotId && match(r)).reduce((n, r) => n + r._count._all, 0);

  const rows = slots.map((slot) => {
    const booked = count(slot.id, (r) => !r.isExtra && r.status !== 'PENDING_PAYMENT');
    const held = count(slot.id, (r) => !r.isExtra && r.status === 'PENDING_PAYMENT');
    const extra = count(slot.id, (r) => r.isExtra);
    const availability = slotAvailability(
      {
        date: dateString(session.date),
        startsAt: slot.startsAt,
        capacity: slot.capacity,
        taken: booked + held,
        suspended: session.suspendedAt !== null,
      },
      now,
      ctx.rules,
      ctx.timeZone,
    );
    return {
      id: slot.id,
      startsAt: slot.startsAt.toISOString(),
      startTime: localTime(slot.startsAt, ctx.timeZone),
      endTime: localTime(slot.endsAt, ctx.timeZone),
      capacity: slot.capacity,
      booked,
      held,
      free: availability.placesLeft,
      extra,
      status: availability.status,
      releaseAt: availability.releaseAt.toISOString(),
    };
  });
  const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + pick(r), 0);
  return {
    timeZone: ctx.timeZone,
    session: presentSession(
      session,
      {
        slots: rows.length,
        capacity: sum((r) => r.capacity),
        booked: sum((r) => r.booked + r.held),
        extra: sum((r) => r.extra),
        waiting,
      },
      ctx.timeZone,
    ),
    slots: rows,
  };
}
