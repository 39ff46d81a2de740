import type { DbClient, Prisma } from '../../db/client';
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
  /** What the message needs to say: names, times, reasons (no ID numbers or phones). */
  payload: Record<string, unknown>;
}

/**
 * The outbox: notifications are rows written in the same transaction as the event they announce, so a
 * patient is told about exactly what happened. A sender (WeChat subscribe messages, a later issue) reads
 * unsent rows and marks them sent.
 */
export function createNotificationService() {
  return {
    async enqueue(tx: DbClient, n: OutgoingNotification): Promise<void> {
      await notificationRepository(tx).insert({
        kind: n.kind,
        accountId: n.accountId,
        profileId: n.profileId,
        bookingId: n.bookingId,
        payload: n.payload as Prisma.InputJsonValue,
      });
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
