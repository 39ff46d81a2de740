import { dateString } from '@hospital/shared';
import type { Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import type { Tx, UnitOfWork } from '../../core/unit-of-work';
import type { Db } from '../../db/client';
import type { AuditService } from '../audit/audit.service';
import type { CatalogService, HospitalContext } from '../catalog/catalog.service';
import type { EventLog } from '../events/event-log';
import type { BookingFacts, EventPayloads, EventType } from '../events/event-types';
import type { BookingRow } from './booking.repository';
import type { PaymentPort } from './payment-port';

/** What every booking use case takes as its first argument, wired once by `createBookingService`. */
export interface BookingDeps {
  /** Each use case's one transaction, with its instant and the hospital's rules (core/unit-of-work.ts). */
  uow: UnitOfWork<HospitalContext>;
  /** Reads outside a unit of work (inside one, the same calls join its transaction). */
  db: Db;
  clock: Clock;
  catalog: CatalogService;
  audit: AuditService;
  /** Domain events, recorded in the transaction of the change (notifications and later modules subscribe). */
  events: EventLog;
  payments: PaymentPort;
}

/** The booking's name in INVALID_STATE messages. */
export const BOOKING = { zh: '预约', en: 'The booking' };

/** The hospital's rules and time zone, and the instant a read decides at (use cases get theirs from `uow`). */
export async function context({
  catalog,
  clock,
}: BookingDeps): Promise<{ hospital: HospitalContext; now: Date }> {
  const hospital = await catalog.hospitalContext();
  return { hospital, now: clock.now() };
}

type BookingEvent = Extract<EventType, `booking.${string}`>;
type BookingSource = Pick<
  BookingRow,
  | 'id'
  | 'accountId'
  | 'profileId'
  | 'sessionId'
  | 'slotId'
  | 'departmentId'
  | 'doctorId'
  | 'examTypeId'
  | 'date'
  | 'startsAt'
  | 'endsAt'
  | 'channel'
>;

/** What every booking event says about its booking. */
export const bookingFacts = (b: BookingSource): BookingFacts => ({
  bookingId: b.id,
  accountId: b.accountId,
  profileId: b.profileId,
  sessionId: b.sessionId,
  slotId: b.slotId,
  departmentId: b.departmentId,
  doctorId: b.doctorId,
  examTypeId: b.examTypeId,
  date: dateString(b.date),
  startsAt: b.startsAt.toISOString(),
  endsAt: b.endsAt.toISOString(),
  channel: b.channel,
});

type MoreFacts<T extends BookingEvent> = keyof Omit<EventPayloads[T], keyof BookingFacts> extends never
  ? []
  : [Omit<EventPayloads[T], keyof BookingFacts>];

/** One booking's event: its facts and what the event type adds. */
export const bookingEvent = <T extends BookingEvent>(type: T, b: BookingSource, ...more: MoreFacts<T>) => ({
  type,
  aggregate: { type: 'booking', id: b.id },
  payload: { ...bookingFacts(b), ...more[0] } as EventPayloads[T],
});

/** Records what happened to one booking, in the transaction that changed it (after its row lock). */
export const recordBooking = <T extends BookingEvent>(
  { events }: BookingDeps,
  tx: Tx,
  actor: Actor,
  type: T,
  b: BookingSource,
  ...more: MoreFacts<T>
) => events.record(tx, actor, bookingEvent(type, b, ...more));
