import { localDate, type sessionListQuery } from '@hospital/shared';
import type { z } from 'zod';
import { availabilityRepository } from '../availability.repository';
import type { SchedulingDeps } from '../scheduling.deps';
import { presentSession } from '../scheduling.presenter';

export type SessionsQuery = z.output<typeof sessionListQuery>;

/** Staff: one hospital-local day's sessions with their places, bookings and waitlist (today by default). */
export async function listSessions({ db, clock, catalog }: SchedulingDeps, query: SessionsQuery) {
  const ctx = await catalog.hospitalContext();
  const date = query.date ?? localDate(clock.now(), ctx.timeZone);
  const { sessions, totals, waiting } = await availabilityRepository(db).sessionsOn({ ...query, date });
  const bySession = new Map(totals.map((t) => [t.sessionId, t]));
  const waitingBy = new Map(waiting.map((w) => [w.sessionId, w._count._all]));
  return {
    timeZone: ctx.timeZone,
    date,
    items: sessions.map((s) => {
      const t = bySession.get(s.id);
      return presentSession(
        s,
        {
          slots: t?._count._all ?? 0,
          capacity: t?._sum.capacity ?? 0,
          booked: t?._sum.booked ?? 0,
          extra: t?._sum.extra ?? 0,
          waiting: waitingBy.get(s.id) ?? 0,
        },
        ctx.timeZone,
      );
    }),
  };
}
