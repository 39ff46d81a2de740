import type { DbClient, Prisma } from '../../db/client';
import type { Subscriber } from '../events/dispatcher';
import type { DomainEvent } from '../events/event-types';
import { notificationRepository } from './notification.repository';

export interface OutgoingNotification {
  kind:
    | 'booking.cancelled'
    | 'booking.stop_clinic'
    | 'booking.expired'
    | 'booking.no_show'
    | 'waitlist.offered'
    | 'waitlist.cancelled';
  accountId: string;
  profileId?: string;
  bookingId?: string;
  /** The domain event it announces (once per event, whatever re-runs the subscriber). */
  eventPosition?: bigint;
  /** What the message needs to say: names, times, reasons (no ID numbers or phones). */
  payload: Record<string, unknown>;
}

/** What a patient is told about, from the event that happened; null: nothing to tell. */
export function notificationFor(e: DomainEvent): OutgoingNotification | null {
  const base = { eventPosition: e.position };
  switch (e.type) {
    case 'booking.cancelled': {
      const p = e.payload;
      const who = { accountId: p.accountId, profileId: p.profileId, bookingId: p.bookingId };
      return p.cause === 'stop_clinic'
        ? {
            ...base,
            ...who,
            kind: 'booking.stop_clinic',
            payload: { startsAt: p.startsAt, reason: p.reason, refundFen: p.refundFen },
          }
        : { ...base, ...who, kind: 'booking.cancelled', payload: { startsAt: p.startsAt, reason: p.reason } };
    }
    case 'booking.expired':
    case 'booking.no_show': {
      const p = e.payload;
      return {
        ...base,
        kind: e.type,
        accountId: p.accountId,
        profileId: p.profileId,
        bookingId: p.bookingId,
        payload: { startsAt: p.startsAt },
      };
    }
    case 'waitlist.offered': {
      const p = e.payload;
      return {
        ...base,
        kind: 'waitlist.offered',
        accountId: p.accountId,
        profileId: p.profileId,
        bookingId: p.bookingId,
        payload: { startsAt: p.startsAt, holdExpiresAt: p.holdExpiresAt },
      };
    }
    case 'waitlist.cancelled': {
      const p = e.payload;
      if (p.cause === 'patient') return null; // they left it themselves
      return {
        ...base,
        kind: 'waitlist.cancelled',
        accountId: p.accountId,
        profileId: p.profileId,
        payload: { sessionId: p.sessionId, reason: p.reason },
      };
    }
    default:
      return null;
  }
}

/**
 * The outbox: what patients are to be told, written by a subscriber of the domain events in the
 * transaction that moves its cursor, so each event is announced exactly once. A sender (WeChat subscribe
 * messages, a later issue) reads unsent rows and marks them sent.
 */
export function createNotificationService() {
  const service = {
    async enqueue(tx: DbClient, n: OutgoingNotification): Promise<void> {
      await notificationRepository(tx).insert({
        kind: n.kind,
        accountId: n.accountId,
        profileId: n.profileId,
        bookingId: n.bookingId,
        eventPosition: n.eventPosition,
        payload: n.payload as Prisma.InputJsonValue,
      });
    },
    /** Turns booking and waitlist events into outbox rows. */
    subscriber: {
      name: 'notification.outbox',
      types: [
        'booking.cancelled',
        'booking.expired',
        'booking.no_show',
        'waitlist.offered',
        'waitlist.cancelled',
      ],
      async handle(tx, event) {
        const n = notificationFor(event);
        if (n) await service.enqueue(tx, n);
      },
    } satisfies Subscriber,
  };
  return service;
}

export type NotificationService = ReturnType<typeof createNotificationService>;
