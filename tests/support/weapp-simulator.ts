/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Runs the compiled weapp build (what WeChat DevTools opens) in Node: Tencent's miniprogram-simulate renders the
// pages' WXML with WeChat's own template compiler (wcc) inside jsdom, and this file supplies what the WeChat
// client would — `App`, `Page`, `getApp`, `getCurrentPages` and the `wx` APIs the app calls, with `wx.request`
// going to a real server over HTTP. Taro's runtime, React and NutUI run exactly as they do on a phone.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// biome-ignore lint/suspicious/noExplicitAny: WeChat's globals are untyped here by nature
type Any = any;

interface SimulatedComponent {
  dom: HTMLElement;
  instance: Any;
  attach(parent: HTMLElement): void;
  detach(): void;
  querySelector(selector: string): SimulatedComponent | undefined;
  querySelectorAll(selector: string): SimulatedComponent[];
  dispatchEvent(name: string, detail?: Record<string, unknown>): void;
  triggerPageLifeTime?(name: string): void;
}

interface Simulate {
  load(componentPath: string, options: Record<string, unknown>): string;
  render(id: string): SimulatedComponent;
}

const ROOT = path.resolve(__dirname, '../..');

/**
 * Builds the weapp with `apiBase` as its API origin into `outDir` (≈ 30 s), unless `outDir` already holds a
 * build made for that origin (set WEAPP_BUILD_DIR to reuse one between runs).
 */
export function buildWeapp(outDir: string, apiBase: string): void {
  const stamp = path.join(outDir, '.api-base');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === apiBase) return;
  const build = spawnSync('npx', ['taro', 'build', '--type', 'weapp', '--disable-global-config'], {
    cwd: path.join(ROOT, 'miniapp'),
    env: { ...process.env, NODE_ENV: 'production', TARO_OUTPUT_ROOT: outDir, TARO_APP_API_BASE: apiBase },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`weapp build failed:\n${build.stdout}\n${build.stderr}`);
  fs.writeFileSync(stamp, apiBase);
}

export interface WeappOptions {
  /** The compiled app (miniapp/dist/weapp or a test build). */
  dir: string;
  /** The origin the build was made for; requests to it are sent to `server` instead. */
  builtFor: string;
  /** Where the API really is (a server started by the test). */
  server: string;
  /** What `wx.login()` answers: a fresh code each call, as WeChat's. */
  loginCode: () => string;
}

export interface OpenPage {
  route: string;
  query: Record<string, string>;
  component: SimulatedComponent;
  instance: Any;
  /** The app's own tab bar (custom-tab-bar) on a tab page: WeChat gives each tab page an instance. */
  tabBar?: SimulatedComponent;
}

/** Everything the mini-program did that a person would see or WeChat would be asked to do. */
export interface WeappRecord {
  requests: Array<{ method: string; url: string; status: number }>;
  logins: number;
  toasts: string[];
  modals: Array<{ title?: string; content?: string }>;
  navigations: Array<{ kind: string; url: string }>;
}

/** The app running in the simulator: its page stack, what it asked of WeChat, and what is on screen. */
export class WeappSimulator {
  readonly record: WeappRecord = { requests: [], logins: 0, toasts: [], modals: [], navigations: [] };
  readonly stack: OpenPage[] = [];
  private readonly storage = new Map<string, unknown>();
  private readonly loaded = new Map<string, string>();
  private readonly host: HTMLElement;
  private readonly simulate: Simulate;
  private readonly tabPages: string[];
  private readonly customTabBar: boolean;
  private app: Any;
  private pending = 0;

  constructor(private readonly opts: WeappOptions) {
    const appJson = JSON.parse(fs.readFileSync(path.join(opts.dir, 'app.json'), 'utf8'));
    this.tabPages = (appJson.tabBar?.list ?? []).map((t: { pagePath: string }) => t.pagePath);
    this.customTabBar = appJson.tabBar?.custom === true;
    this.host = document.createElement('div');
    document.body.appendChild(this.host);
    this.installGlobals();
    // Loaded after the globals: it registers `Component` on load.
    this.simulate = require('miniprogram-simulate') as Simulate;
    // Taro gives a component without behaviors `{}`, which WeChat takes and j-component (a list only) does not.
    const g = globalThis as Any;
    const register = g.Component;
    g.Component = (options: Any) =>
      register({ ...options, behaviors: Array.isArray(options.behaviors) ? options.behaviors : [] });
  }

  /** Runs app.js (App() and the shared chunks), then opens the first page, as WeChat does at launch. */
  launch(route: string, query: Record<string, string> = {}): OpenPage {
    require(path.join(this.opts.dir, 'app.js'));
    if (!this.app) throw new Error('app.js did not call App()');
    this.app.onLaunch?.({ path: route, query, scene: 1001 });
    this.app.onShow?.({ path: route, query, scene: 1001 });
    return this.open(route, query);
  }

  /** The page on top of the stack. */
  get current(): OpenPage {
    const top = this.stack.at(-1);
    if (!top) throw new Error('no page is open');
    return top;
  }

  /** The visible text of the current page, whitespace collapsed. */
  text(): string {
    return (this.current.component.dom.textContent ?? '').replace(/\s+/g, ' ').trim();
  }

  /** Waits until every request has been answered and the page has rendered, or `predicate` holds. */
  async settle(predicate?: () => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await new Promise((r) => setTimeout(r, 50));
      if (predicate ? predicate() : this.pending === 0) {
        await new Promise((r) => setTimeout(r, 50)); // Taro batches setData on the next tick
        if (predicate || this.pending === 0) return;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `the page did not settle in ${timeoutMs} ms; on screen: ${this.text().slice(0, 600)}`,
        );
      }
    }
  }

  /** Waits for `text` to be on the current page. */
  async waitForText(text: string | RegExp, timeoutMs = 15_000): Promise<void> {
    const has = () => (typeof text === 'string' ? this.text().includes(text) : text.test(this.text()));
    await this.settle(has, timeoutMs);
  }

  /**
   * Taps the innermost element of the current page whose text is `text` (or contains it, when a RegExp): the
   * event goes through WeChat's `bindtap` to Taro's event handler, as a finger's would.
   */
  tap(text: string | RegExp): void {
    this.tapIn(this.current.component, text);
  }

  /** The tab labels of the tab bar on the current page, space-separated ('' on a page without one). */
  tabBarText(): string {
    const labels = this.current.tabBar?.dom.querySelectorAll('wx-text') ?? [];
    return Array.from(labels, (label) => label.textContent?.trim()).join(' ');
  }

  /** The tab bar of the current page, which a test reads for its classes (elderly mode). */
  tabBarElement(): HTMLElement {
    const bar = this.current.tabBar;
    if (!bar) throw new Error(`no tab bar on ${this.current.route}`);
    return bar.dom;
  }

  /** Taps a tab of the app's own tab bar by its label, as a finger would. */
  tapTab(label: string): void {
    const bar = this.current.tabBar;
    if (!bar) throw new Error(`no tab bar on ${this.current.route}`);
    this.tapIn(bar, label);
  }

  /**
   * The first element of the current page with the class `name` (a button drawn without text: the bar's back
   * arrow, a switch). WeChat's simulator prefixes a page's classes with `main--`.
   */
  element(name: string): HTMLElement | null {
    return this.current.component.dom.querySelector(`.main--${name}, .${name}`);
  }

  /** Taps the first element of the current page with the class `name`. */
  tapElement(name: string): void {
    const target = this.element(name);
    if (!target) throw new Error(`no .${name} on ${this.current.route}`);
    this.dispatchTapFrom(this.current.component, target);
  }

  private tapIn(root: SimulatedComponent, text: string | RegExp): void {
    const matches = (el: Element) => {
      const t = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
      return typeof text === 'string' ? t === text : text.test(t);
    };
    // Taro renders each element with its id in `data-sid` (and the same as the WXML id). The navigation bar's
    // title repeats a button's words on some pages (确认预约) and is no button.
    const candidates = Array.from(root.dom.querySelectorAll('[data-sid]')).filter(
      (el) => matches(el) && !el.closest('.main--nav-bar'),
    );
    // The innermost match: its own children do not match too.
    const target = candidates.find((el) => !Array.from(el.querySelectorAll('[data-sid]')).some(matches));
    if (!target)
      throw new Error(`nothing to tap with text ${String(text)}; on screen: ${this.text().slice(0, 600)}`);
    this.dispatchTapFrom(root, target);
  }

  /** Climbs from `target` to the nearest element that listens for taps (Taro binds `tap` on views with onClick). */
  private dispatchTapFrom(root: SimulatedComponent, target: Element): void {
    let el: Element | null = target.closest('[data-sid]');
    while (el && el !== root.dom) {
      const sid = el.getAttribute('data-sid');
      const wrapper = sid ? root.querySelector(`#${sid}`) : undefined;
      if (wrapper) {
        wrapper.dispatchEvent('tap', {});
        return;
      }
      el = el.parentElement?.closest('[data-sid]') ?? null;
    }
    throw new Error(`no tappable element around ${target.outerHTML.slice(0, 200)}`);
  }

  /** A value the app keeps in WeChat storage (the API client's tokens are `auth.access`, `auth.refresh`). */
  stored(key: string): unknown {
    return this.storage.get(key);
  }

  /**
   * `wx.switchTab` as the app's code calls it, from any page (the app draws its own tab bar, shown only on tab
   * pages: tap it with `tapTab`).
   */
  switchTab(route: string): void {
    this.navigate('switchTab', `/${route}`);
  }

  private open(url: string, extra: Record<string, string> = {}): OpenPage {
    const [pathPart, search = ''] = url.replace(/^\//, '').split('?');
    const route = pathPart!;
    const query = { ...Object.fromEntries(new URLSearchParams(search)), ...extra };
    // A page's script runs once (its Page() call registers the route, as in WeChat); later visits make new
    // instances of the same definition.
    const component = this.simulate.render(this.loadComponent(route));
    const page: OpenPage = { route, query, component, instance: component.instance };
    component.instance.route = route;
    component.instance.__route__ = route;
    component.instance.options = query;
    this.stack.push(page);
    component.attach(this.host);
    if (this.customTabBar && this.tabPages.includes(route)) {
      page.tabBar = this.simulate.render(this.loadComponent('custom-tab-bar/index'));
      page.tabBar.attach(this.host);
    }
    component.instance.onLoad?.(query);
    component.instance.onShow?.();
    component.instance.onReady?.();
    return page;
  }

  private loadComponent(name: string): string {
    let id = this.loaded.get(name);
    if (!id) {
      id = this.simulate.load(path.join(this.opts.dir, name), {
        rootPath: this.opts.dir,
        compiler: 'official',
      });
      this.loaded.set(name, id);
    }
    return id;
  }

  private close(page: OpenPage): void {
    page.instance.onUnload?.();
    page.tabBar?.detach();
    page.component.detach();
  }

  private navigate(kind: string, url: string): void {
    this.record.navigations.push({ kind, url });
    const route = url.replace(/^\//, '').split('?')[0]!;
    if (kind === 'switchTab' || kind === 'reLaunch') {
      while (this.stack.length) this.close(this.stack.pop()!);
    } else if (kind === 'redirectTo') {
      const top = this.stack.pop();
      if (top) this.close(top);
    } else {
      this.current.instance.onHide?.();
    }
    if (kind === 'switchTab' && !this.tabPages.includes(route))
      throw new Error(`switchTab to a non-tab page ${url}`);
    this.open(url);
  }

  private back(delta = 1): void {
    for (let i = 0; i < delta && this.stack.length > 1; i += 1) this.close(this.stack.pop()!);
    this.current.instance.onShow?.();
  }

  private installGlobals(): void {
    const g = globalThis as Any;
    const call = (options: Any, result: Any, error?: Any) => {
      queueMicrotask(() => {
        if (error) options?.fail?.(error);
        else options?.success?.(result);
        options?.complete?.(error ?? result);
      });
    };
    const ok = (name: string) => ({ errMsg: `${name}:ok` });
    const info = {
      brand: 'devtools',
      model: 'iPhone 12',
      pixelRatio: 3,
      screenWidth: 390,
      screenHeight: 844,
      windowWidth: 390,
      windowHeight: 760,
      statusBarHeight: 47,
      language: 'zh_CN',
      version: '8.0.50',
      system: 'iOS 17.0',
      platform: 'devtools',
      SDKVersion: '3.6.0',
      safeArea: { top: 47, bottom: 810, left: 0, right: 390, width: 390, height: 763 },
      theme: 'light',
    };
    const wx: Any = {
      getSystemInfoSync: () => info,
      getSystemInfo: (o: Any) => call(o, info),
      getWindowInfo: () => info,
      getDeviceInfo: () => info,
      getAppBaseInfo: () => info,
      getSystemSetting: () => ({}),
      getAppAuthorizeSetting: () => ({}),
      getMenuButtonBoundingClientRect: () => ({
        top: 51,
        bottom: 83,
        left: 296,
        right: 383,
        width: 87,
        height: 32,
      }),
      getLaunchOptionsSync: () => ({ path: 'pages/home/index', query: {}, scene: 1001 }),
      getEnterOptionsSync: () => ({ path: 'pages/home/index', query: {}, scene: 1001 }),
      canIUse: () => true,
      getStorageSync: (k: string) => this.storage.get(k) ?? '',
      setStorageSync: (k: string, v: unknown) => void this.storage.set(k, v),
      removeStorageSync: (k: string) => void this.storage.delete(k),
      clearStorageSync: () => this.storage.clear(),
      getStorage: (o: Any) =>
        this.storage.has(o.key)
          ? call(o, { data: this.storage.get(o.key), errMsg: 'getStorage:ok' })
          : call(o, undefined, { errMsg: 'getStorage:fail data not found' }),
      setStorage: (o: Any) => {
        this.storage.set(o.key, o.data);
        call(o, ok('setStorage'));
      },
      removeStorage: (o: Any) => {
        this.storage.delete(o.key);
        call(o, ok('removeStorage'));
      },
      login: (o: Any) => {
        this.record.logins += 1;
        call(o, { code: this.opts.loginCode(), errMsg: 'login:ok' });
      },
      request: (o: Any) => this.request(o),
      showToast: (o: Any) => {
        this.record.toasts.push(o.title);
        call(o, ok('showToast'));
      },
      hideToast: (o: Any) => call(o, ok('hideToast')),
      showLoading: (o: Any) => call(o, ok('showLoading')),
      hideLoading: (o: Any) => call(o, ok('hideLoading')),
      showModal: (o: Any) => {
        this.record.modals.push({ title: o.title, content: o.content });
        call(o, { confirm: true, cancel: false, errMsg: 'showModal:ok' });
      },
      showActionSheet: (o: Any) => call(o, { tapIndex: 0, errMsg: 'showActionSheet:ok' }),
      navigateTo: (o: Any) => {
        this.navigate('navigateTo', o.url);
        call(o, ok('navigateTo'));
      },
      redirectTo: (o: Any) => {
        this.navigate('redirectTo', o.url);
        call(o, ok('redirectTo'));
      },
      switchTab: (o: Any) => {
        this.navigate('switchTab', o.url);
        call(o, ok('switchTab'));
      },
      reLaunch: (o: Any) => {
        this.navigate('reLaunch', o.url);
        call(o, ok('reLaunch'));
      },
      navigateBack: (o: Any) => {
        this.back(o?.delta);
        call(o, ok('navigateBack'));
      },
      nextTick: (fn: () => void) => setTimeout(fn, 0),
      // Layout is not computed here: every node measures as one 390 × 40 row, each select() answering one node
      // and each selectAll() a list of one, in the order asked, as WeChat's exec() does.
      createSelectorQuery: () => {
        const rect = {
          top: 0,
          left: 0,
          width: 390,
          height: 40,
          right: 390,
          bottom: 40,
          scrollTop: 0,
          scrollLeft: 0,
        };
        const answers: Array<{ many: boolean; cb?: Any }> = [];
        let many = false;
        const q: Any = {
          in: () => q,
          select: () => {
            many = false;
            return q;
          },
          selectAll: () => {
            many = true;
            return q;
          },
          selectViewport: () => {
            many = false;
            return q;
          },
          boundingClientRect: (cb?: Any) => {
            answers.push({ many, cb });
            return q;
          },
          scrollOffset: (cb?: Any) => {
            answers.push({ many, cb });
            return q;
          },
          fields: (_f: Any, cb?: Any) => {
            answers.push({ many, cb });
            return q;
          },
          node: (cb?: Any) => {
            answers.push({ many, cb });
            return q;
          },
          exec: (cb?: Any) => {
            setTimeout(() => {
              const results = answers.map((a) => (a.many ? [{ ...rect }] : { ...rect }));
              for (const [i, a] of answers.entries()) a.cb?.(results[i]);
              cb?.(results);
            }, 0);
          },
        };
        return q;
      },
      createIntersectionObserver: () => ({
        relativeToViewport: () => ({ observe: () => undefined }),
        disconnect() {},
      }),
      pageScrollTo: (o: Any) => call(o, ok('pageScrollTo')),
      stopPullDownRefresh: (o: Any) => call(o, ok('stopPullDownRefresh')),
      setNavigationBarTitle: (o: Any) => call(o, ok('setNavigationBarTitle')),
      setNavigationBarColor: (o: Any) => call(o, ok('setNavigationBarColor')),
      setTabBarItem: (o: Any) => call(o, ok('setTabBarItem')),
      setTabBarStyle: (o: Any) => call(o, ok('setTabBarStyle')),
      vibrateShort: (o: Any) => call(o, ok('vibrateShort')),
      onAppShow: () => undefined,
      onAppHide: () => undefined,
      offAppShow: () => undefined,
      offAppHide: () => undefined,
      onWindowResize: () => undefined,
      offWindowResize: () => undefined,
      onNeedPrivacyAuthorization: () => undefined,
      requirePrivacyAuthorize: (o: Any) => call(o, ok('requirePrivacyAuthorize')),
      getPrivacySetting: (o: Any) => call(o, { needAuthorization: false, errMsg: 'getPrivacySetting:ok' }),
      requestSubscribeMessage: (o: Any) => call(o, { errMsg: 'requestSubscribeMessage:ok' }),
      requestPayment: (o: Any) => call(o, undefined, { errMsg: 'requestPayment:fail cancel' }),
      setClipboardData: (o: Any) => call(o, ok('setClipboardData')),
      getNetworkType: (o: Any) => call(o, { networkType: 'wifi', errMsg: 'getNetworkType:ok' }),
      onNetworkStatusChange: () => undefined,
      reportAnalytics: () => undefined,
      getUpdateManager: () => ({ onCheckForUpdate() {}, onUpdateReady() {}, onUpdateFailed() {} }),
    };
    // An API this list lacks is reported by name rather than failing somewhere deep in Taro.
    g.wx = new Proxy(wx, {
      get(target, name) {
        if (name in target || typeof name === 'symbol') return target[name as string];
        return () => {
          throw new Error(`weapp simulator: wx.${String(name)} is not simulated`);
        };
      },
    });
    g.App = (options: Any) => {
      this.app = options;
    };
    g.getApp = () => this.app;
    g.getCurrentPages = () => this.stack.map((p) => p.instance);
    // A page is a component whose methods are the page's functions; WeChat calls the page hooks itself, so
    // open() calls them here.
    g.Page = (options: Any) => {
      const methods: Record<string, unknown> = {};
      const rest: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(options)) {
        if (typeof value === 'function') methods[key] = value;
        else if (key !== 'data') rest[key] = value;
      }
      g.Component({ ...rest, data: options.data ?? {}, methods });
    };
  }

  private request(o: Any): Any {
    const target = String(o.url).startsWith(this.opts.builtFor)
      ? this.opts.server + String(o.url).slice(this.opts.builtFor.length)
      : String(o.url);
    const method = String(o.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = { ...(o.header ?? {}) };
    let body: string | undefined;
    if (o.data !== undefined && method !== 'GET') {
      body = typeof o.data === 'string' ? o.data : JSON.stringify(o.data);
      // wx.request's default, unless the app set one (in any case).
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['content-type'] = 'application/json';
      }
    }
    this.pending += 1;
    const controller = new AbortController();
    void fetch(target, { method, headers, body, signal: controller.signal })
      .then(async (res) => {
        const text = await res.text();
        this.record.requests.push({ method, url: o.url, status: res.status });
        let data: unknown = text;
        if (o.dataType !== 'text' && o.responseType !== 'text') {
          try {
            data = JSON.parse(text);
          } catch {
            data = text;
          }
        }
        const result = {
          data,
          statusCode: res.status,
          header: headersOf(res),
          errMsg: 'request:ok',
        };
        o.success?.(result);
        o.complete?.(result);
      })
      .catch((err: Error) => {
        this.record.requests.push({ method, url: o.url, status: 0 });
        const result = { errMsg: `request:fail ${err.message}` };
        o.fail?.(result);
        o.complete?.(result);
      })
      .finally(() => {
        this.pending -= 1;
      });
    return {
      abort: () => controller.abort(),
      onHeadersReceived: () => undefined,
      offHeadersReceived: () => undefined,
      onChunkReceived: () => undefined,
      offChunkReceived: () => undefined,
    };
  }
}

function headersOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}
