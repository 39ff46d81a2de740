import type { AuditQuery } from '@hospital/shared';
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

/** What the audit log is searched by (shared/src/contracts/audit.ts): from inclusive, to exclusive. */
export type AuditFilter = Omit<AuditQuery, 'page' | 'pageSize'>;

export function auditRepository(db: DbClient) {
  return {
    insert(row: AuditRow) {
      return db.auditLog.create({
        data: { ...row, changes: (row.changes ?? undefined) as Prisma.InputJsonValue | undefined },
      });
    },
    list(filter: AuditFilter, page: number, pageSize: number) {
      const where: Prisma.AuditLogWhereInput = {
        entityType: filter.entityType,
        entityId: filter.entityId,
        ...(filter.actor ? { actorName: { contains: filter.actor, mode: 'insensitive' } } : {}),
        ...(filter.action
          ? { OR: [{ action: filter.action }, { action: { startsWith: `${filter.action}.` } }] }
          : {}),
        ...(filter.from || filter.to
          ? {
              at: {
                ...(filter.from ? { gte: new Date(filter.from) } : {}),
                ...(filter.to ? { lt: new Date(filter.to) } : {}),
              },
            }
          : {}),
      };
      return paginate(
        page,
        pageSize,
        (window) => db.auditLog.findMany({ where, orderBy: { at: 'desc' }, ...window }),
        () => db.auditLog.count({ where }),
      );
    },
  };
}
