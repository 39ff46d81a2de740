// End to end: the H5 build of the patient mini-program in headless Chromium against the real server on PGlite.
// One patient signs in, adds a profile, books an abdominal ultrasound, pays with the local stand-in, reads its
// guidance, cancels it and joins the waitlist of a session that other patients filled through the API; then
// elderly mode and English.
// A screenshot of every step goes to tests/.artifacts/e2e/ (git-ignored): look at them.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { residentIdCheckChar } from '@hospital/shared';
import type { Browser, Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(ROOT, 'tests', '.artifacts', 'e2e');
const H5_INDEX = path.join(ROOT, 'miniapp', 'dist', 'h5', 'index.html');
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `e2e skipped: ${CHROMIUM} not found (apt-get install -y chromium fonts-wqy-microhei to run it)`,
  );
}
const maybe = hasChromium ? describe : describe.skip;

/** A valid resident ID (checksum included) for test person n. */
function residentId(n: number): string {
  const first17 = `110105198001${String(10 + (n % 18)).padStart(2, '0')}${String(100 + n).slice(-3)}`;
  return first17 + residentIdCheckChar(first17);
}

let server: ChildProcess | undefined;
let serverLog = '';
let base = '';
let dataDir = '';
let browser: Browser | undefined;
let page: Page;
let shot = 0;

async function api<T>(method: string, url: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'idempotency-key': `e2e-${Math.random().toString(36).slice(2)}-${Date.now()}`,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await res.json().catch(() => undefined)) as T;
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(data)}`);
  return data;
}

/** On failure, a picture of where it stopped. */
async function failureShot(): Promise<void> {
  await page?.screenshot({ path: path.join(ARTIFACTS, 'failure.png') }).catch(() => undefined);
}

async function screenshot(name: string): Promise<void> {
  await page.waitForTimeout(400); // let transitions settle
  shot += 1;
  await page.screenshot({ path: path.join(ARTIFACTS, `${String(shot).padStart(2, '0')}-${name}.png`) });
}

// Taro's H5 router keeps earlier pages in the DOM, hidden: only ever look at what is on screen.
const vis = (text: string | RegExp, exact = true) =>
  page.getByText(text, { exact }).filter({ visible: true }).first();
const tap = (text: string | RegExp, exact = true) => vis(text, exact).tap({ force: true });
/** Opens a page of the app afresh (a hash change alone would confuse Taro's router history). */
async function open(route: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${base}/h5/#${route}`);
}
const seen = (text: string | RegExp, exact = true, timeout?: number) => vis(text, exact).waitFor({ timeout });

maybe('patient H5 app end to end', () => {
  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    for (const f of fs.readdirSync(ARTIFACTS)) if (f.endsWith('.png')) fs.rmSync(path.join(ARTIFACTS, f));
    if (!fs.existsSync(H5_INDEX)) {
      const build = spawnSync('npm', ['run', 'build:h5', '-w', 'miniapp'], { cwd: ROOT, stdio: 'inherit' });
      if (build.status !== 0) throw new Error('H5 build failed');
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-data-'));
    server = spawn(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', '--conditions=@hospital/source', 'server/src/index.ts'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          // The server picks a free port itself and prints it: a port probed here and handed over could be
          // taken by another process during the seconds the server needs to start.
          PORT: '0',
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          LOG_LEVEL: 'info', // every answer's status, in tests/.artifacts/e2e/server.log
          // The journey signs in one patient plus up to 8 others who fill a session: above the default 10/min.
          LOGIN_RATE_LIMIT_PER_MINUTE: '100',
          NODE_ENV: 'development',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    server.stdout?.on('data', (d: Buffer) => {
      serverLog += d.toString();
    });
    server.stderr?.on('data', (d: Buffer) => {
      serverLog += d.toString();
    });
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`server exited:\n${serverLog}`);
      const port = /Hospital API\s+http:\/\/localhost:(\d+)\//.exec(serverLog)?.[1];
      if (port) base = `http://127.0.0.1:${port}`;
      const ok =
        !!base &&
        (await fetch(`${base}/readyz`).then(
          (r) => r.ok,
          () => false,
        ));
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`server not ready in 120 s:\n${serverLog}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      deviceScaleFactor: 2,
      locale: 'zh-CN',
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => {
      serverLog += `\n[page error] ${e.message}`;
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server?.once('exit', r));
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    // Beside the screenshots: what the server said, for a failure's cause.
    fs.writeFileSync(path.join(ARTIFACTS, 'server.log'), serverLog);
  });

  it('signs in, adds a profile, books and pays an exam, reads its guidance, cancels, joins a waitlist', async () => {
    try {
      await patientJourney();
    } catch (error) {
      await failureShot();
      throw error;
    }
  }, 240_000);
});

async function patientJourney(): Promise<void> {
  // 1. Sign in (H5 dev login, remembered) on 我的.
  await open('/pages/me/index');
  const nameInput = page.locator('input[name="devName"]');
  await nameInput.waitFor();
  await nameInput.fill('E2E患者');
  await tap('登录');
  await seen('已登录：E2E患者');
  await screenshot('signed-in');

  // 2. Add a profile: a wrong ID number first (the server's message shows at the field), then a right one.
  await tap('就诊人管理');
  await seen('还没有就诊人');
  await screenshot('profiles-empty');
  // The empty-state picture lies wholly inside its box (centred text once pushed half of it out of view).
  const picture = await page
    .locator('.async-state__image')
    .filter({ visible: true })
    .first()
    .evaluate((box) => {
      const outer = box.getBoundingClientRect();
      const img = box.querySelector('img')?.getBoundingClientRect();
      return img ? { inside: img.left >= outer.left - 1 && img.right <= outer.right + 1 } : { inside: true };
    });
  expect(picture).toEqual({ inside: true });
  await tap('添加就诊人');
  await page.locator('input[name="name"]').filter({ visible: true }).fill('李明');
  const good = residentId(1);
  await page
    .locator('input[name="idNumber"]')
    .filter({ visible: true })
    .fill(`${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`);
  await page.locator('input[name="phone"]').filter({ visible: true }).fill('13800138000');
  await tap('保存');
  await page.locator('.field__error').filter({ visible: true }).first().waitFor();
  await screenshot('profile-invalid-id');
  await page.locator('input[name="idNumber"]').filter({ visible: true }).fill(good);
  await tap('保存');
  await seen('已添加 1/5 位');
  await seen(/^居民身份证 \d\*{16}[\dX]$/); // at least half hidden: only the first and last character
  await screenshot('profile-added');

  // 3. Book an abdominal ultrasound from the exam guidance.
  await open('/pages/home/index');
  await tap('检查指引');
  await tap('腹部超声（肝胆胰脾）');
  await seen('检查前准备');
  await screenshot('exam-guidance');
  await tap('预约此检查');
  await seen('选择检查时间');
  await page.locator('.slot-row').filter({ visible: true }).first().waitFor();
  await screenshot('schedule');
  // An open slot far enough ahead to be cancelled on-line later in this test, whatever the time of day the
  // suite runs at (the cancel cutoff is two hours before the slot).
  const ultrasound = await api<{ items: { id: string; status: string; date: string; startsAt: string }[] }>(
    'GET',
    '/api/v1/slots?examTypeCode=US-ABD',
  );
  const target = ultrasound.items.find(
    (s) => s.status === 'OPEN' && Date.parse(s.startsAt) > Date.now() + 6 * 3600_000,
  );
  if (!target) throw new Error('no open US-ABD slot at least six hours ahead');
  await page.locator(`[data-testid="day-${target.date}"]`).filter({ visible: true }).tap({ force: true });
  await page
    .locator(`[data-testid="slot-${target.id}"]`)
    .filter({ visible: true })
    .getByText('预约', { exact: true })
    .tap({ force: true });
  await seen('确认预约');
  await seen('李明', false);
  await screenshot('confirm');
  await page.locator('.confirm-submit').filter({ visible: true }).tap({ force: true });

  // 4. Pay with the local stand-in, see it confirmed.
  await seen(/^立即支付/);
  await screenshot('pay');
  await tap(/^立即支付/, false);
  await seen(/^模拟支付（本地测试） ¥/);
  await screenshot('pay-local');
  await tap(/^模拟支付（本地测试） ¥/, false);
  await seen('预约成功', true, 30_000);
  await screenshot('confirmed');

  // 5. Its guidance timeline.
  await tap('查看检查指引');
  await page.locator('.nut-step').filter({ visible: true }).first().waitFor();
  await screenshot('guidance-timeline');

  // 6. Cancel it from 预约, with the confirmation dialog.
  await open('/pages/bookings/index');
  await seen('已预约');
  await screenshot('bookings');
  await tap('取消预约');
  await seen('确认取消预约？');
  await screenshot('cancel-dialog');
  await page
    .locator('.nut-dialog-footer-ok, .nut-dialog-footer .nut-button-primary')
    .filter({ visible: true })
    .first()
    .tap({ force: true });
  await seen('暂无预约');
  await tap('历史');
  await seen('已取消');
  await screenshot('cancelled');

  // 7. A session made full by other patients through the API → join its waitlist.
  const slots = await api<{
    items: {
      sessionId: string;
      id: string;
      status: string;
      date: string;
      startsAt: string;
      placesLeft: number;
    }[];
  }>('GET', '/api/v1/slots?examTypeCode=MR-HEAD');
  const sessions = new Map<string, typeof slots.items>();
  for (const s of slots.items) sessions.set(s.sessionId, [...(sessions.get(s.sessionId) ?? []), s]);
  // A session starting an hour or more from now, whatever the time of day: none of its slots may turn PAST
  // while other patients fill it and this one joins its waitlist.
  const [sessionId, sessionSlots] =
    [...sessions].find(([, list]) =>
      list.every((s) => s.status === 'OPEN' && Date.parse(s.startsAt) > Date.now() + 3600_000),
    ) ?? [];
  if (!sessionId || !sessionSlots) throw new Error('no open MR-HEAD session an hour or more ahead to fill');
  let person = 10;
  for (const s of sessionSlots) {
    for (let i = 0; i < s.placesLeft; i++) {
      person += 1;
      const { accessToken } = await api<{ accessToken: string }>('POST', '/api/v1/auth/wechat', {
        code: `dev:filler${person}`,
      });
      const p = await api<{ id: string }>(
        'POST',
        '/api/v1/me/profiles',
        {
          name: `患者${String.fromCharCode(0x4e00 + person)}`,
          idType: 'RESIDENT_ID',
          idNumber: residentId(person),
          phone: '13900139000',
          relationship: 'SELF',
        },
        accessToken,
      );
      await api('POST', '/api/v1/bookings', { slotId: s.id, profileId: p.id }, accessToken);
    }
  }
  const date = sessionSlots[0]?.date ?? '';
  await open('/pages/home/index');
  await page.locator('.home-search input').filter({ visible: true }).fill('磁共振');
  // The first search loads every department's doctors and the exam types (17 requests): on a loaded CI
  // machine that can take longer than a tap's default wait.
  await seen('头颅磁共振平扫（MRI）', true, 60_000);
  await tap('头颅磁共振平扫（MRI）');
  await tap('预约此检查');
  await page.locator(`[data-testid="day-${date}"]`).filter({ visible: true }).tap({ force: true });
  await page
    .locator('.slot-row')
    .filter({ visible: true })
    .getByText('加入候补', { exact: true })
    .first()
    .waitFor();
  await screenshot('full-slot');
  await tap('加入候补');
  await tap('确认加入候补');
  await seen('已加入候补，可在“预约 · 候补”中查看');
  await screenshot('waitlist-joined');
  await open('/pages/bookings/index');
  await tap('候补');
  await seen('候补第 1 位');
  await screenshot('waitlist');

  // 8. Elderly mode (适老化), switched on in 我的, enlarges the home page.
  await open('/pages/me/index');
  await page.locator('.nut-switch').filter({ visible: true }).first().tap({ force: true });
  await page.locator('.page--elderly').filter({ visible: true }).first().waitFor();
  await screenshot('elderly-me');
  await open('/pages/home/index');
  await page.locator('.page--elderly').filter({ visible: true }).first().waitFor();
  await seen('心血管内科');
  await screenshot('elderly-home');

  // 9. English, switched on in 我的: statuses and periods come in English too, not only the app's own text.
  await open('/pages/me/index');
  await tap('语言');
  await seen('Language');
  await open('/pages/bookings/index');
  await tap('History');
  await seen('Cancelled');
  await screenshot('english-history');
  await tap('Waitlist');
  await seen('Waiting');
  await screenshot('english-waitlist');
}
