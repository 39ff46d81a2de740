import { BOOKING_TRANSITIONS, patientMayCancel, SERVER_REASONS } from '@hospital/shared';
import type { Actor, Viewer as Principal } from '../../../core/actor';
import { AppError } from '../../../core/errors';
import { assertTransition } from '../../../core/state-machine';
import { BOOKING, type BookingDeps } from '../booking.deps';
import { presentIn } from '../booking.presenter';
import { bookingRepository } from '../booking.repository';
import { endBooking } from './end-booking';
import { loadVisible } from './queries';

/** Patients cancel their own bookings until the cutoff; staff any time (with a reason, audited). */
export async function cancel(deps: BookingDeps, actor: Actor, id: string, who: Principal, reason?: string) {
  const { uow, audit } = deps;
  await loadVisible(deps, id, who);
  // Paid at a window: the fee goes back over that counter, so only the window cancels it.
  if (who.kind === 'patient' && (await deps.payments.paidAtWindow(deps.db, [id])).has(id)) {
    throw new AppError('PAID_AT_WINDOW');
  }
  const { row, h, now } = await uow.run(async ({ tx, now, hospital: h }) => {
    const r = bookingRepository(tx);
    await r.lock(id);
    const b = (await r.find(id))!;
    assertTransition(BOOKING_TRANSITIONS, b.status, 'CANCELLED', BOOKING);
    if (who.kind === 'patient' && !patientMayCancel(b, now, h.rules))
      throw new AppError('CANCEL_CUTOFF_PASSED');
    const updated = await endBooking(deps, tx, b, 'CANCELLED', h, now, {
      reason:
        reason ??
        (who.kind === 'patient' ? SERVER_REASONS.patientCancelled.zh : SERVER_REASONS.windowCancelled.zh),
      actor,
    });
    if (actor.type === 'staff') {
      await audit.record(tx, actor, {
        action: 'booking.cancel',
        entityType: 'booking',
        entityId: id,
        before: { status: b.status },
        after: { status: 'CANCELLED', cancelReason: updated.cancelReason },
      });
    }
    return { row: updated, h, now };
  });
  return presentIn(row, h, now);
}
