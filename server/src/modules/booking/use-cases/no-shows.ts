import { SYSTEM_ACTOR } from '../../../core/actor';
import { personCandidates, personKey } from '../../profile/person';
import { type BookingDeps, recordBooking } from '../booking.deps';
import { bookingRepository } from '../booking.repository';

const DAY = 86_400_000;

/**
 * Background job: confirmed bookings not checked in by slot end + grace become NO_SHOW; a person (whichever
 * account: the ID hash, or for a child without an ID the guardian's ID hash, birth date and name — see
 * profile/person.ts) with too many no-shows in the window is suspended from on-line booking.
 */
export async function markNoShows(deps: BookingDeps, limit = 500): Promise<number> {
  return deps.uow.run(async ({ tx, now, hospital: h }) => {
    const r = bookingRepository(tx);
    const due = await r.dueNoShows(now, h.rules.noShow.graceMinutes, limit);
    for (const { id } of due) {
      const b = (await r.find(id))!;
      await r.update(id, { status: 'NO_SHOW', noShowAt: now });
      await recordBooking(deps, tx, SYSTEM_ACTOR, 'booking.no_show', b);
      const since = new Date(now.getTime() - h.rules.noShow.windowDays * DAY);
      const key = personKey(b.profile);
      if (!key) continue; // erased with its account: nobody to suspend
      const noShows = await r.noShowsOfCandidates(personCandidates(b.profile), since);
      const count = noShows.filter((n) => personKey(n.profile) === key).length;
      if (count >= h.rules.noShow.limit && !(await r.activeSuspension(key, now))) {
        await r.createSuspension({
          idNumberHash: key,
          until: new Date(now.getTime() + h.rules.noShow.suspensionDays * DAY),
          reason: `${h.rules.noShow.windowDays} 天内爽约 ${count} 次`,
        });
      }
    }
    return due.length;
  });
}
