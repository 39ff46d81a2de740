import { fillIn, type LabelSet, type Locale, labelsFor, type MessageParams } from '@hospital/shared';
import { useCallback, useSyncExternalStore } from 'react';
import { en } from './en';
import { type MessageKey, zhCN } from './zh-CN';

export type { Locale, MessageKey };

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'console.locale';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && Object.hasOwn(dictionaries, value);
}

function saved(): Locale {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

// A module-level store: the API client reads the locale outside React (Accept-Language) too.
let current: Locale = saved();
const listeners = new Set<() => void>();

export function translate(key: MessageKey, params?: MessageParams, locale: Locale = current): string {
  return fillIn(dictionaries[locale][key], params);
}

export function currentLocale(): Locale {
  return current;
}

/** Switches the language and remembers the choice in this browser. */
export function setLocale(locale: Locale): void {
  if (locale === current) return;
  current = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // storage refused (private mode): the choice lasts until the page is closed
  }
  document.documentElement.lang = locale;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current locale, `t(key, params)`, and the shared enum labels, re-rendering on a switch. */
export function useI18n(): { locale: Locale; t: typeof translate; labels: LabelSet } {
  const locale = useSyncExternalStore(subscribe, currentLocale);
  const t = useCallback(
    (key: MessageKey, params?: MessageParams) => translate(key, params, locale),
    [locale],
  ) as typeof translate;
  return { locale, t, labels: labelsFor(locale) };
}
