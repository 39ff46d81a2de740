/**
 * @jest-environment jest-fixed-jsdom
 */
// The weapp build — the files WeChat DevTools opens — run in Tencent's miniprogram-simulate against the real
// server on PGlite (WeChat DevTools itself cannot run on these machines). The build is made for an https API
// origin, as a release is; the simulated `wx.request` sends that origin's requests to the local server. A
// patient opens the app, is signed in with the code of `wx.login()` (the local WeChat stand-in takes it), adds
// nothing by hand: the home page shows the departments from the server, a tap opens the doctors, another the
// schedule, and the 预约 and 我的 tabs render.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PRIVACY_POLICY_VERSION, residentIdCheckChar } from '@hospital/shared';
import { type ServerProcess, startServerProcess } from '../support/server-process';
import { buildWeapp, WeappSimulator } from '../support/weapp-simulator';

const BUILT_FOR = 'https://api.weapp.test';
const BUILD_DIR = process.env.WEAPP_BUILD_DIR ?? path.join(os.tmpdir(), `weapp-build-${process.pid}`);

let server: ServerProcess | undefined;
let dataDir = '';
let codes = 0;
// One launch for the file, as WeChat launches a mini-program once: the tests walk on from where the last stopped.
let app: WeappSimulator;

beforeAll(async () => {
  buildWeapp(BUILD_DIR, BUILT_FOR);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-data-'));
  server = await startServerProcess({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  app = new WeappSimulator({
    dir: BUILD_DIR,
    builtFor: BUILT_FOR,
    server: server.base,
    // What wx.login() hands out: 32 characters, different each time.
    loginCode: () => {
      codes += 1;
      return `0a${String(codes).padStart(6, '0')}Ab3Kqh000ivYbV1B4S000PZ5Xd`;
    },
  });
}, 600_000);

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (!process.env.WEAPP_BUILD_DIR) fs.rmSync(BUILD_DIR, { recursive: true, force: true });
});

describe('the weapp build in miniprogram-simulate', () => {
  it("opens on the home page with the departments from the server and walks to a doctor's schedule", async () => {
    app.launch('pages/home/index');
    await app.waitForText('心血管内科');
    // The build's own API origin, never a baked-in localhost.
    expect(app.record.requests).toContainEqual({
      method: 'GET',
      url: `${BUILT_FOR}/api/v1/departments`,
      status: 200,
    });

    app.tap('心血管内科');
    await app.settle(() => app.current.route === 'packages/booking/doctors/index');
    await app.waitForText('林晓燕');

    app.tap('林晓燕');
    await app.settle(() => app.current.route === 'packages/booking/schedule/index');
    await app.waitForText(/\d{2}:\d{2}–\d{2}:\d{2}/);
  });

  it('signs the patient in with the code of wx.login() when a page first needs them', async () => {
    expect(app.record.logins).toBe(0); // browsing needed no sign-in

    // Back to the home page with the navigation bar's back button (the app's own: WeChat's cannot grow in
    // elderly mode), twice; then the app's own tab bar: a tap on 预约 switches tab.
    app.tapElement('nav-bar__action');
    await app.settle(() => app.current.route === 'packages/booking/doctors/index');
    app.tapElement('nav-bar__action');
    await app.settle(() => app.current.route === 'pages/home/index');
    expect(app.element('nav-bar__action')).toBeNull(); // nothing under a tab page
    expect(app.tabBarText()).toBe('首页 预约 我的');
    app.tapTab('预约');
    await app.settle(() => app.current.route === 'pages/bookings/index');
    await app.settle();
    expect(app.record.logins).toBe(1);
    expect(app.record.requests).toContainEqual({
      method: 'POST',
      url: `${BUILT_FOR}/api/v1/auth/wechat`,
      status: 200,
    });
    expect(app.record.requests).toContainEqual({
      method: 'GET',
      url: `${BUILT_FOR}/api/v1/me/bookings`,
      status: 200,
    });
    await app.waitForText('暂无预约');

    app.tapTab('我的');
    await app.settle(() => app.current.route === 'pages/me/index');
    expect(app.text()).toContain('就诊人管理');
  });

  it('draws its own navigation and tab bars, which grow in elderly mode and follow the language', async () => {
    const navBar = () => app.element('nav-bar');
    // A tab page: the hospital's name as its title.
    expect(navBar()?.textContent).toBe('滨江市第一人民医院');

    app.tapElement('nut-switch'); // 适老化模式
    await app.settle(() => app.tabBarElement().innerHTML.includes('tab-bar--elderly'));
    expect(navBar()?.className).toContain('nav-bar--elderly');

    // A page opened from it: its own title and a back button, in elderly size too.
    app.tap('就诊人管理');
    await app.settle(() => app.current.route === 'packages/profiles/list/index');
    await app.settle();
    expect(navBar()?.textContent).toBe('就诊人管理');
    expect(navBar()?.className).toContain('nav-bar--elderly');
    app.tapElement('nav-bar__action');
    await app.settle(() => app.current.route === 'pages/me/index');

    app.tap('语言');
    await app.settle(() => app.tabBarText() === 'Home Bookings Me');
    app.tap('Language');
    await app.settle(() => app.tabBarText() === '首页 预约 我的');
    app.tapElement('nut-switch');
    await app.settle(() => !app.tabBarElement().innerHTML.includes('tab-bar--elderly'));
  });

  it('books a place for the signed-in patient: schedule, confirm, then the pay page with the fee', async () => {
    // The patient's profile comes through the API with the app's own token (the form is tested on H5 and in
    // component tests); everything after is taps in the weapp.
    const token = String(app.stored('auth.access'));
    const api = async (method: string, url: string, body?: unknown) => {
      const res = await fetch(`${server!.base}${url}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(res.status).toBeLessThan(300);
      return res.json();
    };
    await api('POST', '/api/v1/me/privacy/consent', { version: PRIVACY_POLICY_VERSION });
    const first17 = '11010519800101123';
    await api('POST', '/api/v1/me/profiles', {
      name: '王微信',
      idType: 'RESIDENT_ID',
      idNumber: first17 + residentIdCheckChar(first17),
      phone: '13800138000',
      relationship: 'SELF',
    });

    app.switchTab('pages/home/index');
    await app.waitForText('心血管内科');
    app.tap('心血管内科');
    await app.waitForText('林晓燕');
    app.tap('林晓燕');
    await app.settle(
      () => app.current.route === 'packages/booking/schedule/index' && app.text().includes('预约'),
    );
    app.tap('预约');
    await app.settle(() => app.current.route === 'packages/booking/confirm/index');
    await app.waitForText('王微信');
    app.tap(/^(确认预约|预约并支付)$/);
    await app.settle(() => app.current.route === 'packages/payment/pay/index');
    await app.waitForText('¥30.00');

    // Held for the patient until they pay, as the pay page says.
    const mine = (await api('GET', '/api/v1/me/bookings')) as { items: unknown[] };
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({
      status: 'PENDING_PAYMENT',
      doctor: { name: '林晓燕' },
      profile: { name: '王微信' },
    });
  });
});
