import { type BookingChannel, dateString, localDate, slotAvailability } from '@hospital/shared';
import type { Actor } from '../../../core/actor';
import { AppError, notFound } from '../../../core/errors';
import type { Tx } from '../../../core/unit-of-work';
import type { HospitalContext } from '../../catalog/catalog.service';
import { personKey } from '../../profile/person';
import { type BookingDeps, context, recordBooking } from '../booking.deps';
import { presentIn } from '../booking.presenter';
import { bookingRepository } from '../booking.repository';
import { expireOne } from './end-booking';
import { checkEligibility, checkLimits, initialState, slotPlace } from './limits';

export interface BookInput {
  slotId: string;
  profileId: string;
  channel: BookingChannel;
  /** Patient bookings: the profile must belong to this account. Staff bookings: unset. */
  accountId?: string;
  /** 加号: a place beyond capacity (staff only). */
  extraReason?: string;
}

/** Expires this slot's lapsed holds, oldest first (on the booking path, so its answer is right). */
async function expireLapsedOnSlot(deps: BookingDeps, tx: Tx, h: HospitalContext, now: Date, slotId: string) {
  for (const { id } of await bookingRepository(tx).lapsedHolds(now, 200, slotId)) {
    await expireOne(deps, tx, id, h, now);
  }
}

/**
 * A place for a profile: patients book for their own profiles, staff on a patient's behalf (加号 beyond
 * capacity, audited). Takes its locks in the order of docs/decisions/004-lock-order.md (the `book` row).
 */
export async function book(deps: BookingDeps, actor: Actor, input: BookInput) {
  const { db, uow, audit } = deps;
  // Most requests in a release-time rush lose: answer those without taking a connection for a transaction.
  // Only a refusal is decided here; a place is only ever given by the conditional update below.
  if (
    !input.extraReason &&
    (await bookingRepository(db).looksFull(input.slotId, (await context(deps)).now))
  ) {
    throw new AppError('SLOT_FULL');
  }
  const { id, h, now } = await uow.run(async ({ tx, now, hospital: h }) => {
    const r = bookingRepository(tx);
    // Locked for the rest of the transaction: one profile's limits and duplicates are decided one at a time.
    const profile = await r.lockProfile(input.profileId);
    if (!profile || (input.accountId && profile.accountId !== input.accountId)) throw notFound('就诊人');

    const slot = await r.findSlot(input.slotId);
    if (!slot?.session.department.active) throw notFound('号源');
    const session = slot.session;
    const availability = slotAvailability(
      {
        date: dateString(session.date),
        startsAt: slot.startsAt,
        capacity: slot.capacity,
        taken: 0,
        suspended: !!session.suspendedAt,
      },
      now,
      h.rules,
      h.timeZone,
    );
    const extra = !!input.extraReason;
    if (availability.status === 'SUSPENDED') throw new AppError('SESSION_SUSPENDED');
    if (availability.status === 'NOT_RELEASED' && !extra) throw new AppError('SLOT_NOT_RELEASED');
    // 加号 is for patients in front of the desk: allowed until the session ends.
    if (extra ? now >= session.endsAt : availability.status === 'PAST') throw new AppError('SLOT_PAST');
    // Whoever books (patient, window, 加号): a profile the department, doctor or exam does not accept is refused.
    checkEligibility(h.rules, profile, session);

    if (input.channel === 'MINIAPP') {
      const person = personKey(profile);
      const suspension = person ? await r.activeSuspension(person, now) : null;
      if (suspension) {
        throw AppError.with('BOOKING_SUSPENDED', { until: localDate(suspension.until, h.timeZone) });
      }
    }
    await checkLimits(tx, h.rules, now, profile.id, slotPlace(slot));

    // Holds that lapsed on this slot go back first (to the waitlist, if anyone waits).
    if (!extra) await expireLapsedOnSlot(deps, tx, h, now, slot.id);
    const created = await r.create({
      slotId: slot.id,
      sessionId: session.id,
      profileId: profile.id,
      accountId: profile.accountId,
      departmentId: session.departmentId,
      doctorId: session.doctorId,
      examTypeId: session.examTypeId,
      date: session.date,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      channel: input.channel,
      feeFen: session.feeFen,
      isExtra: extra,
      extraReason: input.extraReason ?? null,
      createdByStaff: actor.type === 'staff' ? actor.id : null,
      ...initialState(session.feeFen, h.rules.booking.holdMinutes, now),
    });
    if (actor.type === 'staff') {
      await audit.record(tx, actor, {
        action: extra ? 'booking.create_extra' : 'booking.create',
        entityType: 'booking',
        entityId: created.id,
        after: {
          slotId: slot.id,
          profileId: profile.id,
          channel: input.channel,
          extraReason: input.extraReason ?? null,
        },
      });
    }
    // The place is taken last, just before the commit: the slot's row stays locked from this update to the
    // commit, and at release time every other booking of the slot queues on that lock. A refusal rolls the
    // booking written above back with everything else.
    await recordBooking(deps, tx, actor, 'booking.booked', created, {
      status: created.status as 'PENDING_PAYMENT' | 'CONFIRMED',
      holdExpiresAt: created.holdExpiresAt?.toISOString() ?? null,
      isExtra: extra,
      fromWaitlist: false,
    });
    if (extra) await r.addExtraPlace(slot.id);
    else if (!(await r.takePlace(slot.id))) throw new AppError('SLOT_FULL');
    return { id: created.id, h, now };
  });
  return presentIn((await bookingRepository(db).find(id))!, h, now);
}
