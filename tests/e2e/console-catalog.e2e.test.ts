// End to end: the catalog and hospital rules pages of the staff console in headless Chromium against the real
// server on PGlite. A scheduler opens the catalog, edits an exam type's guidance (the live timeline preview — the
// patient app's own function — changes with the fasting hours, the free-text check names the contradiction, and the
// saved exam is what the public API answers), uploads a doctor's photo (a GIF refused first) which the public doctor
// endpoint then names and serves; sees the hospital rules read-only. An admin changes a rule (a value the shared
// schema refuses shows its message at the field, with nothing sent) and saves a good one. A doctor has no catalog
// or rules menu and gets the no-access page. Any console error in the browser fails the run.
// Screenshots go to tests/.artifacts/e2e/catalog-*.png (git-ignored): look at them.
import { crc32, deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { CHROMIUM } from '../support/chromium';
import { type ConsoleRun, hasChromium, startConsoleRun, startSignedOut } from '../support/console-e2e';

if (!hasChromium) console.warn(`catalog e2e skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
const maybe = hasChromium ? describe : describe.skip;

/** A real PNG portrait: w × h pixels of the brand's teal. */
function png(w = 48, h = 60): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(Array.from({ length: w }, () => [15, 118, 110]).flat()),
  ]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: h }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

let run: ConsoleRun;
let page: Page;

/** Signs in and waits for the home page (the sign-in is done before the next navigation). */
async function signedIn(username: string) {
  await run.signIn(username);
  await page.getByRole('heading', { name: /您好/ }).waitFor();
}

maybe('catalog and hospital rules in the staff console', () => {
  beforeAll(async () => {
    run = await startConsoleRun('catalog');
    page = run.page;
  }, 300_000);

  beforeEach(() => startSignedOut(run));

  afterAll(() => run?.close());

  test('a scheduler edits an exam type’s guidance and sees the preview change; the check names a contradiction', async () => {
    await signedIn('scheduler');
    await run.menuItem('科室与项目').click();
    await page.getByRole('heading', { name: '科室与项目' }).waitFor();
    await page.locator('.ant-table-row').filter({ hasText: '超声科' }).first().waitFor();
    await run.screenshot('departments');

    await page.getByRole('tab', { name: '诊室与窗口' }).click();
    await page.locator('.ant-table-row').filter({ hasText: '诊室' }).first().waitFor();
    await run.screenshot('rooms');

    await page.getByRole('tab', { name: '检查项目' }).click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'exams');
    // The tab's list first: the filters take the new address's values as it renders, so typing before that
    // would be overwritten on a slow machine (as it would for a user).
    const row = page.locator('.ant-table-row').filter({ hasText: '腹部超声（肝胆胰脾）' });
    await row.waitFor();
    await page.getByLabel('查找').fill('腹部超声');
    await page.getByLabel('查找').press('Enter'); // Enter searches
    await page.waitForURL((url) => url.searchParams.get('q') === '腹部超声');
    await row.waitFor();
    // The filtered list renders after the address bar changes (react-router navigates in a transition).
    await page.waitForFunction(() => document.querySelectorAll('.ant-table-row').length === 1);
    await run.screenshot('exams');

    await row.getByRole('button', { name: '编辑' }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('编辑检查项目：腹部超声（肝胆胰脾）').waitFor();
    const fast = drawer.getByTestId('guidance-step-FAST');
    await fast.getByText('01:00').first().waitFor(); // 8 hours before a 09:00 booking
    await drawer.getByTestId('guidance-check').getByText('说明文字与各字段一致').waitFor();
    await run.screenshot('exam-guidance');

    // Ten hours: the preview moves the fast to the evening before, and the notes' "8小时禁食" now contradicts it.
    await drawer.getByLabel('空腹时长（小时）').fill('10');
    await fast.getByText('23:00').first().waitFor();
    const check = drawer.getByTestId('guidance-check');
    await check.getByText('说明文字与字段不一致，保存时会被拒绝：').waitFor();
    await check.getByText(/8/).first().waitFor();
    await check.scrollIntoViewIfNeeded();
    await run.screenshot('exam-guidance-conflict');

    const notes = drawer.getByLabel('准备说明');
    await notes.fill((await notes.inputValue()).replace('检查前8小时禁食', '检查前10小时禁食'));
    await check.getByText('说明文字与各字段一致').waitFor();
    await page.getByTestId('catalog-save').click();
    await page.getByText('已保存“腹部超声（肝胆胰脾）”').waitFor();
    const exam = await run.api<{ preparation: { fastingHours: number; notes: string } }>(
      'GET',
      '/api/v1/exam-types/US-ABD',
    );
    expect(exam.preparation.fastingHours).toBe(10);
    expect(exam.preparation.notes).toContain('检查前10小时禁食');
    await run.signOut();
  });

  test('a scheduler uploads a doctor’s photo (a GIF refused first) and the public doctor endpoint shows it', async () => {
    await signedIn('scheduler');
    await run.open('/catalog?tab=doctors');
    const first = page.locator('.ant-table-row').first();
    await first.waitFor();
    const name = ((await first.locator('td').nth(2).textContent()) ?? '').trim();
    await first.getByRole('button', { name: '编辑' }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText(`编辑医生：${name}`).waitFor();
    await drawer.getByText('未上传照片').waitFor();

    const file = page.getByTestId('doctor-photo-file');
    await file.setInputFiles({ name: 'portrait.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
    await drawer.getByText('请选择 JPEG、PNG 或 WebP 格式的图片').waitFor();
    await file.setInputFiles({ name: 'portrait.png', mimeType: 'image/png', buffer: png() });
    await page.getByText('照片已更新').waitFor();
    const img = drawer.getByTestId('doctor-photo');
    await img.waitFor();
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(48);
    await run.screenshot('doctor-photo');

    const scheduler = await run.staffToken('scheduler');
    const { items } = await run.api<{ items: { id: string; name: string }[] }>(
      'GET',
      '/api/v1/admin/doctors',
      undefined,
      scheduler,
    );
    const doctor = items.find((d) => d.name === name)!;
    const pub = await run.api<{ photoUrl: string }>('GET', `/api/v1/doctors/${doctor.id}`);
    expect(pub.photoUrl).toMatch(/^doctor-photos\/[0-9a-f]{32}\.png$/);
    expect(await img.getAttribute('src')).toBe(`/api/v1/${pub.photoUrl}`);
    const served = await fetch(`${run.server.base}/api/v1/${pub.photoUrl}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toContain('immutable');
    expect(Buffer.compare(Buffer.from(await served.arrayBuffer()), png())).toBe(0);

    await page.keyboard.press('Escape');
    await page.locator('.ant-table-row').first().locator('img.catalog-photo').waitFor();
    await run.signOut();
  });

  test('a scheduler reads the hospital rules without a way to change them', async () => {
    await signedIn('scheduler');
    await run.menuItem('医院规则').click();
    await page.getByRole('heading', { name: '医院规则' }).waitFor();
    await page.getByText('您可以查看医院规则；只有管理员可以修改。').waitFor();
    expect(await page.getByLabel('可预约天数').inputValue()).toBe('7');
    expect(await page.getByLabel('可预约天数').isDisabled()).toBe(true);
    expect(await page.getByLabel('放号时间').isDisabled()).toBe(true);
    expect(await page.getByTestId('rules-save').count()).toBe(0);
    await run.screenshot('rules-read-only');
    await run.signOut();
  });

  test('an admin changes a rule: a value the schema refuses shows its message at the field, a good one saves', async () => {
    await signedIn('admin');
    await run.menuItem('医院规则').click();
    await page.getByRole('heading', { name: '医院规则' }).waitFor();
    const patches: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PATCH') patches.push(r.url());
    });

    const windowDays = page.getByLabel('可预约天数');
    await windowDays.fill('20');
    await page.getByLabel('放号时间').fill('7点');
    await page.getByTestId('rules-save').click();
    const item = (label: string) =>
      page.locator('.ant-form-item').filter({ has: page.getByText(label, { exact: true }) });
    await item('可预约天数').locator('.ant-form-item-explain-error').getByText(/14/).waitFor();
    await item('放号时间').getByText('时间格式应为 HH:mm').waitFor();
    await page.getByText('有 2 项规则填写有误，请按提示修改').waitFor();
    expect(patches).toEqual([]); // the shared schema refused it before anything was sent
    await run.screenshot('rules-invalid');

    await windowDays.fill('10');
    await page.getByLabel('放号时间').fill('07:30');
    await page.getByLabel('专家号挂号费（元）').fill('35');
    await page.getByLabel('专家号挂号费（元）').press('Enter'); // Enter saves
    await page.getByText('医院规则已保存').waitFor();
    expect(patches).toHaveLength(1);
    const hospital = await run.api<{
      rules: {
        booking: { windowDays: number; releaseTime: string };
        fees: { registrationFen: { EXPERT: number } };
      };
    }>('GET', '/api/v1/hospital');
    expect(hospital.rules.booking).toMatchObject({ windowDays: 10, releaseTime: '07:30' });
    expect(hospital.rules.fees.registrationFen.EXPERT).toBe(3500);
    await run.screenshot('rules-saved');
    await run.signOut();
  });

  test('a doctor has no catalog or rules menu, and the catalog page says no access', async () => {
    await signedIn('doctor');
    await run.menuItem('首页').waitFor();
    expect(await run.menuItem('科室与项目').count()).toBe(0);
    expect(await run.menuItem('医院规则').count()).toBe(0);
    await run.open('/catalog');
    await page.getByText('没有访问权限').waitFor();
    expect(await page.getByTestId('catalog-create').count()).toBe(0);
    await run.screenshot('no-access-doctor');
    await run.signOut();
  });

  test('no console error, page error or unexpected refusal in the whole run', () => {
    expect(run.problems).toEqual([]);
  });
});
