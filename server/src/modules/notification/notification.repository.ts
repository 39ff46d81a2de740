import type { DbClient, Prisma } from '../../db/client';

/** The notification outbox table. */
export function notificationRepository(db: DbClient) {
  return {
    insert(row: {
      kind: string;
      accountId: string;
      profileId?: string;
      bookingId?: string;
      payload: Prisma.InputJsonValue;
    }) {
      return db.notificationOutbox.create({ data: row });
    },
  };
}
