// End to end: the staff console (console/) in headless Chromium against the real server on PGlite. An admin
// signs in (a wrong password first: the server's message), reads the audit log filtered in the address bar and
// expands an entry's before/after, keeps the session across a reload and switches to English; a doctor has no
// audit menu item and gets the no-access page at /console/audit; a quality officer whose sign-in is ended comes
// back to the page after signing in again, changes the password (the shared rule refuses a weak one at the
// field first) and signs in with the new one. Any console error in the browser fails the run.
// Screenshots go to tests/.artifacts/e2e/console-*.png (git-ignored): look at them.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, launchChromium } from '../support/chromium';
import { type ServerProcess, startServerProcess } from '../support/server-process';
import { DEMO_PASSWORD, ROOT } from '../support/template';

const ARTIFACTS = path.join(ROOT, 'tests', '.artifacts', 'e2e');
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.warn(`console e2e skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
const maybe = hasChromium ? describe : describe.skip;

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

/** The console built once per state of its sources, in .cache/ (like the H5 build, made when missing). */
function consoleBuild(): string {
  const dir = path.join(ROOT, '.cache', 'e2e-console', consoleSourcesHash());
  if (fs.existsSync(path.join(dir, 'index.html'))) return dir;
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const build = spawnSync(process.execPath, [vite, 'build', '--outDir', dir, '--emptyOutDir'], {
    cwd: path.join(ROOT, 'console'),
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('console build failed');
  return dir;
}

let server: ServerProcess | undefined;
let dataDir = '';
let browser: Browser | undefined;
let page: Page;
/** Console errors, page errors and refused requests nobody expected: the run fails on any. */
const problems: string[] = [];
/** Refusals a step provokes on purpose (`401 /api/v1/auth/staff/login`): Chromium logs them as errors too. */
const expected = new Set<string>();

async function api<T>(method: string, url: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${server!.base}${url}`, {
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
}
const staffToken = async (username: string, password = DEMO_PASSWORD) =>
  (await api<{ accessToken: string }>('POST', '/api/v1/auth/staff/login', { username, password }))
    .accessToken;

async function screenshot(name: string): Promise<void> {
  await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' }); // nothing still loading
  await page.waitForTimeout(300); // let antd's transitions settle
  await page.screenshot({ path: path.join(ARTIFACTS, `console-${name}.png`), fullPage: true });
}

const open = (route: string) => page.goto(`${server!.base}/console${route}`);
const menuItem = (name: string) => page.getByRole('menuitem', { name, exact: true });

async function signIn(username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByLabel('密码', { exact: true }).press('Enter'); // Enter submits, as staff expect
}

async function signOut(): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: /退出登录|Sign out/ }).click();
  await page.getByRole('heading', { name: /工作人员登录|Staff sign-in/ }).waitFor();
  await page.getByText(/已退出登录|You have signed out/).waitFor();
}

maybe('staff console end to end', () => {
  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    for (const f of fs.readdirSync(ARTIFACTS))
      if (/^console-.*\.png$/.test(f)) fs.rmSync(path.join(ARTIFACTS, f));
    const consoleDir = consoleBuild();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-console-'));
    server = await startServerProcess({
      DATA_DIR: dataDir,
      CONSOLE_DIR: consoleDir,
      H5_DIR: path.join(dataDir, 'no-h5'),
      LOG_LEVEL: 'info',
    });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => problems.push(`[page error] ${e.message}`));
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const status = /^Failed to load resource: the server responded with a status of (\d+)/.exec(
        m.text(),
      )?.[1];
      if (status && expected.has(`${status} ${new URL(m.location().url).pathname}`)) return;
      problems.push(`[console] ${m.text()} (${m.location().url})`);
    });
    page.on('response', (r) => {
      const key = `${r.status()} ${new URL(r.url()).pathname}`;
      if (r.status() >= 400 && !expected.has(key)) problems.push(`[refused] ${key}`);
    });
  }, 300_000);

  // Each journey starts signed out, in Chinese, on the sign-in page (whatever the one before left behind).
  beforeEach(async () => {
    await open('/sign-in');
    await page.evaluate(() => localStorage.clear());
    await open('/sign-in');
    await page.getByRole('heading', { name: '工作人员登录' }).waitFor();
  });

  // Where each journey ended (on a failure: where it stopped).
  afterEach(async () => {
    await page?.screenshot({ path: path.join(ARTIFACTS, 'console-last.png') }).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    if (server) {
      fs.writeFileSync(path.join(ARTIFACTS, 'console-server.log'), server.output());
      server.child.kill('SIGTERM');
      await server.exited;
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('an admin signs in (a wrong password first), reads and filters the audit log, reloads, reads English', async () => {
    // Something with a before and after: the admin renames a department's location through the API.
    const admin = await staffToken('admin');
    const { items } = await api<{ items: { id: string; name: string }[] }>(
      'GET',
      '/api/v1/admin/departments',
      undefined,
      admin,
    );
    const department = items[0]!;
    await api('PATCH', `/api/v1/admin/departments/${department.id}`, { location: '门诊楼 3 层 东区' }, admin);

    await open('/');
    await page.getByRole('heading', { name: '工作人员登录' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/sign-in'); // nobody signed in
    await screenshot('sign-in');

    expected.add('401 /api/v1/auth/staff/login');
    await signIn('admin', 'not-the-password');
    await page.getByTestId('sign-in-error').getByText('用户名或密码错误').waitFor();
    await screenshot('sign-in-wrong-password');
    expected.delete('401 /api/v1/auth/staff/login');

    await signIn('admin');
    await page.getByRole('heading', { name: /您好/ }).waitFor();
    await page.getByText('系统管理员').first().waitFor();
    await page.getByText('查看审计日志').waitFor(); // the permissions, in words
    await screenshot('home-admin');

    await menuItem('审计日志').click();
    await page.getByRole('heading', { name: '审计日志' }).waitFor();
    await page.locator('.audit-table tbody tr.ant-table-row').first().waitFor();
    await screenshot('audit');

    // Filter by the department: the filter goes to the address bar and survives a reload (the session too).
    await page.getByLabel('对象编号').fill(department.id);
    await page
      .getByRole('button', { name: '查 询' })
      .or(page.getByRole('button', { name: '查询' }))
      .click();
    await page.waitForURL((url) => url.searchParams.get('entityId') === department.id);
    await page.reload();
    const rows = page.locator('.audit-table tbody tr.ant-table-row');
    await rows.first().getByText('department.update').waitFor();
    expect(await rows.count()).toBe(1);
    expect(await page.getByLabel('对象编号').inputValue()).toBe(department.id);
    await rows.first().click();
    const changes = page.locator('.audit-changes');
    await changes.getByText('修改前').waitFor();
    await changes.getByText('门诊楼 3 层 东区').waitFor();
    await changes.getByText('location', { exact: true }).waitFor();
    await screenshot('audit-expanded');

    // English relabels the menu (and antd's own words); the choice is kept across a reload.
    await page.getByRole('button', { name: 'English' }).click();
    await menuItem('Audit log').waitFor();
    await menuItem('Home').waitFor();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.reload();
    await menuItem('Audit log').waitFor();
    await screenshot('audit-english');
    await page.getByRole('button', { name: '中文' }).click();
    await menuItem('审计日志').waitFor();
    await signOut();
  });

  test('a doctor sees no audit menu item and gets the no-access page at /console/audit', async () => {
    await signIn('doctor');
    await page.getByRole('heading', { name: /您好/ }).waitFor();
    await page.getByText('心血管内科').waitFor();
    await menuItem('首页').waitFor();
    expect(await menuItem('审计日志').count()).toBe(0);
    await screenshot('home-doctor');
    await open('/audit');
    await page.getByText('没有访问权限').waitFor();
    expect(await page.locator('.audit-table').count()).toBe(0);
    await screenshot('no-access');
    await signOut();
  });

  test('an ended sign-in returns to the page after signing in; a changed password signs in', async () => {
    await signIn('quality');
    await page.getByRole('heading', { name: /您好/ }).waitFor();
    await open('/audit?actor=demo-seed');
    await page.locator('.audit-table tbody tr.ant-table-row').first().waitFor();

    // An admin ends the quality officer's sign-ins: the next call is refused, and the console asks to sign in
    // again, remembering the page with its filter.
    const admin = await staffToken('admin');
    const staff = await api<{ items: { id: string; username: string }[] }>(
      'GET',
      '/api/v1/admin/staff',
      undefined,
      admin,
    );
    const quality = staff.items.find((s) => s.username === 'quality')!;
    await api('POST', `/api/v1/admin/staff/${quality.id}/sessions/revoke`, undefined, admin);
    expected.add('401 /api/v1/staff/me');
    await page.reload();
    await page.getByText('登录已失效，请重新登录后继续').waitFor();
    const back = new URL(page.url());
    expect(back.pathname).toBe('/console/sign-in');
    expect(back.searchParams.get('next')).toBe('/audit?actor=demo-seed');
    await screenshot('sign-in-expired');
    expected.delete('401 /api/v1/staff/me');
    await signIn('quality');
    await page.waitForURL(
      (url) => url.pathname === '/console/audit' && url.searchParams.get('actor') === 'demo-seed',
    );
    expect(await page.getByLabel('操作人').inputValue()).toBe('demo-seed');

    // The password: the shared rule refuses a weak one at the field before anything is sent.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    await page.getByRole('heading', { name: '修改密码' }).waitFor();
    await page.getByLabel('当前密码').fill(DEMO_PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill('short1');
    await page.getByLabel('确认新密码').fill('short1');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('新密码至少 10 位').waitFor();
    await screenshot('password-rule');

    // A wrong current password: the server's message.
    expected.add('403 /api/v1/staff/me/password');
    await page.getByLabel('当前密码').fill('not-my-password');
    await page.getByLabel('新密码', { exact: true }).fill('Quality2026desk');
    await page.getByLabel('确认新密码').fill('Quality2026desk');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByRole('alert').getByText('当前密码不正确，密码未修改').waitFor();
    expected.delete('403 /api/v1/staff/me/password');

    await page.getByLabel('当前密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('密码已修改').waitFor();
    await screenshot('password-changed');
    await signOut();

    await signIn('quality', 'Quality2026desk');
    await page.getByRole('heading', { name: /您好/ }).waitFor();
    await page.getByText('质控办').first().waitFor();
  });

  test('no console error, page error or unexpected refusal in the whole run', () => {
    expect(problems).toEqual([]);
  });
});
