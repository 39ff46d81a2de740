import type { Restriction } from '@hospital/shared';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setLocale } from '../../miniapp/src/i18n';
import SchedulePage from '../../miniapp/src/packages/booking/schedule/index';
import { navigations, router } from './doubles/taro';
import {
  BASE,
  DEPARTMENT_ID,
  DOCTOR_ID,
  hospital,
  profile,
  signedInServer,
  slot,
  slotList,
} from './fixtures';

// Before a slot is picked, a profile the department, doctor or exam does not accept sees why, and is offered no
// place (docs/decisions/018-eligibility.md). 张三 (the fixture) is a man born in 1980.
const server = signedInServer();
afterEach(() => setLocale('zh-CN'));

const woman = {
  ...profile,
  id: '77777777-7777-4777-8777-777777777777',
  name: '李四',
  sex: 'FEMALE' as const,
};
const child = {
  ...profile,
  id: '88888888-8888-4888-8888-888888888888',
  name: '小明',
  relationship: 'CHILD' as const,
  birthDate: '2011-11-25',
};

function doctorIn(restrictions: Restriction[]) {
  return {
    id: DOCTOR_ID,
    code: 'D1',
    departmentId: DEPARTMENT_ID,
    departmentName: restrictions[0]?.name ?? '心血管内科',
    name: '王建国',
    title: 'CHIEF_PHYSICIAN',
    titleLabel: '主任医师',
    feeCategory: 'EXPERT',
    feeFen: 3000,
    specialty: '',
    bio: '',
    active: true,
    allowedSex: null,
    minAge: null,
    maxAge: null,
    restrictions,
  };
}

function handlers(restrictions: Restriction[], profiles = [profile, woman], slots = [slot()]) {
  server.use(
    http.get(`${BASE}/api/v1/hospital`, () => HttpResponse.json(hospital)),
    http.get(`${BASE}/api/v1/slots`, () => HttpResponse.json(slotList(slots))),
    http.get(`${BASE}/api/v1/doctors/:id`, () => HttpResponse.json(doctorIn(restrictions))),
    http.get(`${BASE}/api/v1/me/profiles`, () => HttpResponse.json({ items: profiles, max: 5 })),
  );
  router.params = { doctorId: DOCTOR_ID };
}

const OBGYN: Restriction = {
  scope: 'DEPARTMENT',
  name: '妇产科',
  nameEn: 'Obstetrics and Gynecology',
  allowedSex: 'FEMALE',
  minAge: null,
  maxAge: null,
};
const PEDIATRICS: Restriction = {
  scope: 'DEPARTMENT',
  name: '儿科',
  nameEn: null,
  allowedSex: null,
  minAge: null,
  maxAge: 14,
};

it('tells a man why 妇产科 cannot be booked for him, offers no place, and books once a woman is picked', async () => {
  handlers([OBGYN]);
  render(<SchedulePage />);
  const notice = await screen.findByTestId('eligibility');
  expect(within(notice).getByText('接诊范围')).toBeTruthy();
  expect(within(notice).getByText('妇产科 仅限女性患者')).toBeTruthy();
  expect((await screen.findByTestId('eligibility-refused')).textContent).toBe(
    '张三：妇产科仅限女性患者，该就诊人为男性，不能预约',
  );
  const row = screen.getByTestId(`slot-${slot().id}`);
  expect(within(row).getByText('不可预约')).toBeTruthy();
  expect(within(row).queryByText('预约')).toBeNull();

  fireEvent.click(screen.getByTestId(`eligibility-profile-${woman.id}`));
  expect(screen.queryByTestId('eligibility-refused')).toBeNull();
  fireEvent.click(within(row).getByText('预约'));
  expect(navigations.at(-1)?.url).toMatch(/^\/packages\/booking\/confirm\/index\?slotId=/);
});

it('counts age on each slot’s day: a child is refused at 儿科 from their 15th birthday on', async () => {
  handlers(
    [PEDIATRICS],
    [child],
    [
      slot({
        id: 'day-before',
        sessionId: 'day-before',
        date: '2026-11-24',
        startsAt: '2026-11-24T00:00:00.000Z',
      }),
      slot({
        id: 'birthday',
        sessionId: 'birthday',
        date: '2026-11-25',
        startsAt: '2026-11-25T00:00:00.000Z',
      }),
    ],
  );
  render(<SchedulePage />);
  await screen.findByTestId('eligibility');
  // The first day shown is the day before the birthday: 14, bookable, no alert.
  expect(screen.queryByTestId('eligibility-refused')).toBeNull();
  expect(within(screen.getByTestId('slot-day-before')).getByText('预约')).toBeTruthy();
  fireEvent.click(screen.getByTestId('day-2026-11-25'));
  // One profile: no picker, and the sentence without the name.
  expect(screen.queryByTestId(`eligibility-profile-${child.id}`)).toBeNull();
  expect((await screen.findByTestId('eligibility-refused')).textContent).toBe(
    '儿科仅限 14 周岁及以下的患者，该就诊人 15 周岁，不能预约',
  );
  expect(within(screen.getByTestId('slot-birthday')).getByText('不可预约')).toBeTruthy();
});

it('speaks English, naming the department by its English name, and says nothing where anyone may book', async () => {
  setLocale('en');
  handlers([OBGYN], [profile]);
  const { unmount } = render(<SchedulePage />);
  expect((await screen.findByTestId('eligibility-refused')).textContent).toBe(
    'Obstetrics and Gynecology is only for female patients; this patient is male and cannot be booked',
  );
  expect(screen.getByText('Obstetrics and Gynecology only for female patients')).toBeTruthy();
  expect(screen.getByTestId('eligibility').textContent).not.toContain('妇产科');
  expect(screen.getByText('Not for this patient')).toBeTruthy();
  unmount();

  handlers([]);
  render(<SchedulePage />);
  expect((await screen.findAllByText('Book')).length).toBeGreaterThan(0);
  expect(screen.queryByTestId('eligibility')).toBeNull();
});
