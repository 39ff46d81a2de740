// End to end: the staff console (console/) in headless Chromium against the real server on PGlite. An admin
// signs in (a wrong password first: the server's message), reads the audit log filtered in the address bar and
// expands an entry's before/after, keeps the session across a reload and switches to English; a doctor has no
// audit menu item and gets the no-access page at /console/audit; a quality officer whose sign-in is ended comes
// back to the page after signing in again, changes the password (the shared rule refuses a weak one at the
// field first) and signs in with the new one, and has no staff-accounts page; an admin opens a clerk's account
// (the shared rules and a taken username refused at the fields), the clerk signs in with it, a temporary password
// ends the clerk's sign-in, and once disabled it cannot sign in. Any console error in the browser fails the run.
// Screenshots go to tests/.artifacts/e2e/console-*.png (git-ignored): look at them.
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM } from '../support/chromium';
import {
  button as buttonIn,
  type ConsoleRun,
  hasChromium,
  okButton,
  startConsoleRun,
  startSignedOut,
} from '../support/console-e2e';
import type { ServerProcess } from '../support/server-process';
import { DEMO_PASSWORD } from '../support/template';

if (!hasChromium) console.warn(`console e2e skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
const maybe = hasChromium ? describe : describe.skip;

let run: ConsoleRun;
let server: ServerProcess | undefined;
let browser: Browser | undefined;
let page: Page;
const problems = (): string[] => run.problems;
const expected = {
  add: (key: string) => run.expected.add(key),
  delete: (key: string) => run.expected.delete(key),
};
const api = <T>(method: string, url: string, body?: unknown, token?: string) =>
  run.api<T>(method, url, body, token);
const staffToken = (username: string, password = DEMO_PASSWORD) => run.staffToken(username, password);
const watched = (p: Page) => run.watched(p);
const screenshot = (name: string) => run.screenshot(name);
const open = (route: string) => run.open(route);
const menuItem = (name: string) => run.menuItem(name);
const signIn = (username: string, password = DEMO_PASSWORD, on: Page = page) =>
  run.signIn(username, password, on);
const signOut = () => run.signOut();
const choose: ConsoleRun['choose'] = (within, label, option) => run.choose(within, label, option);
const button = (name: string, within: Pick<Page, 'getByRole'> = page) => buttonIn(name, within);

maybe('staff console end to end', () => {
  beforeAll(async () => {
    run = await startConsoleRun('console');
    ({ server, browser, page } = run);
  }, 300_000);

  beforeEach(() => startSignedOut(run));

  afterAll(() => run?.close());

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
    await okButton(modal).click();
    await modal.getByText('新密码需同时包含字母和数字').waitFor();
    await modal.getByLabel('临时密码').fill('Temporary2026b');
    await screenshot('staff-reset-password');
    await okButton(modal).click();
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
    await okButton(modal).click();
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
    expect(problems()).toEqual([]);
  });
});
