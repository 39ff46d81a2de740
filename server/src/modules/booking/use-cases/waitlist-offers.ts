import { SYSTEM_ACTOR } from '../../../core/actor';
import { AppError } from '../../../core/errors';
import type { Tx } from '../../../core/unit-of-work';
import type { HospitalContext } from '../../catalog/catalog.service';
import { type BookingDeps, recordBooking } from '../booking.deps';
import { bookingRepository } from '../booking.repository';
import { checkEligibility, checkLimits, initialState, slotPlace } from './limits';

/**
 * Offers free places of a slot to its session's waitlist, first come first served: each offer takes a
 * place (conditional update) and becomes a held booking for the waiting profile. Entries whose profile
 * now breaks a limit, or is not eligible (a restriction added since it joined), are closed and skipped.
 */
export async function fillFromWaitlist(
  deps: BookingDeps,
  tx: Tx,
  slotId: string,
  h: HospitalContext,
  now: Date,
): Promise<void> {
  const r = bookingRepository(tx);
  const slot = await r.findSlot(slotId);
  if (!slot || slot.session.suspendedAt || slot.startsAt <= now) return;
  for (;;) {
    const entry = await r.nextWaiting(slot.sessionId);
    if (!entry) return;
    const who = {
      entryId: entry.id,
      accountId: entry.accountId,
      profileId: entry.profileId,
      sessionId: slot.sessionId,
    };
    try {
      const profile = await r.profileFacts(entry.profileId);
      if (profile) checkEligibility(h.rules, profile, slot.session);
      await checkLimits(tx, h.rules, now, entry.profileId, slotPlace(slot));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      await r.updateWaitlistEntry(entry.id, { status: 'CANCELLED', closedAt: now });
      await deps.events.record(tx, SYSTEM_ACTOR, {
        type: 'waitlist.cancelled',
        aggregate: { type: 'waitlist_entry', id: entry.id },
        payload: { ...who, cause: 'limit', reason: error.message },
      });
      continue;
    }
    if (!(await r.takePlace(slotId))) return;
    const state = initialState(slot.session.feeFen, h.rules.waitlist.offerHoldMinutes, now);
    const booking = await r.create({
      slotId,
      sessionId: slot.sessionId,
      profileId: entry.profileId,
      accountId: entry.accountId,
      departmentId: slot.session.departmentId,
      doctorId: slot.session.doctorId,
      examTypeId: slot.session.examTypeId,
      date: slot.session.date,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      channel: 'MINIAPP',
      feeFen: slot.session.feeFen,
      waitlistEntryId: entry.id,
      ...state,
    });
    await r.updateWaitlistEntry(entry.id, {
      status: state.status === 'CONFIRMED' ? 'BOOKED' : 'OFFERED',
      bookingId: booking.id,
      offeredAt: now,
      ...(state.status === 'CONFIRMED' ? { closedAt: now } : {}),
    });
    const holdExpiresAt = booking.holdExpiresAt?.toISOString() ?? null;
    await recordBooking(deps, tx, SYSTEM_ACTOR, 'booking.booked', booking, {
      status: state.status,
      holdExpiresAt,
      isExtra: false,
      fromWaitlist: true,
    });
    await deps.events.record(tx, SYSTEM_ACTOR, {
      type: 'waitlist.offered',
      aggregate: { type: 'waitlist_entry', id: entry.id },
      payload: { ...who, bookingId: booking.id, startsAt: slot.startsAt.toISOString(), holdExpiresAt },
    });
  }
}

/** A booking gives its place back: the counter drops, then the waitlist gets the first chance at it. */
export async function givePlaceBack(
  deps: BookingDeps,
  tx: Tx,
  b: { slotId: string; isExtra: boolean },
  h: HospitalContext,
  now: Date,
) {
  await bookingRepository(tx).releasePlace(b.slotId, b.isExtra);
  if (!b.isExtra) await fillFromWaitlist(deps, tx, b.slotId, h, now);
}

/** Places were added to a slot (capacity raised): the waitlist gets them first, in the caller's transaction. */
export async function placesAdded(deps: BookingDeps, tx: Tx, slotId: string): Promise<void> {
  await fillFromWaitlist(deps, tx, slotId, await deps.catalog.hospitalContext(tx), deps.clock.now());
}
