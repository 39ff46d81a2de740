import { BOOKING_TRANSITIONS } from '@hospital/shared';
import { assertTransition } from '../../../core/state-machine';
import type { DbClient } from '../../../db/client';
import type { HospitalContext } from '../../catalog/catalog.service';
import { BOOKING, type BookingDeps, tellPatient } from '../booking.deps';
import { type BookingRow, bookingRepository } from '../booking.repository';
import { givePlaceBack } from './waitlist-offers';

/** Ends a booking (cancel, expiry, stop-clinic) and closes the waitlist offer it came from. */
export async function endBooking(
  deps: BookingDeps,
  tx: DbClient,
  b: BookingRow,
  to: 'CANCELLED' | 'EXPIRED',
  h: HospitalContext,
  now: Date,
  opts: { reason?: string; releasePlace?: boolean; actorName?: string } = {},
) {
  const { payments } = deps;
  const r = bookingRepository(tx);
  assertTransition(BOOKING_TRANSITIONS, b.status, to, BOOKING);
  const updated = await r.update(
    b.id,
    to === 'CANCELLED'
      ? { status: to, cancelledAt: now, cancelReason: opts.reason ?? null }
      : { status: to, expiredAt: now },
  );
  if (b.waitlistEntryId) {
    await r.updateWaitlistEntry(b.waitlistEntryId, {
      status: to === 'EXPIRED' ? 'LAPSED' : 'CANCELLED',
      closedAt: now,
    });
  }
  // A confirmed booking with a fee was paid: cancelling it asks for the money back. An unpaid one closes
  // its open order, so a payment can no longer start (one that lands anyway is refunded by payments).
  if (to === 'CANCELLED' && b.status === 'CONFIRMED' && b.feeFen > 0) {
    await payments.requestRefund(tx, {
      bookingId: b.id,
      reason: opts.reason ?? '患者取消预约',
      requestedBy: opts.actorName ?? 'system',
    });
  } else if (b.status === 'PENDING_PAYMENT') {
    await payments.bookingEnded(tx, b.id, to === 'EXPIRED' ? '支付超时' : (opts.reason ?? '预约已取消'));
  }
  if (opts.releasePlace !== false) await givePlaceBack(deps, tx, b, h, now);
  return updated;
}

/** Expires one lapsed hold that the caller has locked. */
export async function expireOne(deps: BookingDeps, tx: DbClient, id: string, h: HospitalContext, now: Date) {
  const b = await bookingRepository(tx).find(id);
  if (b?.status !== 'PENDING_PAYMENT') return;
  await endBooking(deps, tx, b, 'EXPIRED', h, now);
  await tellPatient(deps, tx, 'booking.expired', b);
}
