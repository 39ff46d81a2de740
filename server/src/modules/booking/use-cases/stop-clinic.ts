import type { Actor } from '../../../core/actor';
import { AppError, notFound } from '../../../core/errors';
import { type BookingDeps, context, tellPatient } from '../booking.deps';
import { bookingRepository } from '../booking.repository';
import { endBooking } from './end-booking';

/**
 * 停诊: the session stops taking bookings; every live booking is cancelled (paid ones refunded), every
 * waiting patient told, all in one transaction.
 */
export async function stopClinic(deps: BookingDeps, actor: Actor, sessionId: string, reason: string) {
  const { db, audit, notifications } = deps;
  const { hospital: h, now } = await context(deps);
  return db.$transaction(async (tx) => {
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
        reason: `停诊：${reason}`,
        actorName: actor.name ?? 'system',
      });
      await tellPatient(deps, tx, 'booking.stop_clinic', b, {
        reason,
        refundFen: b.status === 'CONFIRMED' ? b.feeFen : 0,
      });
    }
    for (const entry of await r.openWaitlistInSession(sessionId)) {
      if (entry.status !== 'WAITING') continue; // offered ones were closed with their booking above
      await r.updateWaitlistEntry(entry.id, { status: 'CANCELLED', closedAt: now });
      await notifications.enqueue(tx, {
        kind: 'waitlist.cancelled',
        accountId: entry.accountId,
        profileId: entry.profileId,
        payload: { sessionId, reason: `停诊：${reason}` },
      });
    }
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
