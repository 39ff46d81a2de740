import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useSyncExternalStore } from 'react';
import { type Locale, translate, useI18n } from '../i18n';
import { TABS, type Tab } from '../tabs';

// Which tab is on screen. On weapp WeChat gives every tab page its own instance of our tab bar
// (custom-tab-bar); each tab page says it is showing, and every instance follows.
let selected = 0;
const listeners = new Set<() => void>();

function select(index: number): void {
  if (index === selected || index < 0) return;
  selected = index;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const getSelected = () => selected;

/** The index (in TABS) of the tab page on screen. */
export function useSelectedTab(): number {
  return useSyncExternalStore(subscribe, getSelected, getSelected);
}

// H5 draws Taro's tab bar from app.config.ts (labels from the zh-CN dictionary): relabel it only when another
// locale is active. It can only be relabelled while a tab page is on screen.
let tabBarLocale: Locale | null = 'zh-CN';

function relabelH5TabBar(locale: Locale): void {
  if (locale === tabBarLocale) return;
  tabBarLocale = locale;
  TABS.forEach((tab, index) => {
    Taro.setTabBarItem({ index, text: translate(tab.label, undefined, locale) }).catch(() => {
      tabBarLocale = null; // not shown yet: try again from the next tab page
    });
  });
}

/** Call from every tab page: marks the tab selected when the page shows, and labels the bar in the locale. */
export function useTabPage(pagePath: Tab['pagePath']): void {
  const { locale } = useI18n();
  useDidShow(() => select(TABS.findIndex((tab) => tab.pagePath === pagePath)));
  useEffect(() => {
    // Our own bar on weapp reads the locale itself (and WeChat refuses setTabBarItem with a custom bar).
    if (process.env.TARO_ENV === 'h5') relabelH5TabBar(locale);
  }, [locale]);
}
