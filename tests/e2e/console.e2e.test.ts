// End to end: the staff console (console/) in headless Chromium against the real server on PGlite. An admin
// signs in (a wrong password first: the server's message), reads the audit log filtered in the address bar and
// expands an entry's before/after, keeps the session across a reload and switches to English; a doctor has no
// audit menu item and gets the no-access page at /console/audit; a quality officer whose sign-in is ended comes
// back to the page after signing in again, changes the password (the shared rule refuses a weak one at the
// field first) and signs in with the new one, and has no staff-accounts page; an admin opens a clerk's account
// (the shared rules and a taken username refused at the fields), the clerk signs in with it, a temporary password
// ends the clerk's sign-in, and once disabled it cannot sign in. Any console error in the browser fails the run.
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

/** A page whose console errors, page errors and unexpected refusals fail the run. */
function watched(p: Page): Page {
  p.setDefaultTimeout(15_000);
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
}

async function screenshot(name: string): Promise<void> {
  await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' }); // nothing still loading
  await page.waitForTimeout(300); // let antd's transitions settle
  await page.screenshot({ path: path.join(ARTIFACTS, `console-${name}.png`), fullPage: true });
}

const open = (route: string) => page.goto(`${server!.base}/console${route}`);
const menuItem = (name: string) => page.getByRole('menuitem', { name, exact: true });

async function signIn(username: string, password = DEMO_PASSWORD, on: Page = page): Promise<void> {
  await on.getByLabel('用户名').fill(username);
  await on.getByLabel('密码', { exact: true }).fill(password);
  await on.getByLabel('密码', { exact: true }).press('Enter'); // Enter submits, as staff expect
}

/** A button by its words: antd puts a space between two Chinese characters (确定 → 确 定). */
const button = (name: string, within: Pick<Page, 'getByRole'> = page) =>
  within.getByRole('button', { name: new RegExp(`^${[...name].join('\\s?')}$`) });

/** Picks an option of the antd select under `label` (in `within`), by its words. */
async function choose(within: ReturnType<Page['locator']>, label: string, option: string): Promise<void> {
  const item = within.locator('.ant-form-item').filter({ has: page.getByText(label, { exact: true }) });
  await item.locator('.ant-select').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
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
    page = watched(await context.newPage());
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

    // Staff accounts are the admin's: no menu item, and the address gives the no-access page.
    await menuItem('审计日志').waitFor();
    expect(await menuItem('员工账号').count()).toBe(0);
    await open('/staff');
    await page.getByText('没有访问权限').waitFor();
    expect(await page.locator('.staff-table').count()).toBe(0);
    await screenshot('staff-no-access');
  });

  test('an admin opens a clerk account and the clerk signs in; a reset password ends its sign-in; disabled, it cannot sign in', async () => {
    await signIn('admin');
    await menuItem('员工账号').click();
    await page.getByRole('heading', { name: '员工账号' }).waitFor();
    const rows = page.locator('.staff-table tbody tr.ant-table-row');
    await rows.filter({ hasText: 'quality' }).getByText('质控办', { exact: true }).waitFor();
    await rows.filter({ hasText: '心内科 医生' }).getByText('心血管内科').waitFor();
    await screenshot('staff-list');

    // The shared rules refuse at the fields before sending: a doctor without a department, a weak password.
    await page.getByTestId('staff-create').click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('新建员工账号').waitFor();
    await drawer.getByLabel('用户名').fill('clerk');
    await drawer.getByLabel('姓名').fill('挂号窗口 何丽');
    await choose(drawer, '角色', '医生');
    await drawer.getByText('新建员工账号').click(); // closes the dropdown
    await drawer.getByLabel('初始密码').fill('short1');
    await page.getByTestId('staff-save').click();
    await drawer.getByText('医生等按科室授权的角色须指定所属科室').waitFor();
    await drawer.getByText('新密码至少 10 位').waitFor();
    await screenshot('staff-create-rules');

    // A clerk needs no department; a taken username is the server's answer, at the field.
    await choose(drawer, '角色', '医生'); // again: off
    await page.locator('.ant-select-dropdown:visible').getByTitle('窗口工作人员', { exact: true }).click();
    await drawer.getByText('新建员工账号').click();
    await drawer.getByLabel('初始密码').fill('Window2026a');
    expected.add('409 /api/v1/admin/staff');
    await page.getByTestId('staff-save').click();
    await drawer.getByText('用户名 clerk 已被使用（包括已停用的账号），请换一个').waitFor();
    expected.delete('409 /api/v1/admin/staff');
    await drawer.getByLabel('用户名').fill('window.he');
    await page.getByTestId('staff-save').click();
    await page.getByText('已创建账号 window.he').waitFor();
    const row = rows.filter({ hasText: 'window.he' });
    await row.getByText('窗口工作人员').waitFor();
    await row.getByText('从未登录').waitFor();

    // The filter goes to the address bar and survives a reload.
    await page.getByLabel('关键字').fill('window');
    await button('查询').click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'window');
    await page.reload();
    await row.waitFor();
    expect(await rows.count()).toBe(1);
    expect(await page.getByLabel('关键字').inputValue()).toBe('window');
    await screenshot('staff-filtered');

    // The clerk signs in with it, in another browser.
    const other = await browser!.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const clerk = watched(await other.newPage());
    await clerk.goto(`${server!.base}/console/sign-in`);
    await signIn('window.he', 'Window2026a', clerk);
    await clerk.getByRole('heading', { name: '挂号窗口 何丽，您好' }).waitFor();
    expect(await clerk.getByRole('menuitem', { name: '员工账号' }).count()).toBe(0);

    // The admin sets a temporary password: the clerk's sign-in ends; the temporary one signs in.
    await page.reload();
    await row.getByText('1', { exact: true }).waitFor(); // one live sign-in
    await row.getByRole('button', { name: '重置密码' }).click();
    const modal = page.locator('.ant-modal:visible');
    await modal.getByText('为 window.he 设置临时密码').waitFor();
    await modal.getByLabel('临时密码').fill('letters-only');
    await button('确定', modal).click();
    await modal.getByText('新密码需同时包含字母和数字').waitFor();
    await modal.getByLabel('临时密码').fill('Temporary2026b');
    await screenshot('staff-reset-password');
    await button('确定', modal).click();
    await page.getByText('已重置 window.he 的密码，结束了 1 个登录').waitFor();
    await row.getByText('0', { exact: true }).waitFor();

    expected.add('401 /api/v1/staff/me');
    await clerk.reload();
    await clerk.getByText('登录已失效，请重新登录后继续').waitFor();
    expected.delete('401 /api/v1/staff/me');
    await signIn('window.he', 'Temporary2026b', clerk);
    await clerk.getByRole('heading', { name: /您好/ }).waitFor();

    // Disabled (with a reason): the sign-in ends and the password no longer signs in.
    await page.reload();
    await row.getByRole('button', { name: '停用' }).click();
    await modal.getByText('停用 window.he').waitFor();
    await modal.getByLabel('停用原因').fill('调岗');
    await button('确定', modal).click();
    await page.getByText('已停用 window.he').waitFor();
    await row.getByText('已停用').waitFor();
    await row.getByRole('button', { name: '启用' }).waitFor();
    await screenshot('staff-disabled');

    expected.add('401 /api/v1/staff/me');
    expected.add('401 /api/v1/auth/staff/login');
    await clerk.reload();
    await clerk.getByText('登录已失效，请重新登录后继续').waitFor();
    await signIn('window.he', 'Temporary2026b', clerk);
    await clerk.getByTestId('sign-in-error').getByText('用户名或密码错误').waitFor();
    expected.delete('401 /api/v1/staff/me');
    expected.delete('401 /api/v1/auth/staff/login');
    await other.close();

    // The admin's own row offers no disable.
    await page.getByLabel('关键字').fill('admin');
    await button('查询').click();
    const own = rows.filter({ hasText: 'admin' });
    await own.getByText('本人').waitFor();
    expect(await own.getByRole('button', { name: '停用' }).count()).toBe(0);
    await signOut();
  });

  test('no console error, page error or unexpected refusal in the whole run', () => {
    expect(problems).toEqual([]);
  });
});
