// What the staff console's end-to-end files share: the console built once per state of its sources, the real
// server (PGlite) serving it, headless Chromium, pages whose console errors and unexpected refusals are recorded,
// screenshots under a file's own prefix, and the steps every journey takes (sign in, pick an option, sign out).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { CHROMIUM, launchChromium } from './chromium';
import { createTestDatabase } from './db';
import { type ServerProcess, startServerProcess } from './server-process';
import { DEMO_PASSWORD, ROOT } from './template';

export const ARTIFACTS = path.join(ROOT, 'tests', '.artifacts', 'e2e');
export const hasChromium = fs.existsSync(CHROMIUM);

/** What the console's build is made of: a build of exactly these sources is reused between runs. */
function consoleSourcesHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else hash.update(file).update(fs.readFileSync(file));
    }
  };
  for (const dir of ['console/src', 'shared/src']) walk(path.join(ROOT, dir));
  for (const file of [
    'console/index.html',
    'console/vite.config.mts',
    'console/package.json',
    'package-lock.json',
  ])
    hash.update(file).update(fs.readFileSync(path.join(ROOT, file)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The console built once per state of its sources, in .cache/ (like the H5 build, made when missing). Built
 * into a temporary directory and renamed into place, so two files building at once never serve a half-written
 * build.
 */
export function consoleBuild(): string {
  const dir = path.join(ROOT, '.cache', 'e2e-console', consoleSourcesHash());
  if (fs.existsSync(path.join(dir, 'index.html'))) return dir;
  const partial = `${dir}.${process.pid}.partial`;
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  // Jest runs with NODE_ENV=test, which would make Vite build React's and antd's development code: the
  // tests drive the production build the server ships.
  const build = spawnSync(process.execPath, [vite, 'build', '--outDir', partial, '--emptyOutDir'], {
    cwd: path.join(ROOT, 'console'),
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) throw new Error('console build failed');
  try {
    fs.renameSync(partial, dir);
  } catch (error) {
    // another file finished the same build first: use theirs
    fs.rmSync(partial, { recursive: true, force: true });
    if (!fs.existsSync(path.join(dir, 'index.html'))) throw error;
  }
  return dir;
}

/** A button by its words: antd puts a space between two Chinese characters (确定 → 确 定). */
export const button = (name: string, within: Pick<Page, 'getByRole'>) =>
  within.getByRole('button', { name: new RegExp(`^${[...name].join('\\s?')}$`) });

/**
 * A dialog's confirm button (确定, or the action it names): its footer's primary button. Found by its place, not
 * its words, which antd re-renders (a loading icon, a space between two characters) as the dialog works.
 */
export const okButton = (dialog: Locator) => dialog.locator('.ant-modal-footer .ant-btn-primary');

export interface ConsoleRun {
  server: ServerProcess;
  browser: Browser;
  /** The main page (1280 × 800, zh-CN). */
  page: Page;
  /** Console errors, page errors and refused requests nobody expected: a file's last test asserts none. */
  problems: string[];
  /** Refusals a step provokes on purpose (`401 /api/v1/auth/staff/login`): Chromium logs them as errors too. */
  expected: Set<string>;
  /** Another page whose problems are recorded the same way. */
  watched(p: Page): Page;
  /** A full-page screenshot, `tests/.artifacts/e2e/<prefix>-<name>.png`, once nothing is loading. */
  screenshot(name: string, on?: Page): Promise<void>;
  open(route: string, on?: Page): Promise<unknown>;
  menuItem(name: string, on?: Page): Locator;
  button(name: string, within?: Pick<Page, 'getByRole'>): Locator;
  signIn(username: string, password?: string, on?: Page): Promise<void>;
  signOut(on?: Page): Promise<void>;
  /** Picks an option of the antd select under `label` (in `within`), by its words. */
  choose(within: Locator, label: string, option: string): Promise<void>;
  /** The API as a test's own client would call it (setting up what a journey needs). */
  api<T>(method: string, url: string, body?: unknown, token?: string): Promise<T>;
  staffToken(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts the server (PGlite, demo data) with the console, and Chromium; removes the prefix's old screenshots.
 * `env` adds to the server's environment (a fixed clock, say).
 */
export async function startConsoleRun(prefix: string, env: Record<string, string> = {}): Promise<ConsoleRun> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const f of fs.readdirSync(ARTIFACTS))
    if (f.startsWith(`${prefix}-`) && f.endsWith('.png')) fs.rmSync(path.join(ARTIFACTS, f));
  const consoleDir = consoleBuild();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `e2e-${prefix}-`));
  // With TEST_DATABASE_URL (npm test's PostgreSQL pass): an empty database of its own, which the server
  // migrates and seeds with the demo hospital as it starts — as on a hospital's first start. Else PGlite.
  const pg = process.env.TEST_DATABASE_URL ? await createTestDatabase({ empty: true }) : undefined;
  const server = await startServerProcess({
    DATA_DIR: dataDir,
    CONSOLE_DIR: consoleDir,
    H5_DIR: path.join(dataDir, 'no-h5'),
    LOG_LEVEL: 'info',
    ...(pg ? { DATABASE_URL: pg.url!, SEED_DEMO: 'true' } : {}),
    ...env,
  });
  const browser = await launchChromium();
  const problems: string[] = [];
  const expected = new Set<string>();

  const watched = (p: Page): Page => {
    p.setDefaultTimeout(30_000); // a loaded two-core runner with a second worker beside it
    p.on('pageerror', (e) => problems.push(`[page error] ${e.message}`));
    p.on('console', (m) => {
      if (m.type() !== 'error') return;
      const status = /^Failed to load resource: the server responded with a status of (\d+)/.exec(
        m.text(),
      )?.[1];
      if (status && expected.has(`${status} ${new URL(m.location().url).pathname}`)) return;
      problems.push(`[console] ${m.text()} (${m.location().url})`);
    });
    p.on('response', (r) => {
      const key = `${r.status()} ${new URL(r.url()).pathname}`;
      if (r.status() >= 400 && !expected.has(key)) problems.push(`[refused] ${key}`);
    });
    return p;
  };
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = watched(await context.newPage());

  const api = async <T>(method: string, url: string, body?: unknown, token?: string): Promise<T> => {
    const res = await fetch(`${server.base}${url}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = (await res.json().catch(() => undefined)) as T;
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(data)}`);
    return data;
  };

  const run: ConsoleRun = {
    server,
    browser,
    page,
    problems,
    expected,
    watched,
    async screenshot(name, on = page) {
      await on.locator('.ant-spin-spinning').waitFor({ state: 'detached' }); // nothing still loading
      await on.waitForTimeout(300); // let antd's transitions settle
      await on.screenshot({ path: path.join(ARTIFACTS, `${prefix}-${name}.png`), fullPage: true });
    },
    open: (route, on = page) => on.goto(`${server.base}/console${route}`),
    menuItem: (name, on = page) => on.getByRole('menuitem', { name, exact: true }),
    button: (name, within = page) => button(name, within),
    async signIn(username, password = DEMO_PASSWORD, on = page) {
      await on.getByLabel('用户名').fill(username);
      await on.getByLabel('密码', { exact: true }).fill(password);
      await on.getByLabel('密码', { exact: true }).press('Enter'); // Enter submits, as staff expect
    },
    async signOut(on = page) {
      await on.getByTestId('user-menu').click();
      await on.getByRole('menuitem', { name: /退出登录|Sign out/ }).click();
      await on.getByRole('heading', { name: /工作人员登录|Staff sign-in/ }).waitFor();
      await on.getByText(/已退出登录|You have signed out/).waitFor();
    },
    async choose(within, label, option) {
      const item = within.locator('.ant-form-item').filter({ has: page.getByText(label, { exact: true }) });
      await item.locator('.ant-select').click();
      await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
    },
    api,
    staffToken: async (username, password = DEMO_PASSWORD) =>
      (await api<{ accessToken: string }>('POST', '/api/v1/auth/staff/login', { username, password }))
        .accessToken,
    async close() {
      await page.screenshot({ path: path.join(ARTIFACTS, `${prefix}-last.png`) }).catch(() => undefined);
      await browser.close();
      fs.writeFileSync(path.join(ARTIFACTS, `${prefix}-server.log`), server.output());
      server.child.kill('SIGTERM');
      await server.exited;
      await pg?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return run;
}

/** Each journey starts signed out, in Chinese, on the sign-in page (whatever the one before left behind). */
export async function startSignedOut(run: ConsoleRun): Promise<void> {
  await run.open('/sign-in');
  await run.page.evaluate(() => localStorage.clear());
  await run.open('/sign-in');
  await run.page.getByRole('heading', { name: '工作人员登录' }).waitFor();
}
