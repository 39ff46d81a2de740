import { auditEntrySchema, auditQuery, pageOf } from '@hospital/shared';
import { route } from '../../http/route';
import type { Services } from '../services';

export function auditRoutes({ audit }: Services) {
  return [
    route({
      method: 'get',
      path: '/api/v1/admin/audit',
      summary: 'Audit log: who changed what, newest first',
      tags: ['admin'],
      access: 'audit.read',
      query: auditQuery,
      response: pageOf(auditEntrySchema).meta({ id: 'AuditPage' }),
      handler: ({ query }) => audit.list(query, query.page, query.pageSize),
    }),
  ];
}
