import type { Action } from '@hospital/shared';
import type { ComponentType } from 'react';
import type { MessageKey } from './i18n';

/**
 * The console's pages, once: the menu, the home page's links and the routes' permission checks are all made
 * from this list. `action`: the permission (shared/src/policies.ts) a page needs; none for every member of staff.
 */
export interface ConsolePage {
  path: string;
  title: MessageKey;
  summary?: MessageKey;
  action?: Action;
  /** Shown in the side menu (the password page is in the user menu instead). */
  inMenu: boolean;
  /**
   * The page's code, loaded when the page is first opened: each page is its own chunk, so signing in does not
   * download the schedule editor (docs/decisions/027-staff-console.md).
   */
  load: () => Promise<ComponentType>;
}

export const PAGES = {
  home: {
    path: '/',
    title: 'menu.home',
    inMenu: true,
    load: () => import('./pages/home').then((m) => m.HomePage),
  },
  schedules: {
    path: '/schedules',
    title: 'menu.schedules',
    summary: 'page.schedules.summary',
    action: 'session.list',
    inMenu: true,
    load: () => import('./pages/schedules').then((m) => m.SchedulesPage),
  },
  audit: {
    path: '/audit',
    title: 'menu.audit',
    summary: 'page.audit.summary',
    action: 'audit.read',
    inMenu: true,
    load: () => import('./pages/audit').then((m) => m.AuditPage),
  },
  staff: {
    path: '/staff',
    title: 'menu.staff',
    summary: 'page.staff.summary',
    action: 'account.manage',
    inMenu: true,
    load: () => import('./pages/staff').then((m) => m.StaffPage),
  },
  desk: {
    path: '/desk',
    title: 'menu.desk',
    summary: 'page.desk.summary',
    action: 'booking.checkIn',
    inMenu: true,
    load: () => import('./pages/desk').then((m) => m.DeskPage),
  },
  deskSlip: {
    path: '/desk/slip/:bookingId',
    title: 'menu.deskSlip',
    summary: 'page.deskSlip.summary',
    action: 'booking.checkIn',
    inMenu: false,
    load: () => import('./pages/desk/slip').then((m) => m.SlipPage),
  },
  catalog: {
    path: '/catalog',
    title: 'menu.catalog',
    summary: 'page.catalog.summary',
    action: 'catalog.manage',
    inMenu: true,
    load: () => import('./pages/catalog').then((m) => m.CatalogPage),
  },
  rules: {
    path: '/rules',
    title: 'menu.rules',
    summary: 'page.rules.summary',
    action: 'hospital.read',
    inMenu: true,
    load: () => import('./pages/rules').then((m) => m.RulesPage),
  },
  password: {
    path: '/password',
    title: 'menu.password',
    summary: 'page.password.summary',
    inMenu: false,
    load: () => import('./pages/password').then((m) => m.PasswordPage),
  },
} as const satisfies Record<string, ConsolePage>;

export type PageName = keyof typeof PAGES;

/** The pages `can` opens, in the menu's order. */
export function pagesFor(can: (action: Action) => boolean): ConsolePage[] {
  return Object.values(PAGES as Record<PageName, ConsolePage>).filter((p) => !p.action || can(p.action));
}
