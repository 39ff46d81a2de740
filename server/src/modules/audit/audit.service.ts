import type { AuditEntry } from '@hospital/shared';
import type { Actor } from '../../core/actor';
import type { Db, DbClient } from '../../db/client';
import { type AuditFilter, auditRepository } from './audit.repository';

type Snapshot = Record<string, unknown> | null | undefined;

const IGNORED = new Set(['createdAt', 'updatedAt']);

function comparable(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/** The fields that differ between two snapshots, as `{ field: { from, to } }`. */
export function diff(before: Snapshot, after: Snapshot): Record<string, { from: unknown; to: unknown }> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of keys) {
    if (IGNORED.has(key)) continue;
    const from = comparable(before?.[key]) ?? null;
    const to = comparable(after?.[key]) ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: Snapshot;
  after?: Snapshot;
}

/**
 * Who did what, when. `record` takes the caller's transaction so the audit row commits or rolls back with
 * the change it describes; a change nobody can account for never lands.
 */
export function createAuditService(db: Db) {
  return {
    async record(tx: DbClient, actor: Actor, event: AuditEvent): Promise<void> {
      await auditRepository(tx).insert({
        actorType: actor.type,
        actorId: actor.id,
        actorName: actor.name,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId,
        changes:
          event.before === undefined && event.after === undefined ? null : diff(event.before, event.after),
        requestId: actor.requestId,
      });
    },

    async list(filter: AuditFilter, page: number, pageSize: number) {
      const { items, total } = await auditRepository(db).list(filter, page, pageSize);
      return {
        items: items.map(
          (r): AuditEntry => ({
            id: r.id,
            at: r.at.toISOString(),
            actorType: r.actorType,
            actorId: r.actorId,
            actorName: r.actorName,
            action: r.action,
            entityType: r.entityType,
            entityId: r.entityId,
            changes: (r.changes as AuditEntry['changes']) ?? null,
            requestId: r.requestId,
          }),
        ),
        total,
        page,
        pageSize,
      };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
