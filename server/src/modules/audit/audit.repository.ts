import type { DbClient, Prisma } from '../../db/client';
import { paginate } from '../../db/paginate';

export interface AuditRow {
  actorType: 'staff' | 'patient' | 'system';
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: Record<string, { from: unknown; to: unknown }> | null;
  requestId: string | null;
}

export function auditRepository(db: DbClient) {
  return {
    insert(row: AuditRow) {
      return db.auditLog.create({
        data: { ...row, changes: (row.changes ?? undefined) as Prisma.InputJsonValue | undefined },
      });
    },
    list(filter: { entityType?: string; entityId?: string }, page: number, pageSize: number) {
      const where = { entityType: filter.entityType, entityId: filter.entityId };
      return paginate(
        page,
        pageSize,
        (window) => db.auditLog.findMany({ where, orderBy: { at: 'desc' }, ...window }),
        () => db.auditLog.count({ where }),
      );
    },
  };
}
