// End to end: the H5 build of the patient mini-program in headless Chromium against the real server on PGlite.
// One patient signs in by mobile number and SMS code, accepts the privacy notice, adds a profile, books an
// abdominal ultrasound, pays with the local stand-in, reads its guidance, cancels it and joins the waitlist of a
// session that other patients filled through the API; sees their data (deletion refused while waiting); then
// elderly mode and English; signs out.
// A screenshot of every step goes to tests/.artifacts/e2e/ (git-ignored): look at them.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatYuan, PRIVACY_POLICY_VERSION, residentIdCheckChar } from '@hospital/shared';
import type { Browser, Page } from 'playwright-core';
import { checkA11y } from '../support/a11y';
import { CHROMIUM, launchChromium } from '../support/chromium';

const ROOT = path.resolve(__dirname, '../..');
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
    // Only this journey's own (numbered) shots: the console's e2e keeps its `console-*.png` beside them.
    for (const f of fs.readdirSync(ARTIFACTS))
      if (/^(\d{2}-.*|failure)\.png$/.test(f)) fs.rmSync(path.join(ARTIFACTS, f));
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
    browser = await launchChromium();
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
  // 1. Signed out, 就诊人管理 on 我的 needs a patient: the app opens the sign-in page, the patient asks for a
  // code by text message (the local SMS stand-in shows it on the page as a demo notice), signs in with it and
  // is back on 就诊人管理.
  await open('/pages/me/index');
  await seen('登录 / 注册');
  await tap('就诊人管理');
  const mobile = page.locator('input[name="mobile"]').filter({ visible: true });
  await mobile.waitFor();
  await mobile.fill('12345');
  await tap('获取验证码');
  await seen('请输入正确的11位手机号码');
  await screenshot('sign-in-invalid-mobile');
  await mobile.fill('13800138000');
  // No code before the privacy notice is ticked (docs/decisions/021): the refusal stands at its box.
  await tap('获取验证码');
  await seen('请先阅读并勾选同意《隐私政策》，再获取验证码');
  // Its box (the sentence's 《隐私政策》 opens the policy instead).
  await page
    .locator('[data-testid="sign-in-consent"] .nut-checkbox-icon')
    .filter({ visible: true })
    .tap({ force: true });
  await tap('获取验证码');
  await seen(/^\d+ 秒后重新获取$/);
  const demo = page.locator('[data-testid="demo-code"]').filter({ visible: true });
  await demo.waitFor();
  await screenshot('sign-in-code-sent');
  const code = /(\d{6})/.exec((await demo.textContent()) ?? '')?.[1];
  if (!code) throw new Error('no demo code on the sign-in page');
  await page.locator('input[name="code"]').filter({ visible: true }).fill(code);
  await page.locator('.sign-in__submit').filter({ visible: true }).tap({ force: true });

  // 2. Add a profile: a wrong ID number first (the shared check shows its message at the field before anything
  // is sent), then a right one.
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
  // Before any ID or phone field: the privacy notice, and an explicit tick to agree.
  await seen('个人信息保护提示');
  expect(await page.locator('input[name="idNumber"]').filter({ visible: true }).count()).toBe(0);
  await screenshot('privacy-consent');
  await tap(/并单独同意医院处理就诊人的证件号码和就诊信息等敏感个人信息/, false);
  await tap('同意并继续');
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
  const ultrasound = await api<{
    items: { id: string; status: string; date: string; startsAt: string; feeFen: number }[];
  }>('GET', '/api/v1/slots?examTypeCode=US-ABD');
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
  // The result page says what was paid.
  const paid = formatYuan(target.feeFen);
  await page.locator('[data-testid="paid-amount"]').filter({ visible: true }).getByText(paid).waitFor();
  const bookingId = /bookingId=([0-9a-f-]{36})/.exec(decodeURIComponent(page.url()))?.[1] ?? '';
  expect(bookingId).not.toBe('');
  await screenshot('confirmed');

  // 5. Its guidance timeline.
  await tap('查看检查指引');
  await page.locator('.nut-step').filter({ visible: true }).first().waitFor();
  await screenshot('guidance-timeline');

  // 5b. The booking's own page, from its card in 预约: visit number, check-in QR code, what was paid.
  await open('/pages/bookings/index');
  await tap('查看详情 ›');
  await seen('就诊序号');
  await checkBookingDetail(bookingId, paid, /^第 \d+ 号$/);
  await screenshot('booking-detail');
  await page.locator('[data-testid="payment"]').filter({ visible: true }).scrollIntoViewIfNeeded();
  await screenshot('booking-detail-paid');

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
  // Its page now tells the refund, and no longer offers a check-in code.
  await tap('查看详情 ›');
  await seen('退款状态');
  expect(await page.locator('[data-testid="qr-code"]').filter({ visible: true }).count()).toBe(0);
  await screenshot('booking-detail-cancelled');

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
      await api('POST', '/api/v1/me/privacy/consent', { version: PRIVACY_POLICY_VERSION }, accessToken);
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
  // One search request once typing pauses (catalog.search); a loaded CI machine may need more than a tap's wait.
  await seen('头颅磁共振平扫（MRI）', true, 60_000);
  await tap('头颅磁共振平扫（MRI）');
  await tap('预约此检查');
  await page.locator(`[data-testid="day-${date}"]`).filter({ visible: true }).tap({ force: true });
  // The waitlist is offered once for the full session, not on each of its slots.
  await page
    .locator(`[data-testid="session-${sessionId}"]`)
    .filter({ visible: true })
    .getByText('加入候补', { exact: true })
    .waitFor();
  expect(await page.locator('.slot-row').filter({ visible: true }).getByText('加入候补').count()).toBe(0);
  await screenshot('full-slot');
  await tap('加入候补');
  await tap('确认加入候补');
  await seen('已加入候补，可在“预约 · 候补”中查看');
  await screenshot('waitlist-joined');
  await open('/pages/bookings/index');
  await tap('候补');
  await seen('候补第 1 位');
  await screenshot('waitlist');

  // 8. My data: what is held, and deletion refused while the patient still waits for a place.
  await open('/pages/me/index');
  await tap('我的数据与隐私');
  await seen('就诊人（1）');
  await seen(/^李明（本人）/, false);
  await screenshot('my-data');
  await tap('注销账号');
  await seen('确认注销账号？');
  await screenshot('delete-dialog');
  await tap('确认注销');
  await seen(/^您还有.*候补.*请先取消或等待完成后再注销账号$/);
  await screenshot('delete-refused');
  await open('/packages/privacy/policy/index');
  await seen('五、保存期限');
  await screenshot('privacy-policy');

  // 9. Elderly mode (适老化), switched on in 我的, enlarges the home page.
  await open('/pages/me/index');
  await page.locator('.nut-switch').filter({ visible: true }).first().tap({ force: true });
  await page.locator('.page--elderly').filter({ visible: true }).first().waitFor();
  await screenshot('elderly-me');
  await open('/pages/home/index');
  await page.locator('.page--elderly').filter({ visible: true }).first().waitFor();
  await seen('心血管内科');
  await screenshot('elderly-home');
  // A second ultrasound, booked and paid through the API for the same patient: its page in elderly mode.
  const second = await bookAndPayAnotherUltrasound(target.id);
  await open(`/packages/booking/detail/index?id=${second.id}`);
  await page.locator('.page--elderly').filter({ visible: true }).first().waitFor();
  await checkBookingDetail(second.id, formatYuan(second.feeFen), /^第 \d+ 号$/);
  await screenshot('elderly-booking-detail');
  // Every page the patient met, in elderly mode: text at 4.5:1 or more (status tags included), every tap target
  // at least 44 × 44 px, no text squeezed to one character a line (tests/support/a11y.ts).
  const problems: string[] = [];
  for (const route of [
    '/pages/home/index',
    '/pages/bookings/index',
    `/packages/booking/detail/index?id=${second.id}`,
    '/pages/me/index',
    '/packages/profiles/list/index',
    '/packages/payment/bills/index',
    '/packages/payment/fees/index',
    '/packages/guidance/list/index',
    '/packages/privacy/data/index',
  ]) {
    await open(route);
    await page.locator('.page--elderly').filter({ visible: true }).first().waitFor();
    await page.waitForLoadState('networkidle');
    for (const p of await checkA11y(page)) problems.push(`${route} ${p.rule}: ${p.where} (${p.detail})`);
  }
  expect(problems).toEqual([]);

  // 10. English, switched on in 我的: statuses and periods come in English too, not only the app's own text.
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
  await open('/packages/privacy/data/index');
  await seen('Patients (1)');
  await screenshot('english-my-data');
  await open('/packages/privacy/policy/index');
  await seen('4. Who receives it');
  await screenshot('english-privacy-policy');
  await open(`/packages/booking/detail/index?id=${second.id}`);
  await seen('Visit number');
  await checkBookingDetail(second.id, formatYuan(second.feeFen), /^No\. \d+$/);
  await screenshot('english-booking-detail');

  // 11. 我的 shows the number signed in with, masked; signing out, then the sign-in page in English.
  await open('/pages/me/index');
  await seen('Mobile *******8000');
  await screenshot('english-me-signed-in');
  await tap('Sign out');
  await tap('Sign in / sign up');
  // Another number: this one was sent a code moments ago (one a minute per number).
  await seen('Get code');
  await page.waitForTimeout(400); // the page has slid in: tap where the box is now
  await page.locator('input[name="mobile"]').filter({ visible: true }).fill('13900139001');
  await page
    .locator('[data-testid="sign-in-consent"] .nut-checkbox-icon')
    .filter({ visible: true })
    .tap({ force: true });
  await tap('Get code');
  await page.locator('[data-testid="demo-code"]').filter({ visible: true }).waitFor();
  await seen(/^Resend in \d+ s$/);
  await screenshot('english-sign-in');
}

/** On a confirmed booking's page: its visit number, a check-in code for it large enough to scan, the paid amount. */
async function checkBookingDetail(bookingId: string, paid: string, visitNumber: RegExp): Promise<void> {
  const number = page.locator('[data-testid="visit-number"]').filter({ visible: true }).first();
  expect((await number.textContent())?.trim()).toMatch(visitNumber);
  const qr = page.locator('[data-testid="qr-code"]').filter({ visible: true }).first();
  expect(await qr.getAttribute('data-text')).toBe(`CHECKIN:1:${bookingId.toUpperCase()}`);
  const box = await qr.boundingBox();
  expect(box?.width).toBeGreaterThanOrEqual(180);
  expect(Math.abs((box?.width ?? 0) - (box?.height ?? 0))).toBeLessThan(1);
  await page.locator('[data-testid="payment"]').filter({ visible: true }).getByText(paid).waitFor();
}

/** The journey's patient (same sign-in, same profile) books and pays another open ultrasound through the API. */
async function bookAndPayAnotherUltrasound(notSlotId: string): Promise<{ id: string; feeFen: number }> {
  // The H5 app's own access token (Taro keeps storage in localStorage as `{"data": …}`).
  const stored = (await page.evaluate<string | null>("localStorage.getItem('auth.access')")) ?? '';
  const accessToken = stored.startsWith('{') ? (JSON.parse(stored) as { data: string }).data : stored;
  const profiles = await api<{ items: { id: string }[] }>(
    'GET',
    '/api/v1/me/profiles',
    undefined,
    accessToken,
  );
  const slots = await api<{ items: { id: string; status: string; startsAt: string }[] }>(
    'GET',
    '/api/v1/slots?examTypeCode=US-ABD',
  );
  const slot = slots.items.find(
    (s) => s.id !== notSlotId && s.status === 'OPEN' && Date.parse(s.startsAt) > Date.now() + 6 * 3600_000,
  );
  if (!slot || !profiles.items[0]) throw new Error('no second US-ABD slot or no profile');
  const booking = await api<{ id: string; feeFen: number }>(
    'POST',
    '/api/v1/bookings',
    { slotId: slot.id, profileId: profiles.items[0].id },
    accessToken,
  );
  const pay = await api<{ order: { orderNo: string } }>(
    'POST',
    `/api/v1/bookings/${booking.id}/pay`,
    undefined,
    accessToken,
  );
  await api('POST', `/api/v1/payments/local/${pay.order.orderNo}/confirm`, undefined, accessToken);
  return booking;
}
