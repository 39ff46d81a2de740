import type { Clock } from '../../core/clock';
import type { Db, DbClient } from '../../db/client';
import type { AuditService } from '../audit/audit.service';
import type { CatalogService, HospitalContext } from '../catalog/catalog.service';
import type { NotificationService, OutgoingNotification } from '../notification/notification.service';
import type { BookingRow } from './booking.repository';
import type { PaymentPort } from './payment-port';

/** What every booking use case takes as its first argument, wired once by `createBookingService`. */
export interface BookingDeps {
  /**
   * The unit-of-work client (core/unit-of-work.ts): `db.$transaction` has one set of options for every unit
   * of work — at release time hundreds of requests queue for the pool's connections and wait for one rather
   * than fail.
   */
  db: Db;
  clock: Clock;
  catalog: CatalogService;
  audit: AuditService;
  notifications: NotificationService;
  payments: PaymentPort;
}

/** The booking's name in INVALID_STATE messages. */
export const BOOKING = { zh: '预约', en: 'The booking' };

/** The hospital's rules and time zone, and the instant a use case decides at. */
export async function context({
  catalog,
  clock,
}: BookingDeps): Promise<{ hospital: HospitalContext; now: Date }> {
  const hospital = await catalog.hospitalContext();
  return { hospital, now: clock.now() };
}

/** An outbox notification about one booking, in the transaction that changed it. */
export const tellPatient = (
  { notifications }: BookingDeps,
  tx: DbClient,
  kind: OutgoingNotification['kind'],
  b: Pick<BookingRow, 'id' | 'accountId' | 'profileId' | 'startsAt'>,
  more: Record<string, unknown> = {},
) =>
  notifications.enqueue(tx, {
    kind,
    accountId: b.accountId,
    profileId: b.profileId,
    bookingId: b.id,
    payload: { startsAt: b.startsAt.toISOString(), ...more },
  });
