import { z } from 'zod';
import { pageOf } from './common';
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
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

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
