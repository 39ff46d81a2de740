import type { DbClient, Prisma } from '../../db/client';

/** The notification outbox table. */
export function notificationRepository(db: DbClient) {
  return {
    /** Adds a notification; one announcing an event already announced (a subscriber re-run) adds nothing. */
    async insert(row: {
      kind: string;
      accountId: string;
      profileId?: string;
      bookingId?: string;
      eventPosition?: bigint;
      payload: Prisma.InputJsonValue;
    }) {
      await db.notificationOutbox.createMany({ data: [row], skipDuplicates: true });
    },
  };
}
