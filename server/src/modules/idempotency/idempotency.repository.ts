import type { DbClient, Prisma } from '../../db/client';

export function idempotencyRepository(db: DbClient) {
  return {
    /** Claims the key; false when a record already exists (finished or in flight). */
    async claim(scope: string, key: string, requestHash: string): Promise<boolean> {
      const n = await db.$executeRaw`
        INSERT INTO idempotency_record (scope, key, request_hash) VALUES (${scope}, ${key}, ${requestHash})
        ON CONFLICT DO NOTHING`;
      return n === 1;
    },
    find(scope: string, key: string) {
      return db.idempotencyRecord.findUnique({ where: { scope_key: { scope, key } } });
    },
    complete(scope: string, key: string, status: number, body: unknown) {
      return db.idempotencyRecord.update({
        where: { scope_key: { scope, key } },
        data: { status, body: (body ?? null) as Prisma.InputJsonValue },
      });
    },
    release(scope: string, key: string) {
      return db.idempotencyRecord.deleteMany({ where: { scope, key, status: null } });
    },
    purgeBefore(cutoff: Date) {
      return db.idempotencyRecord.deleteMany({ where: { createdAt: { lt: cutoff } } });
    },
  };
}
