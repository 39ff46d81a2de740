import { BOOKING_TRANSITIONS, SERVER_REASONS } from '@hospital/shared';
import { type Actor, SYSTEM_ACTOR } from '../../../core/actor';
import { assertTransition } from '../../../core/state-machine';
import type { Tx } from '../../../core/unit-of-work';
import type { HospitalContext } from '../../catalog/catalog.service';
import type { EndCause } from '../../events/event-types';
import { BOOKING, type BookingDeps, recordBooking } from '../booking.deps';
import { type BookingRow, bookingRepository } from '../booking.repository';
import { givePlaceBack } from './waitlist-offers';

/**
 * What cancelling a booking gives back, in fen: a confirmed booking with a fee was paid, and is refunded in
 * full. An unpaid one refunds nothing (its open order is closed). The stop-clinic preview counts with it too.
 */
export function refundOnCancel(b: { status: BookingRow['status']; feeFen: number }): number {
  return b.status === 'CONFIRMED' ? b.feeFen : 0;
}

/**
 * Ends a booking (cancel, expiry, stop-clinic), closes the waitlist offer it came from, settles its money
 * and records the event; the caller holds the booking's row lock.
 */
export async function endBooking(
  deps: BookingDeps,
  tx: Tx,
  b: BookingRow,
  to: 'CANCELLED' | 'EXPIRED',
  h: HospitalContext,
  now: Date,
  opts: { reason?: string; releasePlace?: boolean; actor?: Actor; cause?: EndCause } = {},
) {
  const { payments } = deps;
  const actor = opts.actor ?? SYSTEM_ACTOR;
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
  // A paid booking cancelled asks for the money back. An unpaid one closes its open order, so a payment can
  // no longer start (one that lands anyway is refunded by payments).
  const refundFen = to === 'CANCELLED' ? refundOnCancel(b) : 0;
  if (refundFen > 0) {
    await payments.requestRefund(tx, {
      bookingId: b.id,
      reason: opts.reason ?? SERVER_REASONS.patientCancelled.zh,
      requestedBy: actor.name ?? actor.type,
    });
  } else if (b.status === 'PENDING_PAYMENT') {
    await payments.bookingEnded(
      tx,
      b.id,
      to === 'EXPIRED'
        ? SERVER_REASONS.paymentTimedOut.zh
        : (opts.reason ?? SERVER_REASONS.bookingCancelled.zh),
    );
  }
  if (to === 'EXPIRED') await recordBooking(deps, tx, actor, 'booking.expired', b);
  else {
    await recordBooking(deps, tx, actor, 'booking.cancelled', b, {
      cause: opts.cause ?? (actor.type === 'staff' ? 'staff' : 'patient'),
      reason: updated.cancelReason ?? '',
      refundFen,
    });
  }
  if (opts.releasePlace !== false) await givePlaceBack(deps, tx, b, h, now);
  return updated;
}

/** Expires one lapsed hold that the caller has locked. */
export async function expireOne(deps: BookingDeps, tx: Tx, id: string, h: HospitalContext, now: Date) {
  const b = await bookingRepository(tx).find(id);
  if (b?.status !== 'PENDING_PAYMENT') return;
  await endBooking(deps, tx, b, 'EXPIRED', h, now);
}
