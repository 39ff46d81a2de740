import type { DbClient, Prisma } from '../../db/client';

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
    async list(filter: { entityType?: string; entityId?: string }, page: number, pageSize: number) {
      const where = { entityType: filter.entityType, entityId: filter.entityId };
      const [items, total] = await Promise.all([
        db.auditLog.findMany({ where, orderBy: { at: 'desc' }, skip: (page - 1) * pageSize, take: pageSize }),
        db.auditLog.count({ where }),
      ]);
      return { items, total };
    },
  };
}
