import { fireEvent, render, screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setLocale } from '../../miniapp/src/i18n';
import { setElderlyMode } from '../../miniapp/src/lib/settings';
import SchedulePage from '../../miniapp/src/packages/booking/schedule/index';
import { navigations, router, titles } from './doubles/taro';
import { BASE, DOCTOR_ID, doctor, hospital, profile, signedInServer, slot, slotList } from './fixtures';

// The schedule tells a session's state once: its waitlist when every place still to come is taken, 停诊 with the
// reason when it was stopped; the day strip says 停诊 for a stopped day, never 已约满.
const server = signedInServer();
// The first render of a file loads NutUI's modules: on a busy machine that takes longer than the default 1 s.
const LOADED = { timeout: 10_000 };
afterEach(() => {
  setLocale('zh-CN');
  setElderlyMode(false);
});

type Slot = ReturnType<typeof slot>;
const at = (id: string, session: string, start: string, end: string, over: Partial<Slot> = {}) =>
  slot({
    id,
    sessionId: session,
    startTime: start,
    endTime: end,
    startsAt: `${over.date ?? '2026-11-24'}T${String(Number(start.slice(0, 2)) - 8).padStart(2, '0')}:${start.slice(3)}:00.000Z`,
    ...over,
  });

function serve(slots: Slot[], who = doctor()) {
  server.use(
    http.get(`${BASE}/api/v1/hospital`, () => HttpResponse.json(hospital)),
    http.get(`${BASE}/api/v1/slots`, () => HttpResponse.json(slotList(slots))),
    http.get(`${BASE}/api/v1/doctors/:id`, () => HttpResponse.json(who)),
    http.get(`${BASE}/api/v1/me/profiles`, () => HttpResponse.json({ items: [profile], max: 5 })),
  );
  router.params = { doctorId: DOCTOR_ID };
}

const full = { status: 'FULL' as const, placesLeft: 0, waitlistLength: 3 };

it('offers the waitlist once for a session whose every slot is full, and none while one slot is open', async () => {
  serve([
    // Morning: one place left in three slots, so no waitlist.
    at('am-1', 'am', '08:00', '08:30', { ...full, waitlistLength: 0 }),
    at('am-2', 'am', '08:30', '09:00', { placesLeft: 1 }),
    at('am-3', 'am', '09:00', '09:30', { ...full, waitlistLength: 0 }),
    // Afternoon: every slot taken, three people waiting.
    at('pm-1', 'pm', '13:30', '14:00', { ...full, period: 'PM' }),
    at('pm-2', 'pm', '14:00', '14:30', { ...full, period: 'PM' }),
    at('pm-3', 'pm', '14:30', '15:00', { ...full, period: 'PM' }),
  ]);
  render(<SchedulePage />);
  const afternoon = await screen.findByTestId('session-pm', {}, LOADED);
  const morning = screen.getByTestId('session-am');
  expect(within(morning).queryByText('加入候补')).toBeNull();
  expect(within(morning).getByText('预约')).toBeTruthy();
  // One offer for the whole session, with its waiting count, not one per slot.
  expect(screen.getAllByText('加入候补')).toHaveLength(1);
  expect(within(afternoon).getByText('本场已约满 · 3 人候补')).toBeTruthy();
  expect(within(afternoon).getAllByText('已约满')).toHaveLength(3);
  // The session's times and fee once, in its header.
  expect(within(afternoon).getByText('13:30–15:00')).toBeTruthy();
  expect(within(afternoon).getByText('¥30.00')).toBeTruthy();

  fireEvent.click(within(afternoon).getByText('加入候补'));
  expect(navigations.at(-1)?.url).toBe(
    `/packages/booking/confirm/index?slotId=pm-1&doctorId=${DOCTOR_ID}&waitlist=1`,
  );
});

it('says 停诊 with the reason for a stopped session and offers none of its slots; a stopped day says 停诊', async () => {
  const stopped = { status: 'SUSPENDED' as const, placesLeft: 0, suspendReason: '医生外出会诊' };
  serve([
    at('mon-1', 'mon-am', '08:00', '08:30', { placesLeft: 2 }),
    at('mon-2', 'mon-pm', '13:30', '14:00', { ...stopped, period: 'PM' }),
    at('tue-1', 'tue-am', '08:00', '08:30', { ...stopped, date: '2026-11-25' }),
    at('wed-1', 'wed-am', '08:00', '08:30', { ...full, date: '2026-11-26' }),
  ]);
  render(<SchedulePage />);
  const stoppedSession = await screen.findByTestId('session-mon-pm', {}, LOADED);
  expect(within(stoppedSession).getByText('停诊：医生外出会诊')).toBeTruthy();
  expect(within(stoppedSession).queryByTestId('slot-mon-2')).toBeNull();
  expect(within(stoppedSession).queryByText('预约')).toBeNull();
  expect(within(stoppedSession).queryByText('加入候补')).toBeNull();

  // The strip: a day with a place, a stopped day, a full day.
  expect(within(screen.getByTestId('day-2026-11-24')).getByText('余 2')).toBeTruthy();
  expect(within(screen.getByTestId('day-2026-11-25')).getByText('停诊')).toBeTruthy();
  expect(within(screen.getByTestId('day-2026-11-25')).queryByText('已约满')).toBeNull();
  expect(within(screen.getByTestId('day-2026-11-26')).getByText('已约满')).toBeTruthy();

  fireEvent.click(screen.getByTestId('day-2026-11-25'));
  expect(within(screen.getByTestId('session-tue-am')).getByText('停诊：医生外出会诊')).toBeTruthy();
});

it('keeps each time range one unbroken word, in elderly mode and in English too', async () => {
  setElderlyMode(true);
  setLocale('en');
  serve([at('a', 'am', '08:00', '08:30'), at('b', 'am', '08:30', '09:00', full)]);
  render(<SchedulePage />);
  const range = await screen.findByText('08:00–08:30', {}, LOADED);
  expect(range.className).toContain('time-range');
  expect(screen.getByText('08:00–09:00').className).toContain('time-range');
  expect(screen.getByText('Book')).toBeTruthy();
  expect(document.querySelector('.page--elderly')).not.toBeNull();
});

it('names the doctor in English where the data has it, shows the default photo, and opens their page', async () => {
  setLocale('en');
  serve([at('a', 'am', '08:00', '08:30')], doctor({ nameEn: 'Wang Jianguo' }));
  render(<SchedulePage />);
  const header = await screen.findByTestId('schedule-doctor', {}, LOADED);
  expect(within(header).getByText('Wang Jianguo')).toBeTruthy();
  expect(within(header).getByText('Chief physician')).toBeTruthy();
  expect(within(header).getByText('Expert')).toBeTruthy();
  expect(within(header).getByText('Cardiology')).toBeTruthy();
  expect(within(header).getByTestId('doctor-photo').getAttribute('data-default')).toBe('true');
  expect(titles.at(-1)).toBe('Wang Jianguo');
  fireEvent.click(header);
  expect(navigations.at(-1)?.url).toBe(`/packages/booking/doctor/index?doctorId=${DOCTOR_ID}`);
});

it('opens on the day asked for', async () => {
  serve([at('a', 'one', '08:00', '08:30'), at('b', 'two', '08:00', '08:30', { date: '2026-11-25' })]);
  router.params = { doctorId: DOCTOR_ID, date: '2026-11-25' };
  render(<SchedulePage />);
  expect(await screen.findByTestId('session-two', {}, LOADED)).toBeTruthy();
  expect(screen.queryByTestId('session-one')).toBeNull();
});
