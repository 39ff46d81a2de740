import {
  fillIn,
  type LabelSet,
  type Locale,
  type LocalNamed,
  labelsFor,
  type MessageParams,
  localName as sharedLocalName,
} from '@hospital/shared';
import Taro from '@tarojs/taro';
import { useCallback, useSyncExternalStore } from 'react';
import { en } from './en';
import { type MessageKey, zhCN } from './zh-CN';

export type { Locale, MessageKey };

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
export const LOCALES = Object.keys(dictionaries) as Locale[];
const STORAGE_KEY = 'locale';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && value in dictionaries;
}

// A module-level store rather than a context: on weapp every page is its own root, and this needs no provider.
const saved: unknown = Taro.getStorageSync(STORAGE_KEY);
let current: Locale = isLocale(saved) ? saved : 'zh-CN';
const listeners = new Set<() => void>();

export type Params = MessageParams;

export function translate(key: MessageKey, params?: Params, locale: Locale = current): string {
  return fillIn(dictionaries[locale][key], params);
}

/**
 * The word for an enum value (a status, a title, a relationship…) from the shared label sets, in the current
 * locale. Call it while rendering a component that uses `useI18n()`, which re-renders it on a locale switch.
 */
export function label<K extends keyof LabelSet>(
  kind: K,
  value: keyof LabelSet[K],
  locale: Locale = current,
): string {
  return labelsFor(locale)[kind][value] as string;
}

/** A name from the data (a doctor's, a department's) in the reader's language: English where the data has it. */
export function localName(item: LocalNamed, locale: Locale = current): string {
  return sharedLocalName(item, locale);
}

export function currentLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale): void {
  if (locale === current) return;
  current = locale;
  Taro.setStorageSync(STORAGE_KEY, locale);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const getLocale = () => current;

export function useI18n() {
  const locale = useSyncExternalStore(subscribe, getLocale, getLocale);
  const t = useCallback((key: MessageKey, params?: Params) => translate(key, params, locale), [locale]);
  return { t, locale, setLocale };
}
