import { type StopClinicPreview, stopClinicReason } from '@hospital/shared';
import type { Actor } from '../../../core/actor';
import { AppError, notFound } from '../../../core/errors';
import type { BookingDeps } from '../booking.deps';
import { bookingRepository } from '../booking.repository';
import { endBooking, refundOnCancel } from './end-booking';

/**
 * What stopping the session would do, without doing it: the bookings it cancels (the live ones the act
 * locks), the refunds by the same rule as the act, the unpaid holds released and the waitlist told. Read
 * without locks, so the scheduler can look before deciding; the act's result says what was done.
 */
export async function previewStopClinic(deps: BookingDeps, sessionId: string): Promise<StopClinicPreview> {
  const r = bookingRepository(deps.db);
  const session = await r.findSession(sessionId);
  if (!session) throw notFound('出诊');
  if (session.suspendedAt) {
    return { sessionId, stopped: true, bookings: 0, refunds: 0, refundFen: 0, held: 0, waitlist: 0 };
  }
  const [bookings, waitlist] = await Promise.all([
    r.liveInSession(sessionId),
    r.openWaitlistInSession(sessionId),
  ]);
  const refunds = bookings.map(refundOnCancel).filter((fen) => fen > 0);
  return {
    sessionId,
    stopped: false,
    bookings: bookings.length,
    refunds: refunds.length,
    refundFen: refunds.reduce((sum, fen) => sum + fen, 0),
    held: bookings.filter((b) => b.status === 'PENDING_PAYMENT').length,
    // An offered entry's held booking is counted above; its patient is told once, with the booking.
    waitlist: waitlist.filter((e) => e.status === 'WAITING').length,
  };
}

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
      refunds: bookings.filter((b) => refundOnCancel(b) > 0).length,
    };
  });
}
