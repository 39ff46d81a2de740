// A small stand-in for @tarojs/taro in Jest: storage in memory, request on fetch (so msw intercepts it),
// navigation recorded, page hooks wired to simple registries. Unknown APIs are harmless no-ops.
import { useEffect } from 'react';

type AnyFn = (...args: unknown[]) => unknown;

export const storage = new Map<string, unknown>();
export const navigations: { kind: string; url: string }[] = [];
export const toasts: string[] = [];
/** Navigation bar titles set, in order. */
export const titles: string[] = [];
/** The current page: its query (`params`) and, where a test sets it, its path (H5: `/pages/…/index`). */
export const router: { params: Record<string, string>; path?: string } = { params: {} };
const pullDownHandlers = new Set<() => void>();

export function resetTaro(): void {
  storage.clear();
  navigations.length = 0;
  toasts.length = 0;
  titles.length = 0;
  router.params = {};
  router.path = undefined;
  pullDownHandlers.clear();
}

/** Runs the pull-to-refresh handlers of the mounted pages. */
export function pullDown(): void {
  for (const handler of pullDownHandlers) handler();
}

async function request(options: {
  url: string;
  method?: string;
  header?: Record<string, string>;
  data?: unknown;
}): Promise<{ statusCode: number; data: unknown; header: Record<string, string> }> {
  const res = await fetch(options.url, {
    method: options.method ?? 'GET',
    headers: options.header,
    body: options.data === undefined ? undefined : JSON.stringify(options.data),
  });
  const text = await res.text();
  let data: unknown = text;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = text;
  }
  return { statusCode: res.status, data, header: {} };
}

const nav = (kind: string) => async (options: { url?: string; delta?: number }) => {
  navigations.push({ kind, url: options.url ?? '' });
  return { errMsg: `${kind}:ok` };
};

class Events {
  private readonly handlers = new Map<string, Set<AnyFn>>();
  on(name: string, fn: AnyFn) {
    if (!this.handlers.has(name)) this.handlers.set(name, new Set());
    this.handlers.get(name)?.add(fn);
    return this;
  }
  off(name: string, fn?: AnyFn) {
    if (fn) this.handlers.get(name)?.delete(fn);
    else this.handlers.delete(name);
    return this;
  }
  trigger(name: string, ...args: unknown[]) {
    for (const fn of this.handlers.get(name) ?? []) fn(...args);
    return this;
  }
}

const impl: Record<string, unknown> = {
  Events,
  eventCenter: new Events(),
  // Test controls (named exports above; module.exports below replaces them, so they live here too).
  storage,
  navigations,
  toasts,
  titles,
  router,
  resetTaro,
  pullDown,
  request,
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => {
    storage.set(key, value);
  },
  removeStorageSync: (key: string) => {
    storage.delete(key);
  },
  showToast: async (options: { title: string }) => {
    toasts.push(options.title);
  },
  navigateTo: nav('navigateTo'),
  redirectTo: nav('redirectTo'),
  switchTab: nav('switchTab'),
  navigateBack: nav('navigateBack'),
  reLaunch: nav('reLaunch'),
  setNavigationBarTitle: async (options: { title: string }) => {
    titles.push(options.title);
  },
  setTabBarItem: async () => undefined,
  stopPullDownRefresh: () => undefined,
  login: async () => ({ code: 'weapp-code' }),
  requestPayment: async () => ({ errMsg: 'requestPayment:ok' }),
  getEnv: () => 'WEB',
  ENV_TYPE: { WEB: 'WEB', WEAPP: 'WEAPP' },
  getCurrentInstance: () => ({ router }),
  useRouter: () => router,
  usePullDownRefresh: (handler: () => void) => {
    useEffect(() => {
      pullDownHandlers.add(handler);
      return () => {
        pullDownHandlers.delete(handler);
      };
    });
  },
  useDidShow: () => undefined,
  useDidHide: () => undefined,
  useReady: () => undefined,
  useLoad: () => undefined,
  nextTick: (fn: () => void) => setTimeout(fn, 0),
  pxTransform: (n: number) => `${n / 2}px`,
  getSystemInfoSync: () => ({ windowWidth: 390, windowHeight: 844, pixelRatio: 2, platform: 'devtools' }),
  getWindowInfo: () => ({ windowWidth: 390, windowHeight: 844, pixelRatio: 2 }),
  // Layout does not exist in jsdom: every measured rectangle is empty.
  createSelectorQuery: () => {
    const results: unknown[] = [];
    let all = false;
    const rect = { width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0, scrollLeft: 0, scrollTop: 0 };
    const query = {
      select: () => {
        all = false;
        return query;
      },
      selectAll: () => {
        all = true;
        return query;
      },
      selectViewport: () => query,
      in: () => query,
      boundingClientRect: (cb?: (r: unknown) => void) => {
        const r = all ? [] : rect;
        results.push(r);
        cb?.(r);
        return query;
      },
      scrollOffset: (cb?: (r: unknown) => void) => {
        results.push(rect);
        cb?.(rect);
        return query;
      },
      fields: () => query,
      exec: (cb?: (r: unknown[]) => void) => cb?.(results),
    };
    return query;
  },
};

const noop: AnyFn = () => undefined;
const taro = new Proxy(impl, {
  get(target, key) {
    if (key === 'default') return taro;
    if (key === '__esModule') return true;
    if (typeof key === 'string' && key in target) return target[key];
    return noop;
  },
});

module.exports = taro;
