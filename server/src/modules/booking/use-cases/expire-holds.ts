import { type BookingDeps, context } from '../booking.deps';
import { bookingRepository } from '../booking.repository';
import { expireOne } from './end-booking';

/**
 * Background job: expire every lapsed hold, each in its own short transaction (a conflict costs one hold,
 * not a batch). Several instances may run it: a hold another one is expiring is skipped (SKIP LOCKED).
 */
export async function expireHolds(deps: BookingDeps, limit = 200): Promise<number> {
  const { db, uow } = deps;
  let expired = 0;
  for (const { id } of await bookingRepository(db).allLapsedHolds((await context(deps)).now, limit)) {
    const done = await uow.run(async ({ tx, now, hospital }) => {
      if (!(await bookingRepository(tx).lockLapsedHold(id, now))) return false;
      await expireOne(deps, tx, id, hospital, now);
      return true;
    });
    if (done) expired++;
  }
  return expired;
}
