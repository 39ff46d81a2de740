import { type BookingStatus, canTransition } from '@hospital/shared';
import { SYSTEM_ACTOR } from '../../../core/actor';
import { AppError } from '../../../core/errors';
import type { Tx } from '../../../core/unit-of-work';
import { type BookingDeps, recordBooking } from '../booking.deps';
import { bookingRepository } from '../booking.repository';
import { checkLimits } from './limits';

// What the payment module calls inside its own transactions, so a payment and the booking it settles stand
// or fall together.

/**
 * Locks a booking for a payment change — its profile first, since a late payment checks the profile's
 * limits — in the lock order of docs/decisions/004-lock-order.md. Answers its status (null: no booking).
 * Payments call this before locking the booking's order.
 */
export async function lockForPayment(_deps: BookingDeps, tx: Tx, id: string): Promise<BookingStatus | null> {
  const r = bookingRepository(tx);
  const owner = await r.profileOf(id);
  if (!owner) return null;
  await r.lockProfile(owner.profileId);
  return r.lockStatus(id);
}

/** Payment arrived for a held booking (the payment module calls this in its own transaction). */
export async function confirmPaid(
  deps: BookingDeps,
  tx: Tx,
  id: string,
): Promise<'CONFIRMED' | 'NOT_PENDING'> {
  const r = bookingRepository(tx);
  await r.lock(id);
  const b = await r.find(id);
  if (b?.status !== 'PENDING_PAYMENT') return 'NOT_PENDING';
  const now = deps.clock.now();
  await r.update(id, { status: 'CONFIRMED', confirmedAt: now, holdExpiresAt: null });
  if (b.waitlistEntryId) await r.updateWaitlistEntry(b.waitlistEntryId, { status: 'BOOKED', closedAt: now });
  await recordBooking(deps, tx, SYSTEM_ACTOR, 'booking.confirmed', b, { late: false });
  return 'CONFIRMED';
}

/**
 * Payment arrived after the hold expired. If the place can still be had (slot not started, session not
 * stopped, a place free, limits still kept) the booking is revived and confirmed; otherwise the caller
 * refunds. Runs in the payment's transaction, after `lockForPayment`.
 */
export async function confirmLatePayment(deps: BookingDeps, tx: Tx, id: string): Promise<boolean> {
  const r = bookingRepository(tx);
  await r.lock(id);
  const b = await r.find(id);
  if (!b || !canTransition(b.status, 'CONFIRMED') || b.status !== 'EXPIRED') return false;
  const now = deps.clock.now();
  const h = await deps.catalog.hospitalContext(tx);
  const slot = await r.findSlot(b.slotId);
  if (!slot || slot.session.suspendedAt || slot.startsAt <= now) return false;
  try {
    await checkLimits(tx, h.rules, now, b.profileId, b);
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
  if (!(await r.takePlace(b.slotId))) return false;
  await r.update(id, { status: 'CONFIRMED', confirmedAt: now, holdExpiresAt: null, expiredAt: null });
  await recordBooking(deps, tx, SYSTEM_ACTOR, 'booking.confirmed', b, { late: true });
  return true;
}
