import { AsyncLocalStorage } from 'node:async_hooks';
import { type LabelSet, type Locale, labelsFor } from '@hospital/shared';

/**
 * The locale of the request being served, for presenters that put labels into answers (`statusLabel`,
 * `titleLabel`…). The request-context middleware sets it from Accept-Language; outside a request (jobs, the
 * seed, notifications) it is the hospital's default, Simplified Chinese.
 */
const requestLocale = new AsyncLocalStorage<Locale>();

export const DEFAULT_LOCALE: Locale = 'zh-CN';

export function inLocale<T>(locale: Locale, fn: () => T): T {
  return requestLocale.run(locale, fn);
}

export function currentLocale(): Locale {
  return requestLocale.getStore() ?? DEFAULT_LOCALE;
}

/** The labels of the current request's locale. */
export function labels(): LabelSet {
  return labelsFor(currentLocale());
}
