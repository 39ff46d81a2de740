/**
 * What the schedules page shows, kept in the address bar so a reload, a bookmark or a colleague's link opens
 * the same view: the tab, the department, whose roster (a doctor `d:<id>` or an exam service `e:<id>`), the
 * calendar's month and the day view's date.
 */
export const TABS = ['week', 'calendar', 'day'] as const;
export type ScheduleTab = (typeof TABS)[number];

export type Owner = { kind: 'doctor'; id: string } | { kind: 'exam'; id: string };

export interface ScheduleView {
  tab: ScheduleTab | undefined;
  departmentId?: string;
  owner?: Owner;
  /** YYYY-MM */
  month?: string;
  /** YYYY-MM-DD */
  date?: string;
}

const ID = /^[0-9a-f-]{36}$/i;

export function ownerOf(value: string | null): Owner | undefined {
  const m = /^([de]):(.+)$/.exec(value ?? '');
  if (!m || !ID.test(m[2]!)) return undefined;
  return { kind: m[1] === 'd' ? 'doctor' : 'exam', id: m[2]! };
}

export function ownerParam(owner: Owner): string {
  return `${owner.kind === 'doctor' ? 'd' : 'e'}:${owner.id}`;
}

/** The owner as the roster API names it. */
export function ownerQuery(owner: Owner): { doctorId?: string; examTypeId?: string } {
  return owner.kind === 'doctor' ? { doctorId: owner.id } : { examTypeId: owner.id };
}

export function viewFrom(params: URLSearchParams): ScheduleView {
  const tab = params.get('tab');
  const month = params.get('month');
  const date = params.get('date');
  const departmentId = params.get('department');
  return {
    tab: (TABS as readonly string[]).includes(tab ?? '') ? (tab as ScheduleTab) : undefined,
    departmentId: departmentId && ID.test(departmentId) ? departmentId : undefined,
    owner: ownerOf(params.get('owner')),
    month: month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : undefined,
    date: date && /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(date)) ? date : undefined,
  };
}

export function paramsOf(view: ScheduleView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.tab) params.set('tab', view.tab);
  if (view.departmentId) params.set('department', view.departmentId);
  if (view.owner) params.set('owner', ownerParam(view.owner));
  if (view.month) params.set('month', view.month);
  if (view.date) params.set('date', view.date);
  return params;
}
