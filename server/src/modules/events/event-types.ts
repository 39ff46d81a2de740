// Every domain event the modules record, and what its payload carries. Payloads name records by id and carry
// what a subscriber needs to act (times, reasons, amounts) — never ID numbers, phones or other personal data
// beyond what the booking itself shows.

/** A booking as every booking event describes it. */
export interface BookingFacts {
  bookingId: string;
  accountId: string;
  profileId: string;
  sessionId: string;
  slotId: string;
  departmentId: string;
  doctorId: string | null;
  examTypeId: string | null;
  /** The booked day (YYYY-MM-DD, hospital calendar). */
  date: string;
  startsAt: string;
  endsAt: string;
  channel: string;
}

/** Why a booking or a waitlist entry ended. */
export type EndCause = 'patient' | 'staff' | 'stop_clinic' | 'limit';

export interface WaitlistFacts {
  entryId: string;
  accountId: string;
  profileId: string;
  sessionId: string;
}

export interface EventPayloads {
  /** A place was taken: held for payment (PENDING_PAYMENT) or confirmed at once (no fee, 加号). */
  'booking.booked': BookingFacts & {
    status: 'PENDING_PAYMENT' | 'CONFIRMED';
    holdExpiresAt: string | null;
    isExtra: boolean;
    fromWaitlist: boolean;
  };
  /** A held booking was paid (or a late payment revived it). */
  'booking.confirmed': BookingFacts & { late: boolean };
  'booking.cancelled': BookingFacts & { cause: EndCause; reason: string; refundFen: number };
  /** A hold lapsed unpaid. */
  'booking.expired': BookingFacts;
  'booking.checked_in': BookingFacts;
  'booking.completed': BookingFacts;
  'booking.no_show': BookingFacts;
  /** 停诊: the session stopped; its bookings and waitlist have their own events. */
  'session.stopped': { sessionId: string; reason: string; cancelledBookings: number };
  /** A patient joined a full session's waitlist. */
  'waitlist.joined': WaitlistFacts;
  /** A waiting patient was offered a place: a held booking (or a confirmed one when free). */
  'waitlist.offered': WaitlistFacts & { bookingId: string; startsAt: string; holdExpiresAt: string | null };
  'waitlist.cancelled': WaitlistFacts & { cause: EndCause; reason: string };
  /**
   * The patient deleted their account (docs/decisions/020): its profiles were erased and it can no longer sign
   * in. Its bookings and bills stay, detached; a subscriber holding anything for the account drops it.
   */
  'account.deleted': { accountId: string; profileIds: string[]; deletedAt: string };
}

export type EventType = keyof EventPayloads;

/** The record a use case hands to `events.record`, in its own transaction. */
export interface NewEvent<T extends EventType = EventType> {
  type: T;
  aggregate: { type: string; id: string };
  payload: EventPayloads[T];
}

/** An event as subscribers receive it. */
export type DomainEvent<T extends EventType = EventType> = {
  [K in T]: {
    position: bigint;
    type: K;
    aggregateType: string;
    aggregateId: string;
    payload: EventPayloads[K];
    occurredAt: Date;
    actor: { type: 'staff' | 'patient' | 'system'; id: string | null };
    requestId: string | null;
  };
}[T];
