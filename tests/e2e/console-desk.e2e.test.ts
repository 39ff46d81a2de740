// End to end: the registration window's desk (console/src/pages/desk) in headless Chromium against the real server
// on PGlite. A clerk books for a walk-in patient by their real-name details, takes the fee at the window and
// prints the registration slip (the print dialog is the browser's: `window.print` is replaced to see it called,
// and the page is shot as printed); a clerk checks a patient in by scanning (the scanner types
// `CHECKIN:1:<ID>` and Enter into the focused field); a doctor has no desk menu item and gets the no-access page
// at /console/desk. Any console error in the browser fails the run. Screenshots: tests/.artifacts/e2e/desk-*.png.
import type { Page } from 'playwright-core';
import { CHROMIUM } from '../support/chromium';
import {
  type ConsoleRun,
  hasChromium,
  okButton,
  startConsoleRun,
  startSignedOut,
} from '../support/console-e2e';
import { residentId } from '../support/factories';

if (!hasChromium) console.warn(`desk e2e skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
const maybe = hasChromium ? describe : describe.skip;

let run: ConsoleRun;
let page: Page;

interface Doctor {
  id: string;
  name: string;
  departmentId: string;
}
interface Slot {
  id: string;
  status: string;
  startsAt: string;
  startTime: string;
  doctorId: string | null;
}

let doctor: Doctor;
let departmentName: string;
let today: string;
let openSlots: Slot[];

maybe('the registration window’s desk end to end', () => {
  beforeAll(async () => {
    run = await startConsoleRun('desk');
    ({ page } = run);
    // An extra session today for one doctor, all day long, so that the journeys find open slots today
    // whatever the hour the suite runs at (a scheduler's ordinary roster change, through the API).
    const scheduler = await run.staffToken('scheduler');
    const hospital = await run.api<{ timeZone: string }>('GET', '/api/v1/hospital');
    today = new Intl.DateTimeFormat('en-CA', { timeZone: hospital.timeZone }).format(new Date());
    const doctors = await run.api<{ items: Doctor[] }>('GET', '/api/v1/admin/doctors', undefined, scheduler);
    doctor = doctors.items[0]!;
    const departments = await run.api<{ items: { id: string; name: string }[] }>(
      'GET',
      '/api/v1/departments',
    );
    departmentName = departments.items.find((d) => d.id === doctor.departmentId)!.name;
    await run.api(
      'POST',
      '/api/v1/admin/rosters/exceptions',
      {
        doctorId: doctor.id,
        date: today,
        kind: 'EXTRA_SESSION',
        period: 'EVENING',
        startTime: '00:00',
        endTime: '23:55',
        slotMinutes: 30,
        capacityPerSlot: 3,
        reason: '窗口测试加诊',
      },
      scheduler,
    );
    const slots = await run.api<{ items: Slot[] }>(
      'GET',
      `/api/v1/slots?doctorId=${doctor.id}&from=${today}&to=${today}`,
    );
    // Open, and not starting while the journeys run (a slot that has begun refuses a booking: SLOT_PAST).
    const later = Date.now() + 10 * 60_000;
    openSlots = slots.items.filter((s) => s.status === 'OPEN' && Date.parse(s.startsAt) > later);
    expect(openSlots.length).toBeGreaterThan(0);
  }, 300_000);

  beforeEach(() => startSignedOut(run));

  afterAll(() => run?.close());

  test('a clerk books for a walk-in patient, takes the fee at the window and prints the slip', async () => {
    await run.signIn('clerk');
    await run.menuItem('挂号窗口').click();
    await page.getByRole('heading', { name: '挂号窗口' }).waitFor();
    // Keyboard first: the scanner's field has the focus as the page opens.
    await page.waitForFunction(() => document.activeElement?.id === 'desk-find-input');
    await page.getByTestId('desk-counts').waitFor();
    await run.screenshot('page');

    // Something that is no number at all is refused before anything is sent.
    await page.getByTestId('desk-find').fill('??');
    await page.getByTestId('desk-find').press('Enter');
    await page
      .getByRole('alert')
      .getByText(/无法识别/)
      .waitFor();

    await page.getByTestId('desk-book-new').click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('患者实名信息').waitFor();
    // The shared schema refuses an empty form at its fields, before anything is sent.
    await page.getByTestId('desk-book-submit').click();
    await drawer.locator('.ant-form-item-explain-error').first().waitFor();
    await run.screenshot('book-invalid');

    await page.getByTestId('desk-book-name').fill('吴海燕');
    await page.getByTestId('desk-book-id').fill(residentId(611, '19680914'));
    await page.getByTestId('desk-book-phone').fill('13911112222');
    await run.choose(drawer, '科室', departmentName);
    const slot = openSlots[0]!;
    await drawer
      .locator('.ant-form-item')
      .filter({ has: page.getByText('号源', { exact: true }) })
      .locator('.ant-select')
      .click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option:not(.ant-select-item-option-disabled)')
      .filter({ hasText: `${slot.startTime}–` })
      .filter({ hasText: doctor.name })
      .first()
      .click();
    await run.screenshot('book-form');
    await page.getByTestId('desk-book-submit').click();
    await page.getByText(/已为 吴海燕 预约/).waitFor();

    // Held for payment: the window takes the fee over the counter, and the booking is confirmed.
    const panel = page.getByTestId('desk-booking');
    await panel.getByText('待支付').first().waitFor();
    await panel.getByText('吴海燕').waitFor();
    await run.screenshot('booked-unpaid');
    await page.getByTestId('desk-collect').click();
    const modal = page.getByRole('dialog');
    await modal.getByText('现金', { exact: true }).waitFor();
    await run.screenshot('collect');
    await okButton(modal).click();
    await page.getByText(/预约已确认/).waitFor();
    await panel.getByText('已预约').waitFor();
    await panel.getByText(/已付/).waitFor();
    await run.screenshot('booked-paid');

    await page.getByTestId('desk-slip').click();
    const slip = page.getByTestId('slip');
    await slip.getByText('挂号单').waitFor();
    await slip.getByText('吴海燕').waitFor();
    const hospital = await run.api<{ name: string }>('GET', '/api/v1/hospital');
    await slip.getByText(hospital.name).waitFor();
    expect(await page.getByTestId('slip-visit').textContent()).toMatch(/^\d+$/);
    await slip.getByText(`${today} ${slot.startTime}`, { exact: false }).waitFor();
    await slip.getByText(/¥|元/).first().waitFor();
    await run.screenshot('slip');

    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed++;
      };
    });
    await page.getByTestId('slip-print').click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    // As printed: the slip alone, without the console's menu, header or buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.shell-sider').isVisible()).toBe(false);
    expect(await page.getByTestId('slip-print').isVisible()).toBe(false);
    expect(await slip.isVisible()).toBe(true);
    await run.screenshot('slip-print');
    await page.emulateMedia({ media: 'screen' });
    await run.signOut();
  });

  test('a clerk checks a patient in by scanning the booking’s QR code', async () => {
    // A phone booking made earlier and paid at the window (through the API, as the desk itself would).
    const clerk = await run.staffToken('clerk');
    const booking = await run.api<{ id: string }>(
      'POST',
      '/api/v1/staff/bookings',
      {
        slotId: openSlots.at(-1)!.id,
        channel: 'PHONE',
        patient: {
          name: '郑国强',
          idType: 'RESIDENT_ID',
          idNumber: residentId(612, '19550321'),
          phone: '13922223333',
          relationship: 'SELF',
        },
      },
      clerk,
    );
    await run.api('POST', `/api/v1/staff/bookings/${booking.id}/collect`, { method: 'CARD' }, clerk);

    await run.signIn('clerk');
    await page.getByRole('heading', { name: /您好/ }).waitFor();
    await run.open('/desk');
    await page.waitForFunction(() => document.activeElement?.id === 'desk-find-input');
    // The keyboard-wedge scanner: the code's characters, then Enter, into whatever field has the focus.
    await page.keyboard.type(`CHECKIN:1:${booking.id.toUpperCase()}`);
    await page.keyboard.press('Enter');
    await page.getByText('郑国强 已签到', { exact: false }).waitFor();
    const panel = page.getByTestId('desk-booking');
    await panel.getByText('已签到').waitFor();
    await page.getByTestId('desk-found').getByText('按预约二维码查找').waitFor();
    // The field is empty and focused again for the next patient.
    expect(await page.getByTestId('desk-find').inputValue()).toBe('');
    await page.waitForFunction(() => document.activeElement?.id === 'desk-find-input');
    await run.screenshot('scanned');
    const detail = await run.api<{ status: string }>(
      'GET',
      `/api/v1/bookings/${booking.id}`,
      undefined,
      clerk,
    );
    expect(detail.status).toBe('CHECKED_IN');

    // Found again by mobile number: masked in the list.
    await page.getByTestId('desk-find').fill('13922223333');
    await page.getByTestId('desk-find').press('Enter');
    const found = page.getByTestId('desk-found');
    await found.getByText('按手机号查找').waitFor();
    await found.getByText('*******3333').waitFor();
    expect(await found.getByText('13922223333').count()).toBe(0);
    await run.screenshot('found-by-phone');
    await run.signOut();
  });

  test('a doctor has no desk menu item and gets the no-access page at /console/desk', async () => {
    await run.signIn('doctor');
    await page.getByRole('heading', { name: /您好/ }).waitFor();
    await run.menuItem('首页').waitFor();
    expect(await run.menuItem('挂号窗口').count()).toBe(0);
    await run.open('/desk');
    await page.getByText('没有访问权限').waitFor();
    expect(await page.getByTestId('desk-find').count()).toBe(0);
    await run.screenshot('doctor-no-access');
    await run.signOut();
  });

  test('no console errors in the browser', () => {
    expect(run.problems).toEqual([]);
  });
});
