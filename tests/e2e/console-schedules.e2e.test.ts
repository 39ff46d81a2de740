// End to end: the schedules page of the staff console in headless Chromium against the real server (PGlite,
// demo data, the real clock). A scheduler adds an evening session to a doctor's weekly roster and the slots
// the patient app lists (GET /api/v1/slots, what its schedule page shows) have it; a patient books and pays a
// place in it; the scheduler opens the day, sees the slot's places, previews the stop-clinic (one booking, one
// refund of its fee) and confirms with a reason; the patient's booking then reads 停诊 with the reason and its
// refund. The exceptions calendar shows the 2026 National Day holiday and its make-up working day, and an
// exception is added and removed. A window clerk sees only the day view, without stop-clinic; a doctor has no
// schedules page. Screenshots: tests/.artifacts/e2e/schedules-*.png.
import { localDate, PRIVACY_POLICY_VERSION } from '../../shared/src';
import { CHROMIUM } from '../support/chromium';
import {
  type ConsoleRun,
  hasChromium,
  okButton,
  startConsoleRun,
  startSignedOut,
} from '../support/console-e2e';
import { residentId } from '../support/factories';

if (!hasChromium) console.warn(`schedules e2e skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
const maybe = hasChromium ? describe : describe.skip;

const ZONE = 'Asia/Shanghai'; // the demo hospital's
let run: ConsoleRun;

/** The hospital-local date `days` after today, and its ISO weekday (1 = Monday). */
function dayAhead(days: number): { date: string; weekday: number } {
  const date = localDate(new Date(Date.now() + days * 86_400_000), ZONE);
  const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  return { date, weekday };
}
const WEEKDAY = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** A patient of the app, signed in through the local WeChat stand-in, with a profile. */
async function patient(name: string, idNumber: string) {
  const { accessToken } = await run.api<{ accessToken: string }>('POST', '/api/v1/auth/wechat', {
    code: `dev:${name}`,
  });
  await run.api('POST', '/api/v1/me/privacy/consent', { version: PRIVACY_POLICY_VERSION }, accessToken);
  const profile = await run.api<{ id: string }>(
    'POST',
    '/api/v1/me/profiles',
    { name: '宋雨桐', idType: 'RESIDENT_ID', idNumber, phone: '13912345678', relationship: 'SELF' },
    accessToken,
  );
  return { token: accessToken, profileId: profile.id };
}

interface Slot {
  id: string;
  date: string;
  period: string;
  startTime: string;
  feeFen: number;
  status: string;
}

maybe('schedules in the staff console', () => {
  beforeAll(async () => {
    run = await startConsoleRun('schedules');
  }, 300_000);
  beforeEach(() => startSignedOut(run));
  afterAll(() => run?.close());

  const target = dayAhead(2); // always inside the booking window and released
  let doctorId = '';
  let bookingId = '';

  test('a scheduler adds an evening session to a roster; the patient app lists its slots', async () => {
    const { page } = run;
    await run.signIn('scheduler');
    await run.menuItem('排班与出诊').click();
    await page.getByRole('heading', { name: '排班与出诊' }).waitFor();
    await page.getByText(/放号规则：可预约今天起 7 天内的号源，每天 07:00 放出第 7 天的号源/).waitFor();
    await page.getByText('先选择科室和医生（或检查项目），再查看和编辑其排班').waitFor();

    await page.getByLabel('科室').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('心血管内科', { exact: true }).click();
    await page.getByLabel('医生或检查项目').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('陈浩', { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('owner')?.startsWith('d:') ?? false);
    doctorId = new URL(page.url()).searchParams.get('owner')!.slice(2);
    await page.locator('.roster-card').first().waitFor();
    await run.screenshot('week');

    // The evening of the target day's weekday is empty: add a session there.
    await page.getByRole('button', { name: `添加 ${WEEKDAY[target.weekday]}夜间` }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText(`添加排班：${WEEKDAY[target.weekday]}夜间`).waitFor();
    expect(await drawer.getByLabel('开始时间').inputValue()).toBe('18:00');
    // The shared rule, at the field, before anything is sent.
    await drawer.getByLabel('结束时间').fill('17:00');
    await page.getByTestId('roster-save').click();
    await drawer.locator('.ant-form-item-explain-error').first().waitFor();
    await run.screenshot('roster-rule');
    await drawer.getByLabel('结束时间').fill('20:00');
    await drawer.getByLabel('每号人数').fill('2');
    await page.getByTestId('roster-save').click();
    await page.getByText(/已保存排班；号源已更新：新增 \d+/).waitFor();
    const cell = page.locator(`td[data-cell="${target.weekday}-EVENING"]`);
    await cell.getByText('18:00–20:00').waitFor();
    await cell.getByText('每号 2 人').waitFor();
    await run.screenshot('week-added');

    // What the patient app's schedule page lists for that doctor and day.
    const listed = await run.api<{ items: Slot[] }>(
      'GET',
      `/api/v1/slots?doctorId=${doctorId}&from=${target.date}&to=${target.date}`,
    );
    const evening = listed.items.filter((s) => s.period === 'EVENING');
    expect(evening.map((s) => s.startTime)).toEqual(['18:00', '18:30', '19:00', '19:30']);
    expect(evening.every((s) => s.status === 'OPEN')).toBe(true);
  });

  test('a patient books and pays; the scheduler previews the stop-clinic, confirms, and the booking reads 停诊 with its refund', async () => {
    const { page } = run;
    expect(doctorId).not.toBe('');
    const listed = await run.api<{ items: Slot[] }>(
      'GET',
      `/api/v1/slots?doctorId=${doctorId}&from=${target.date}&to=${target.date}`,
    );
    const slot = listed.items.find((s) => s.period === 'EVENING' && s.startTime === '18:00')!;
    const p = await patient('schedules-e2e', residentId(9301));
    const res = await fetch(`${run.server.base}/api/v1/bookings`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${p.token}`,
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({ slotId: slot.id, profileId: p.profileId }),
    });
    expect(res.status).toBe(201);
    bookingId = ((await res.json()) as { id: string }).id;
    const pay = await fetch(`${run.server.base}/api/v1/bookings/${bookingId}/pay`, {
      method: 'POST',
      headers: { authorization: `Bearer ${p.token}`, 'idempotency-key': crypto.randomUUID() },
    });
    const { order } = (await pay.json()) as { order: { orderNo: string } };
    await run.api('POST', `/api/v1/payments/local/${order.orderNo}/confirm`, undefined, p.token);

    await run.signIn('scheduler');
    await run.menuItem('排班与出诊').click();
    await page.getByRole('tab', { name: '每日出诊' }).click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'day');
    // The day as a colleague's link gives it (the date picker writes the same parameter).
    await run.open(`/schedules?tab=day&date=${target.date}`);
    expect(await page.getByLabel('日期').inputValue()).toBe(target.date);
    const row = page.locator('.sessions-table tbody tr.ant-table-row').filter({ hasText: '陈浩' }).filter({
      hasText: '18:00–20:00',
    });
    await row.waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    const slots = page.locator('.slots-table tbody tr.ant-table-row');
    await slots.first().waitFor();
    // 18:00: two places, one paid booking, one free.
    const first = slots.filter({ hasText: '18:00–18:30' });
    expect(await first.locator('td').allInnerTexts()).toEqual(
      expect.arrayContaining(['18:00–18:30', '2', '1', '0', '1', '可预约']),
    );
    await run.screenshot('day');

    await run.button('停诊', row).click();
    const modal = page.locator('.ant-modal:visible');
    await modal.getByText('停诊将会').waitFor();
    await modal.locator('.stop-impact').getByText('1 个').first().waitFor();
    await modal.getByText(`1 笔，共 ¥${(slot.feeFen / 100).toFixed(2)}`).waitFor();
    await run.screenshot('stop-preview');
    await okButton(modal).click(); // 确认停诊
    await modal.getByText('请填写停诊原因').waitFor(); // the shared rule, before anything is sent
    await modal.getByLabel('停诊原因（将告知患者）').fill('医生临时外出会诊');
    await okButton(modal).click(); // 确认停诊
    await page.getByText('已停诊，取消了 1 个预约，发起 1 笔退款').waitFor();
    await row.getByText('已停诊').waitFor();
    await row.getByText('医生临时外出会诊').waitFor();
    await run.screenshot('stopped');

    // The patient's booking, as the app's booking page reads it.
    const booking = await run.api<{
      status: string;
      stopReason: string | null;
      payment: { refund: { amountFen: number } | null } | null;
    }>('GET', `/api/v1/bookings/${bookingId}`, undefined, p.token);
    expect(booking).toMatchObject({ status: 'CANCELLED', stopReason: '医生临时外出会诊' });
    expect(booking.payment?.refund?.amountFen).toBe(slot.feeFen);
  });

  test('the exceptions calendar shows the National Day holiday and its make-up day; an exception is added and removed', async () => {
    const { page } = run;
    await run.signIn('scheduler');
    await page.getByRole('heading', { name: /您好/ }).waitFor();
    const dept = (
      await run.api<{ items: { id: string; name: string }[] }>('GET', '/api/v1/departments')
    ).items.find((d) => d.name === '心血管内科')!;
    await run.open(`/schedules?tab=calendar&department=${dept.id}&owner=d:${doctorId}&month=2026-10`);
    await page.locator('[data-date="2026-10-01"]').getByText('休 国庆节').waitFor();
    await page.locator('[data-date="2026-10-10"]').getByText('班 国庆节').waitFor();
    await run.screenshot('calendar-national-day');

    const off = dayAhead(4);
    await run.open(
      `/schedules?tab=calendar&department=${dept.id}&owner=d:${doctorId}&month=${off.date.slice(0, 7)}`,
    );
    await page.locator(`td[title="${off.date}"]`).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText(`${off.date} 的排班例外`).waitFor();
    await drawer.getByLabel('原因').fill('外出学习');
    await page.getByTestId('exception-save').click();
    await page.getByText(/已添加例外；号源已更新/).waitFor();
    // Booked slots kept as they were are listed; none here, or a dialog says which.
    const kept = page.locator('.ant-modal-confirm');
    if (await kept.isVisible()) await run.button('知道了', kept).click();
    await page.locator(`[data-date="${off.date}"]`).getByText('停诊').waitFor();
    const item = page.locator('.calendar-side .exception-item').filter({ hasText: off.date });
    await item.getByText('外出学习').waitFor();
    await run.screenshot('calendar-exception');
    await run.button('删除', item).click();
    await run.button('删除', page.locator('.ant-popover')).click();
    await page.getByText('已删除例外；号源已更新').waitFor();
    await item.waitFor({ state: 'detached' });
  });

  test('a window clerk sees the day view only, without stop-clinic; a doctor has no schedules page', async () => {
    const { page } = run;
    await run.signIn('clerk');
    await run.menuItem('排班与出诊').click();
    await page.getByRole('tab', { name: '每日出诊' }).waitFor();
    expect(await page.getByRole('tab', { name: '周排班' }).count()).toBe(0);
    await page.locator('.sessions-table').waitFor();
    expect(await run.button('停诊').count()).toBe(0);
    await run.screenshot('clerk-day');
    await run.signOut();

    await run.signIn('doctor');
    await page.getByRole('heading', { name: /您好/ }).waitFor();
    expect(await run.menuItem('排班与出诊').count()).toBe(0);
    await run.open('/schedules?tab=week');
    await page.getByText('没有访问权限').waitFor();
    expect(await page.locator('.week-grid').count()).toBe(0);
  });

  test('no console error, page error or unexpected refusal in the whole run', () => {
    expect(run.problems).toEqual([]);
  });
});
