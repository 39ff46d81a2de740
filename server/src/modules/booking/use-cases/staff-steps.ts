import { BOOKING_TRANSITIONS, type BookingStatus, dateString, localDate } from '@hospital/shared';
import type { Actor } from '../../../core/actor';
import { AppError, notFound } from '../../../core/errors';
import { assertTransition } from '../../../core/state-machine';
import { can, type Subject } from '../../../policies';
import type { HospitalContext } from '../../catalog/catalog.service';
import { BOOKING, type BookingDeps, recordBooking } from '../booking.deps';
import { presentIn } from '../booking.presenter';
import { type BookingRow, bookingRepository } from '../booking.repository';

/** A staff step of the lifecycle; `guard` refuses it for this booking (scope, day) before the state check. */
async function transition(
  deps: BookingDeps,
  actor: Actor,
  id: string,
  to: Extract<BookingStatus, 'CHECKED_IN' | 'COMPLETED'>,
  stamp: 'checkedInAt' | 'completedAt',
  guard?: (b: BookingRow, h: HospitalContext, now: Date) => void,
) {
  const { row, hospital, now } = await deps.uow.run(async ({ tx, now, hospital }) => {
    const r = bookingRepository(tx);
    if (!(await r.lock(id))) throw notFound('预约');
    const b = (await r.find(id))!;
    guard?.(b, hospital, now);
    assertTransition(BOOKING_TRANSITIONS, b.status, to, BOOKING);
    const updated = await r.update(id, { status: to, [stamp]: now });
    await deps.audit.record(tx, actor, {
      action: `booking.${to.toLowerCase()}`,
      entityType: 'booking',
      entityId: id,
      before: { status: b.status },
      after: { status: to },
    });
    await recordBooking(deps, tx, actor, to === 'CHECKED_IN' ? 'booking.checked_in' : 'booking.completed', b);
    return { row: updated, hospital, now };
  });
  return presentIn(row, hospital, now);
}

/**
 * Staff mark a patient as arrived (until the queue module's check-in replaces it), on the booking's own
 * day in the hospital's zone only: a booking of another day is refused, not checked in by mistake.
 */
export async function markArrived(deps: BookingDeps, actor: Actor, id: string) {
  return transition(deps, actor, id, 'CHECKED_IN', 'checkedInAt', (b, h, now) => {
    const day = dateString(b.date);
    if (localDate(now, h.timeZone) !== day) throw AppError.with('CHECK_IN_NOT_TODAY', { date: day });
  });
}

/** A visit is completed in the doctor's own department: another department's booking answers 404. */
export async function markCompleted(deps: BookingDeps, actor: Actor, id: string, who: Subject) {
  return transition(deps, actor, id, 'COMPLETED', 'completedAt', (b) => {
    if (!can(who, 'booking.complete', { departmentId: b.departmentId })) throw notFound('预约');
  });
}
