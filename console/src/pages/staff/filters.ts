import { STAFF_ROLES, type StaffAccountQuery, type StaffRole } from '@hospital/shared';
import { positive } from '../../lib/paging';

/** The staff page's filters as they stand in the address bar (a link or a reload keeps them): the API's query. */
export type StaffFilters = StaffAccountQuery;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function filtersFrom(params: URLSearchParams): StaffFilters {
  const filters: StaffFilters = {
    page: positive(params.get('page'), 1),
    pageSize: Math.min(positive(params.get('pageSize'), 20), 100),
  };
  const q = params.get('q')?.trim();
  if (q) filters.q = q.slice(0, 64);
  const role = params.get('role');
  if (role && (STAFF_ROLES as readonly string[]).includes(role)) filters.role = role as StaffRole;
  const departmentId = params.get('departmentId');
  if (departmentId && UUID.test(departmentId)) filters.departmentId = departmentId;
  const active = params.get('active');
  if (active === 'true' || active === 'false') filters.active = active;
  return filters;
}

export function paramsOf(filters: StaffFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['q', 'role', 'departmentId', 'active'] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (filters.page > 1) params.set('page', String(filters.page));
  if (filters.pageSize !== 20) params.set('pageSize', String(filters.pageSize));
  return params;
}
