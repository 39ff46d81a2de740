// The three tab pages, in order: one list for app.config.ts (WeChat's tabBar.list, which must stay declared even
// when the bar is our own) and for the tab bar we draw on weapp (custom-tab-bar). Plain data: app.config.ts is
// evaluated at build time, outside the app.
import type { MessageKey } from './i18n/zh-CN';

export interface Tab {
  pagePath: 'pages/home/index' | 'pages/bookings/index' | 'pages/me/index';
  label: MessageKey;
  icon: string;
  activeIcon: string;
}

export const TABS: readonly Tab[] = [
  {
    pagePath: 'pages/home/index',
    label: 'tab.home',
    icon: 'assets/tab/home.png',
    activeIcon: 'assets/tab/home-active.png',
  },
  {
    pagePath: 'pages/bookings/index',
    label: 'tab.bookings',
    icon: 'assets/tab/bookings.png',
    activeIcon: 'assets/tab/bookings-active.png',
  },
  {
    pagePath: 'pages/me/index',
    label: 'tab.me',
    icon: 'assets/tab/me.png',
    activeIcon: 'assets/tab/me-active.png',
  },
];

export const TAB_COLOR = '#6b7785';
