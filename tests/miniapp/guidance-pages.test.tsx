// Exam guidance pages say only what the fields say (docs/decisions/017-guidance-from-fields.md), and a place
// reads the same on the guidance, its timeline, the bookings tab and booking confirm (shared formatLocation).
import { buildGuidanceTimeline } from '@hospital/shared';
import { render, screen } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import ConfirmPage from '../../miniapp/src/packages/booking/confirm/index';
import GuidanceDetailPage from '../../miniapp/src/packages/guidance/detail/index';
import GuidanceTimelinePage from '../../miniapp/src/packages/guidance/timeline/index';
import BookingsPage from '../../miniapp/src/pages/bookings/index';
import { router } from './doubles/taro';
import {
  BASE,
  booking,
  DEPARTMENT_ID,
  EXAM_ID,
  examType,
  hospital,
  profile,
  signedInServer,
  slot,
  slotList,
} from './fixtures';

const server = signedInServer();

const PLACE = '医技楼 2层 超声科（超声1室）';

const ultrasound = examType();

const examBooking = booking({
  status: 'CONFIRMED',
  statusLabel: '已预约',
  holdExpiresAt: null,
  department: { id: DEPARTMENT_ID, name: '超声科', nameEn: null, location: '医技楼2层' },
  doctor: null,
  examType: {
    id: EXAM_ID,
    code: 'US-ABD',
    name: ultrasound.name,
    nameEn: null,
    location: { building: '医技楼', floor: '2层', room: '超声科（超声1室）' },
  },
});

beforeEach(() =>
  server.use(
    http.get(`${BASE}/api/v1/hospital`, () => HttpResponse.json(hospital)),
    http.get(`${BASE}/api/v1/exam-types/US-ABD`, () => HttpResponse.json(ultrasound)),
  ),
);

it('the guidance page states water and results as the fields say, and the place', async () => {
  router.params = { code: 'US-ABD' };
  render(<GuidanceDetailPage />);
  expect(await screen.findByText('· 检查前需禁食 8 小时，期间不要喝水')).toBeTruthy();
  expect(screen.getByText('检查结束后约 30 分钟内出结果')).toBeTruthy();
  expect(screen.getByText(ultrasound.resultReadyText)).toBeTruthy();
  expect(screen.getByText(PLACE)).toBeTruthy();
  expect(screen.queryByText(/可少量饮水|报告查询/)).toBeNull();
});

it('the timeline shows the same place and no promise of water', async () => {
  const timeline = buildGuidanceTimeline(
    ultrasound,
    { startsAt: new Date('2026-11-24T00:00:00Z'), endsAt: new Date('2026-11-24T00:30:00Z') },
    'Asia/Shanghai',
  );
  server.use(http.get(`${BASE}/api/v1/bookings/:id/guidance`, () => HttpResponse.json(timeline)));
  router.params = { bookingId: examBooking.id };
  render(<GuidanceTimelinePage />);
  expect(await screen.findByText(`检查地点：${PLACE}`)).toBeTruthy();
  expect(screen.getByText('预计当天 08:45 前出结果')).toBeTruthy();
  expect(screen.queryByText(/可少量饮水|报告查询/)).toBeNull();
});

it('the bookings tab shows the exam room, not only the department floor', async () => {
  server.use(
    http.get(`${BASE}/api/v1/me/bookings`, () => HttpResponse.json({ items: [examBooking] })),
    http.get(`${BASE}/api/v1/me/waitlist`, () => HttpResponse.json({ items: [] })),
  );
  render(<BookingsPage />);
  expect(await screen.findByText(PLACE)).toBeTruthy();
});

it('booking confirm shows the same place', async () => {
  server.use(
    http.get(`${BASE}/api/v1/slots`, () =>
      HttpResponse.json(
        slotList([
          slot({ doctorId: null, doctorName: null, examTypeId: EXAM_ID, examTypeName: ultrasound.name }),
        ]),
      ),
    ),
    http.get(`${BASE}/api/v1/me/profiles`, () => HttpResponse.json({ items: [profile], max: 5 })),
  );
  router.params = { slotId: slot().id, examTypeCode: 'US-ABD' };
  render(<ConfirmPage />);
  expect(await screen.findByText(PLACE)).toBeTruthy();
});
