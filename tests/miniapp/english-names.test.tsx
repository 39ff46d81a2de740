// Names the hospital writes show in English where the data has them (docs/decisions/026): the home page's
// departments, the exam guidance pages, bookings, bills, fees and the data held, through the shared `localName`.
import type { PrivacyExport, WaitlistEntryView } from '@hospital/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setLocale } from '../../miniapp/src/i18n';
import ConfirmPage from '../../miniapp/src/packages/booking/confirm/index';
import BookingDetailPage from '../../miniapp/src/packages/booking/detail/index';
import SchedulePage from '../../miniapp/src/packages/booking/schedule/index';
import GuidanceListPage from '../../miniapp/src/packages/guidance/list/index';
import BillsPage from '../../miniapp/src/packages/payment/bills/index';
import FeesPage from '../../miniapp/src/packages/payment/fees/index';
import PrivacyDataPage from '../../miniapp/src/packages/privacy/data/index';
import BookingsPage from '../../miniapp/src/pages/bookings/index';
import HomePage from '../../miniapp/src/pages/home/index';
import { navigations, router } from './doubles/taro';
import {
  BASE,
  booking,
  DEPARTMENT_ID,
  DOCTOR_ID,
  EXAM_ID,
  examType,
  PROFILE_ID,
  profile,
  signedInServer,
  slot,
  slotList,
} from './fixtures';

const server = signedInServer();

const departments = [
  { id: DEPARTMENT_ID, code: 'CARDIO', name: '心血管内科', nameEn: 'Cardiology', location: '门诊楼2层' },
  { id: '88888888-8888-4888-8888-888888888888', code: 'NEW', name: '新设科室', nameEn: null, location: '' },
];

const exam = {
  code: 'US-ABD',
  name: '腹部超声（肝胆胰脾）',
  nameEn: 'Abdominal ultrasound',
  category: 'IMAGING',
  departmentName: '超声科',
  departmentNameEn: 'Ultrasound',
  feeFen: 12000,
};

beforeEach(() =>
  server.use(
    http.get(`${BASE}/api/v1/departments`, () => HttpResponse.json({ items: departments })),
    http.get(`${BASE}/api/v1/notices`, () => HttpResponse.json({ items: [] })),
    http.get(`${BASE}/api/v1/exam-types`, () => HttpResponse.json({ items: [exam] })),
  ),
);
afterEach(() => setLocale('zh-CN'));

it('the home page lists departments by their English names in English, the hospital’s name otherwise', async () => {
  setLocale('en');
  render(<HomePage />);
  const cardiology = await screen.findByText('Cardiology');
  expect(screen.getByText('新设科室')).toBeTruthy();
  expect(screen.queryByText('心血管内科')).toBeNull();
  cardiology.click();
  expect(navigations.at(-1)?.url).toBe(
    `/packages/booking/doctors/index?departmentId=${DEPARTMENT_ID}&name=Cardiology`,
  );
});

it('the home page keeps the Chinese names in Chinese', async () => {
  render(<HomePage />);
  expect(await screen.findByText('心血管内科')).toBeTruthy();
  expect(screen.queryByText('Cardiology')).toBeNull();
});

it('the guidance list names the exam and its department in English', async () => {
  setLocale('en');
  render(<GuidanceListPage />);
  expect(await screen.findByText('Abdominal ultrasound')).toBeTruthy();
  expect(screen.getByText('Ultrasound · ¥120.00')).toBeTruthy();
});

// ---- bookings, bills, fees and the data held: every name the hospital writes, in English where it has one

const english = {
  department: { id: DEPARTMENT_ID, name: '心血管内科', nameEn: 'Cardiology', location: '门诊楼2层A区' },
  doctor: {
    id: DOCTOR_ID,
    name: '王建国',
    nameEn: 'Wang Jianguo',
    title: 'CHIEF_PHYSICIAN' as const,
    titleLabel: 'Chief physician',
  },
};
const ultrasound = examType({ nameEn: 'Abdominal ultrasound', departmentNameEn: 'Ultrasound' });
const examBooking = booking({
  id: '99999999-9999-4999-8999-999999999999',
  department: { id: DEPARTMENT_ID, name: '超声科', nameEn: 'Ultrasound', location: '医技楼2层' },
  doctor: null,
  examType: {
    id: EXAM_ID,
    code: ultrasound.code,
    name: ultrasound.name,
    nameEn: 'Abdominal ultrasound',
    location: { building: '医技楼', floor: '2层', room: '超声科（超声1室）' },
  },
});
const waiting: WaitlistEntryView = {
  id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  status: 'WAITING',
  sessionId: '55555555-5555-4555-8555-555555555555',
  date: '2026-11-25',
  period: 'PM',
  profile: { id: PROFILE_ID, name: '张三' },
  departmentName: '心血管内科',
  departmentNameEn: 'Cardiology',
  doctorName: '王建国',
  doctorNameEn: 'Wang Jianguo',
  examTypeName: null,
  examTypeNameEn: null,
  position: 1,
  bookingId: null,
  createdAt: '2026-11-23T02:00:00.000Z',
};

/**
 * No Chinese name of a department, doctor or exam left on screen. A patient's own name (张三) is theirs, and a
 * place (医技楼 2层 超声科（超声1室）) has no English in the data: both stay as written.
 */
function noChineseNames() {
  const shown = document.body.textContent ?? '';
  for (const zh of ['心血管内科', '王建国', '腹部超声（肝胆胰脾）']) expect(shown).not.toContain(zh);
  expect(screen.queryByText('超声科')).toBeNull();
}

describe('in English', () => {
  beforeEach(() => setLocale('en'));

  it('the bookings tab names the department, doctor and exam of each card and waitlist entry', async () => {
    server.use(
      http.get(`${BASE}/api/v1/me/bookings`, () =>
        HttpResponse.json({ items: [booking(english), examBooking] }),
      ),
      http.get(`${BASE}/api/v1/me/waitlist`, () => HttpResponse.json({ items: [waiting] })),
    );
    render(<BookingsPage />);
    expect(await screen.findByText('Cardiology · Wang Jianguo Chief physician')).toBeTruthy();
    expect(screen.getByText('Abdominal ultrasound')).toBeTruthy();
    noChineseNames();
    fireEvent.click(screen.getByText('Waitlist'));
    expect(await screen.findByText('Cardiology · Wang Jianguo')).toBeTruthy();
    noChineseNames();
  });

  it('a booking’s own page names its department and doctor, or its exam', async () => {
    const detail = { visitNumber: 3, payment: null };
    server.use(
      http.get(`${BASE}/api/v1/bookings/:id`, ({ params }) =>
        HttpResponse.json(
          params.id === examBooking.id ? { ...examBooking, ...detail } : { ...booking(english), ...detail },
        ),
      ),
    );
    router.params = { id: booking().id };
    const { unmount } = render(<BookingDetailPage />);
    expect(await screen.findByText('Wang Jianguo Chief physician')).toBeTruthy();
    expect(screen.getByText('Cardiology')).toBeTruthy();
    noChineseNames();
    unmount();
    router.params = { id: examBooking.id };
    render(<BookingDetailPage />);
    expect((await screen.findAllByText('Abdominal ultrasound')).length).toBeGreaterThan(0);
    expect(screen.getByText('Ultrasound')).toBeTruthy();
    noChineseNames();
  });

  it('the exam’s schedule and its confirm page name the exam and its department', async () => {
    const examSlot = slot({
      doctorId: null,
      doctorName: null,
      examTypeId: EXAM_ID,
      examTypeName: ultrasound.name,
      examTypeNameEn: 'Abdominal ultrasound',
    });
    server.use(
      http.get(`${BASE}/api/v1/exam-types/:code`, () => HttpResponse.json(ultrasound)),
      http.get(`${BASE}/api/v1/slots`, () => HttpResponse.json(slotList([examSlot]))),
      http.get(`${BASE}/api/v1/me/profiles`, () => HttpResponse.json({ items: [profile] })),
    );
    router.params = { examTypeCode: ultrasound.code };
    const { unmount } = render(<SchedulePage />);
    expect(await screen.findByText('Abdominal ultrasound', {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByText(/^Ultrasound · Fee/)).toBeTruthy();
    noChineseNames();
    unmount();
    router.params = { slotId: examSlot.id, examTypeCode: ultrasound.code };
    render(<ConfirmPage />);
    expect(await screen.findByText('Abdominal ultrasound')).toBeTruthy();
    noChineseNames();
  });

  it('the confirm page of a doctor’s slot names the doctor', async () => {
    server.use(
      http.get(`${BASE}/api/v1/slots`, () =>
        HttpResponse.json(slotList([slot({ doctorNameEn: 'Wang Jianguo' })])),
      ),
      http.get(`${BASE}/api/v1/departments`, () => HttpResponse.json({ items: departments })),
      http.get(`${BASE}/api/v1/me/profiles`, () => HttpResponse.json({ items: [profile] })),
    );
    router.params = { slotId: slot().id, doctorId: DOCTOR_ID };
    render(<ConfirmPage />);
    expect(await screen.findByText('Wang Jianguo')).toBeTruthy();
    expect(screen.queryByText('王建国')).toBeNull();
  });

  it('my bills name the department; the fee list names each exam and its department', async () => {
    server.use(
      http.get(`${BASE}/api/v1/me/bills`, () =>
        HttpResponse.json({
          items: [
            {
              bookingId: booking().id,
              date: '2026-11-24',
              startTime: '08:00',
              profileName: '张三',
              departmentName: '心血管内科',
              departmentNameEn: 'Cardiology',
              item: 'Registration · Wang Jianguo',
              orders: [],
              paidFen: 3000,
              refundedFen: 0,
              netFen: 3000,
            },
          ],
        }),
      ),
      http.get(`${BASE}/api/v1/fees`, () =>
        HttpResponse.json({
          registration: [],
          exams: [
            {
              code: ultrasound.code,
              name: ultrasound.name,
              nameEn: 'Abdominal ultrasound',
              departmentName: '超声科',
              departmentNameEn: 'Ultrasound',
              feeFen: 12000,
            },
          ],
        }),
      ),
    );
    const { unmount } = render(<BillsPage />);
    expect(await screen.findByText('Cardiology')).toBeTruthy();
    noChineseNames();
    unmount();
    render(<FeesPage />);
    expect(await screen.findByText('Abdominal ultrasound')).toBeTruthy();
    expect(screen.getByText('Ultrasound')).toBeTruthy();
    noChineseNames();
  });

  it('“my data” names the departments, doctors and exams of the bookings and waitlist held', async () => {
    const held: Partial<PrivacyExport> = {
      exportedAt: '2026-11-23T02:00:00.000Z',
      policyVersion: '1',
      account: {
        id: '77777777-7777-4777-8777-777777777777',
        createdAt: '2026-11-01T00:00:00.000Z',
        lastLoginAt: null,
        profileCount: 1,
        signIn: 'WECHAT',
      },
      profiles: [],
      bookings: [booking(english), examBooking],
      waitlist: [waiting],
      bills: [],
      consents: [],
    };
    server.use(http.get(`${BASE}/api/v1/me/data`, () => HttpResponse.json(held)));
    render(<PrivacyDataPage />);
    expect(await screen.findByText(/08:00 Cardiology Wang Jianguo · 张三/)).toBeTruthy();
    expect(screen.getByText(/08:00 Ultrasound Abdominal ultrasound · 张三/)).toBeTruthy();
    expect(screen.getByText(/Afternoon Cardiology · Wang Jianguo · 张三/)).toBeTruthy();
    noChineseNames();
  });
});
