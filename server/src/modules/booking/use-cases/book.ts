import { randomUUID } from 'node:crypto';
import { type BookingChannel, dateString, localDate, slotAvailability } from '@hospital/shared';
import type { Actor } from '../../../core/actor';
import { AppError, notFound } from '../../../core/errors';
import { personKey } from '../../profile/person';
import { type BookingDeps, bookingEvent, context } from '../booking.deps';
import { presentIn } from '../booking.presenter';
import { bookingRepository } from '../booking.repository';
import { type BookingFacts, type PlaceInput, type PlaceOutcome, placedBooking } from '../booking-facts';
import { expireOne } from './end-booking';
import { checkEligibility, initialState, limitError, limitMaxima } from './limits';

export interface BookInput {
  slotId: string;
  profileId: string;
  channel: BookingChannel;
  /** Patient bookings: the profile must belong to this account. Staff bookings: unset. */
  accountId?: string;
  /** 加号: a place beyond capacity (staff only). */
  extraReason?: string;
}

/**
 * A place for a profile: patients book for their own profiles, staff on a patient's behalf (加号 beyond
 * capacity, audited). Two round trips (docs/decisions/031-booking-in-one-statement.md): one read decides what
 * needs no lock — and answers most of a release-time rush, the slots already full — then one statement,
 * `book_place`, decides under PostgreSQL's locks what does (the profile's limits, the place) and writes the
 * booking with its domain event. The answer is built from the two, without reading the booking back.
 */
export async function book(deps: BookingDeps, actor: Actor, input: BookInput) {
  const { db, events } = deps;
  const { hospital: h, now } = await context(deps);
  const extra = !!input.extraReason;
  const facts = await bookingRepository(db).bookingFacts(input.slotId, input.profileId, now);
  if (!facts?.session.department.active) throw notFound('号源');
  // Only a refusal is decided from the read; a place is only ever given by the conditional update.
  if (!extra && facts.slot.full) throw new AppError('SLOT_FULL');
  const { profile, session, slot } = facts;
  if (!profile || (input.accountId && profile.accountId !== input.accountId)) throw notFound('就诊人');

  const availability = slotAvailability(
    {
      date: dateString(session.date),
      startsAt: slot.startsAt,
      capacity: 1,
      taken: 0,
      suspended: !!session.suspendedAt,
    },
    now,
    h.rules,
    h.timeZone,
  );
  if (availability.status === 'SUSPENDED') throw new AppError('SESSION_SUSPENDED');
  if (availability.status === 'NOT_RELEASED' && !extra) throw new AppError('SLOT_NOT_RELEASED');
  // 加号 is for patients in front of the desk: allowed until the session ends.
  if (extra ? now >= session.endsAt : availability.status === 'PAST') throw new AppError('SLOT_PAST');
  // Whoever books (patient, window, 加号): a profile the department, doctor or exam does not accept is refused.
  checkEligibility(h.rules, profile, session);
  if (input.channel === 'MINIAPP') await checkNotSuspended(deps, facts, h.timeZone, now);

  const state = initialState(session.feeFen, h.rules.booking.holdMinutes, now);
  const place: Omit<PlaceInput, 'event'> = {
    id: randomUUID(),
    slotId: slot.id,
    profileId: profile.id,
    accountId: input.accountId,
    channel: input.channel,
    status: state.status,
    feeFen: session.feeFen,
    holdExpiresAt: state.status === 'PENDING_PAYMENT' ? state.holdExpiresAt : null,
    now,
    extraReason: input.extraReason,
    createdByStaff: actor.type === 'staff' ? actor.id : null,
    max: limitMaxima(h.rules),
  };
  const booking = placedBooking(facts, place, now);
  const event = {
    ...bookingEvent('booking.booked', booking, {
      status: place.status,
      holdExpiresAt: place.holdExpiresAt?.toISOString() ?? null,
      isExtra: extra,
      fromWaitlist: false,
    }),
    actor,
  };

  let placed = await placeOnce(deps, actor, { ...place, event });
  // A full slot may still have a lapsed hold: it goes back first (to the waitlist, if anyone waits), then once
  // more. On the hot path — places left — no hold is looked at.
  if (placed.outcome === 'SLOT_FULL' && !extra && (await bookingRepository(db).hasLapsedHold(slot.id, now))) {
    await giveBackLapsedHolds(deps, slot.id);
    placed = await placeOnce(deps, actor, { ...place, event });
  }
  if (placed.outcome !== 'BOOKED') throw refusal(placed.outcome, h.rules);
  events.recorded();
  return presentIn({ ...booking, createdAt: placed.createdAt! }, h, now);
}

/** `book_place`; a staff booking is audited in the same transaction. */
function placeOnce(deps: BookingDeps, actor: Actor, place: PlaceInput) {
  if (actor.type !== 'staff') return bookingRepository(deps.db).place(place);
  return deps.uow.run(async ({ tx }) => {
    const placed = await bookingRepository(tx).place(place);
    if (placed.outcome === 'BOOKED') {
      await deps.audit.record(tx, actor, {
        action: place.extraReason ? 'booking.create_extra' : 'booking.create',
        entityType: 'booking',
        entityId: place.id,
        after: {
          slotId: place.slotId,
          profileId: place.profileId,
          channel: place.channel,
          extraReason: place.extraReason ?? null,
        },
      });
    }
    return placed;
  });
}

/** A patient booking in the app: refused while the person is suspended for no-shows. */
async function checkNotSuspended(deps: BookingDeps, facts: BookingFacts, timeZone: string, now: Date) {
  const { profile } = facts;
  // A profile with a document is keyed by its ID hash, read with the facts; a child without one has a key
  // of its own (profile/person.ts), looked up apart.
  const key = profile && !profile.idNumberHash ? personKey(profile) : null;
  const until = key
    ? ((await bookingRepository(deps.db).activeSuspension(key, now))?.until ?? null)
    : facts.suspendedUntil;
  if (until) throw AppError.with('BOOKING_SUSPENDED', { until: localDate(until, timeZone) });
}

/** Expires the slot's lapsed holds, oldest first, in a unit of work of their own. */
function giveBackLapsedHolds(deps: BookingDeps, slotId: string) {
  return deps.uow.run(async ({ tx, now, hospital }) => {
    for (const { id } of await bookingRepository(tx).lapsedHolds(now, 200, slotId)) {
      await expireOne(deps, tx, id, hospital, now);
    }
  });
}

function refusal(
  outcome: Exclude<PlaceOutcome, 'BOOKED'>,
  rules: Parameters<typeof limitError>[1],
): AppError {
  switch (outcome) {
    case 'PROFILE_NOT_FOUND':
      return notFound('就诊人');
    case 'SLOT_NOT_FOUND':
      return notFound('号源');
    case 'SESSION_SUSPENDED':
    case 'SLOT_FULL':
      return new AppError(outcome);
    default:
      return limitError(outcome, rules);
  }
}
