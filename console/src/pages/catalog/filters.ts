import { positive } from '../../lib/paging';

export const CATALOG_TABS = ['departments', 'doctors', 'rooms', 'exams'] as const;
export type CatalogTab = (typeof CATALOG_TABS)[number];
export type StatusFilter = 'active' | 'inactive' | 'all';

/** The catalog page's tab and filters as they stand in the address bar (a link or a reload keeps them). */
export interface CatalogFilters {
  tab: CatalogTab;
  /** Part of a name, English name or code, any case. */
  q?: string;
  status: StatusFilter;
  departmentId?: string;
  /** Rooms only: CONSULTING, EXAM or WINDOW. */
  kind?: string;
  page: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function filtersFrom(params: URLSearchParams): CatalogFilters {
  const tab = params.get('tab');
  const status = params.get('status');
  const filters: CatalogFilters = {
    tab: (CATALOG_TABS as readonly string[]).includes(tab ?? '') ? (tab as CatalogTab) : 'departments',
    status: status === 'inactive' || status === 'all' ? status : 'active',
    page: positive(params.get('page'), 1),
  };
  const q = params.get('q')?.trim();
  if (q) filters.q = q.slice(0, 64);
  const departmentId = params.get('departmentId');
  if (departmentId && UUID.test(departmentId)) filters.departmentId = departmentId;
  const kind = params.get('kind');
  if (kind && /^[A-Z]{1,20}$/.test(kind)) filters.kind = kind;
  return filters;
}

export function paramsOf(filters: CatalogFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.tab !== 'departments') params.set('tab', filters.tab);
  if (filters.q) params.set('q', filters.q);
  if (filters.status !== 'active') params.set('status', filters.status);
  if (filters.departmentId) params.set('departmentId', filters.departmentId);
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}

/** Whether a row passes the filters (the admin lists are whole; filtering them is the page's). */
export function matches(
  row: {
    name: string;
    nameEn?: string | null;
    code: string;
    active: boolean;
    departmentId?: string | null;
    kind?: string;
  },
  f: CatalogFilters,
): boolean {
  if (f.status === 'active' && !row.active) return false;
  if (f.status === 'inactive' && row.active) return false;
  if (f.departmentId && row.departmentId !== f.departmentId) return false;
  if (f.kind && row.kind !== f.kind) return false;
  if (f.q) {
    const q = f.q.toLowerCase();
    if (![row.name, row.nameEn ?? '', row.code].some((text) => text.toLowerCase().includes(q))) return false;
  }
  return true;
}
