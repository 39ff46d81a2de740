import { route } from '../../http/route';
import type { Services } from '../services';

export function auditRoutes({ audit }: Services) {
  return [route('audit.list', { handler: ({ query }) => audit.list(query, query.page, query.pageSize) })];
}
