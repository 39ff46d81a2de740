import { z } from 'zod';
import { instantSchema, pageOf } from './common';
import type { EndpointContracts } from './endpoints';

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actorType: z.enum(['staff', 'patient', 'system']),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    /** Only the fields that changed: `{ field: { from, to } }`. */
    changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuery = z.strictObject({
  /** Who: part of the actor's name (a staff username, `system`), any case. */
  actor: z.string().trim().max(64).optional(),
  /** What: an action (`staff.password_change`), or its first part (`staff`) for every action on it. */
  action: z.string().trim().max(80).optional(),
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(64).optional(),
  /** When: from this instant (inclusive) … */
  from: instantSchema.optional(),
  /** … to this one (exclusive). The console sends the hospital's local midnights of the days picked. */
  to: instantSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** The audit log's search: who, what, which entity, when, and the page. */
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditPage = pageOf(auditEntrySchema).meta({ id: 'AuditPage' });

// ---- endpoints (method, path and access: shared/src/api/endpoints.ts)

export const auditEndpoints = {
  'audit.list': {
    summary: 'Audit log: who changed what, newest first',
    tags: ['admin'],
    query: auditQuery,
    response: auditPage,
  },
} as const satisfies EndpointContracts;
