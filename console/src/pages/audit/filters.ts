import type { AuditQuery } from '@hospital/shared';
import { addDays, zonedInstant } from '@hospital/shared';
import { positive } from '../../lib/paging';

/**
 * The audit page's filters as they stand in the address bar (so a link or a reload keeps them): the API's
 * query, but `from` and `to` are hospital-local days (YYYY-MM-DD, both included), not instants.
 */
export type AuditFilters = AuditQuery;

const TEXT = ['actor', 'action', 'entityType', 'entityId'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function filtersFrom(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {
    page: positive(params.get('page'), 1),
    pageSize: Math.min(positive(params.get('pageSize'), 20), 200),
  };
  for (const key of TEXT) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  for (const key of ['from', 'to'] as const) {
    const value = params.get(key);
    if (value && DAY.test(value)) filters[key] = value;
  }
  return filters;
}

export function paramsOf(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of [...TEXT, 'from', 'to'] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (filters.page > 1) params.set('page', String(filters.page));
  if (filters.pageSize !== 20) params.set('pageSize', String(filters.pageSize));
  return params;
}

/**
 * The API's query: the days picked become the instants of the hospital's local midnights — from the first
 * day's start to the end of the last — whatever the time zone of the browser.
 */
export function auditQueryOf(filters: AuditFilters, zone: string): AuditQuery {
  const { from, to, ...rest } = filters;
  return {
    ...rest,
    ...(from ? { from: zonedInstant(from, '00:00', zone).toISOString() } : {}),
    ...(to ? { to: zonedInstant(addDays(to, 1), '00:00', zone).toISOString() } : {}),
  };
}
