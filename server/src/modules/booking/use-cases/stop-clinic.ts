import { stopClinicReason } from '@hospital/shared';
import type { Actor } from '../../../core/actor';
import { AppError, notFound } from '../../../core/errors';
import type { BookingDeps } from '../booking.deps';
import { bookingRepository } from '../booking.repository';
import { endBooking } from './end-booking';

/**
 * 停诊: the session stops taking bookings; every live booking is cancelled (paid ones refunded), every
 * waiting patient told, all in one transaction.
 */
export async function stopClinic(deps: BookingDeps, actor: Actor, sessionId: string, reason: string) {
  const { uow, audit, events } = deps;
  return uow.run(async ({ tx, now, hospital: h }) => {
    const r = bookingRepository(tx);
    const session = await r.findSession(sessionId);
    if (!session) throw notFound('出诊');
    await r.lockSession(sessionId);
    if ((await r.findSession(sessionId))!.suspendedAt) throw new AppError('INVALID_STATE', '该出诊已停诊');
    await r.suspendSession(sessionId, reason, now);
    // Every booking before any order or slot: a patient cancelling one of them at this moment waits here
    // rather than holding its booking while this transaction holds the slot it needs.
    await r.lockLiveInSession(sessionId);
    const bookings = await r.liveInSession(sessionId);
    for (const b of bookings) {
      await endBooking(deps, tx, b, 'CANCELLED', h, now, {
        reason: stopClinicReason(reason),
        actor,
        cause: 'stop_clinic',
      });
    }
    for (const entry of await r.openWaitlistInSession(sessionId)) {
      if (entry.status !== 'WAITING') continue; // offered ones were closed with their booking above
      await r.updateWaitlistEntry(entry.id, { status: 'CANCELLED', closedAt: now });
      await events.record(tx, actor, {
        type: 'waitlist.cancelled',
        aggregate: { type: 'waitlist_entry', id: entry.id },
        payload: {
          entryId: entry.id,
          accountId: entry.accountId,
          profileId: entry.profileId,
          sessionId,
          cause: 'stop_clinic',
          reason: stopClinicReason(reason),
        },
      });
    }
    await events.record(tx, actor, {
      type: 'session.stopped',
      aggregate: { type: 'clinic_session', id: sessionId },
      payload: { sessionId, reason, cancelledBookings: bookings.length },
    });
    await audit.record(tx, actor, {
      action: 'session.stop_clinic',
      entityType: 'clinic_session',
      entityId: sessionId,
      before: { suspendedAt: null },
      after: {
        suspendedAt: now.toISOString(),
        suspendReason: reason,
        cancelledBookings: bookings.length,
      },
    });
    return {
      sessionId,
      cancelledBookings: bookings.length,
      refunds: bookings.filter((b) => b.status === 'CONFIRMED' && b.feeFen > 0).length,
    };
  });
}
