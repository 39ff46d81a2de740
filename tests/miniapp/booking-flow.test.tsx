import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setLocale } from '../../miniapp/src/i18n';
import ConfirmPage from '../../miniapp/src/packages/booking/confirm/index';
import SchedulePage from '../../miniapp/src/packages/booking/schedule/index';
import PayPage from '../../miniapp/src/packages/payment/pay/index';
import ResultPage from '../../miniapp/src/packages/payment/result/index';
import BookingsPage from '../../miniapp/src/pages/bookings/index';
import { navigations, router, titles } from './doubles/taro';
import {
  apiError,
  BASE,
  booking,
  DEPARTMENT_ID,
  DOCTOR_ID,
  hospital,
  PROFILE_ID,
  profile,
  signedInServer,
  slot,
  slotList,
} from './fixtures';

const server = signedInServer();

const doctor = {
  id: DOCTOR_ID,
  code: 'D1',
  departmentId: DEPARTMENT_ID,
  departmentName: '心血管内科',
  name: '王建国',
  title: 'CHIEF_PHYSICIAN',
  titleLabel: '主任医师',
  feeCategory: 'EXPERT',
  feeFen: 3000,
  specialty: '高血压',
  bio: '',
  active: true,
};

function catalogHandlers(slots = [slot()]) {
  return [
    http.get(`${BASE}/api/v1/hospital`, () => HttpResponse.json(hospital)),
    http.get(`${BASE}/api/v1/slots`, () => HttpResponse.json(slotList(slots))),
    http.get(`${BASE}/api/v1/doctors/:id`, () => HttpResponse.json(doctor)),
    http.get(`${BASE}/api/v1/departments`, () =>
      HttpResponse.json({
        items: [
          {
            id: DEPARTMENT_ID,
            code: 'CARDIO',
            name: '心血管内科',
            nameEn: null,
            description: '',
            location: '门诊楼2层A区',
            sortOrder: 1,
            active: true,
            doctorCount: 1,
          },
        ],
      }),
    ),
    http.get(`${BASE}/api/v1/me/profiles`, () => HttpResponse.json({ items: [profile], max: 5 })),
  ];
}

describe('schedule', () => {
  it('shows places left, "opens at 07:00" in hospital time, and the waitlist of a full session', async () => {
    server.use(
      ...catalogHandlers([
        slot(),
        slot({
          id: 'full-slot',
          sessionId: 'full-session',
          period: 'PM',
          startTime: '13:30',
          endTime: '14:00',
          startsAt: '2026-11-24T05:30:00.000Z',
          status: 'FULL',
          placesLeft: 0,
          waitlistLength: 2,
        }),
        slot({
          id: 'later-slot',
          date: '2026-11-30',
          startsAt: '2026-11-30T00:00:00.000Z',
          status: 'NOT_RELEASED',
          releaseAt: '2026-11-29T23:00:00.000Z',
        }),
      ]),
    );
    router.params = { doctorId: DOCTOR_ID };
    render(<SchedulePage />);
    // The first render of the file loads NutUI's modules: give a busy machine longer than the default 1 s.
    expect(await screen.findByText('本场已约满 · 2 人候补', {}, { timeout: 10_000 })).toBeTruthy();
    // The day's places (in the day strip) and the slot's.
    expect(screen.getAllByText('余 2')).toHaveLength(2);
    // 23:00 UTC the day before is 07:00 in Shanghai, whatever the device's zone.
    expect(screen.getAllByText('07:00 开放').length).toBeGreaterThan(0);

    fireEvent.click(screen.getByText('加入候补'));
    expect(navigations.at(-1)?.url).toContain('waitlist=1');
    fireEvent.click(screen.getByText('预约'));
    expect(navigations.at(-1)?.url).toMatch(/^\/packages\/booking\/confirm\/index\?slotId=/);
  });

  it('shows the error with a retry when the network is down, then recovers', async () => {
    server.use(
      http.get(`${BASE}/api/v1/slots`, () => HttpResponse.error()),
      ...catalogHandlers(),
    );
    router.params = { doctorId: DOCTOR_ID };
    render(<SchedulePage />);
    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    server.resetHandlers(...catalogHandlers());
    fireEvent.click(screen.getByText('重试'));
    expect((await screen.findAllByText('余 2')).length).toBeGreaterThan(0);
  });
});

describe('confirm', () => {
  beforeEach(() => server.use(...catalogHandlers()));
  async function renderConfirm() {
    router.params = { slotId: slot().id, doctorId: DOCTOR_ID };
    render(<ConfirmPage />);
    await screen.findByText('张三');
    await screen.findByText(/前可在线取消/);
  }

  it('books with an Idempotency-Key and goes on to pay', async () => {
    let key: string | null = null;
    let body: unknown;
    server.use(
      http.post(`${BASE}/api/v1/bookings`, async ({ request }) => {
        key = request.headers.get('idempotency-key');
        body = await request.json();
        return HttpResponse.json(booking(), { status: 201 });
      }),
    );
    await renderConfirm();
    // Cancel cutoff from the hospital rules, in hospital time: 08:00 − 2 h.
    expect(
      screen.getByText('2026-11-24 06:00 前可在线取消（就诊前 2 小时），之后请到挂号窗口办理'),
    ).toBeTruthy();
    fireEvent.click(screen.getByText('确认预约'));
    await waitFor(() => expect(navigations.at(-1)?.kind).toBe('redirectTo'));
    expect(navigations.at(-1)?.url).toBe(`/packages/payment/pay/index?bookingId=${booking().id}`);
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(body).toEqual({ slotId: slot().id, profileId: PROFILE_ID });
  });

  it('on SLOT_FULL shows the message and offers the waitlist', async () => {
    let joined: unknown;
    server.use(
      http.post(`${BASE}/api/v1/bookings`, () =>
        HttpResponse.json(apiError('SLOT_FULL', '该时段号源已约满，可选择其他时段或加入候补'), {
          status: 409,
        }),
      ),
      http.post(`${BASE}/api/v1/waitlist`, async ({ request }) => {
        joined = await request.json();
        return HttpResponse.json({ id: 'w1', status: 'WAITING' }, { status: 201 });
      }),
    );
    await renderConfirm();
    fireEvent.click(screen.getByText('确认预约'));
    expect(await screen.findByText('该时段号源已约满，可选择其他时段或加入候补')).toBeTruthy();
    fireEvent.click(screen.getByText('加入候补'));
    fireEvent.click(await screen.findByText('确认加入候补'));
    expect(await screen.findByText('已加入候补，可在“预约 · 候补”中查看')).toBeTruthy();
    expect(joined).toEqual({ sessionId: slot().sessionId, profileId: PROFILE_ID });
  });

  it.each([
    ['LIMIT_DEPARTMENT_DAY', '同一就诊人同一科室每天只能预约 1 个号'],
    ['LIMIT_ACTIVE_BOOKINGS', '该就诊人待就诊的预约已达上限，请先就诊或取消部分预约'],
    ['LIMIT_DOCTOR_SESSION', '同一就诊人同一医生同一时段（上午/下午）只能预约 1 个号'],
  ])('shows the limit message for %s and stays on the page', async (code, message) => {
    server.use(
      http.post(`${BASE}/api/v1/bookings`, () => HttpResponse.json(apiError(code, message), { status: 422 })),
    );
    await renderConfirm();
    fireEvent.click(screen.getByText('确认预约'));
    expect(await screen.findByText(message)).toBeTruthy();
    expect(navigations).toHaveLength(0);
  });

  it('keeps the same Idempotency-Key when retrying after the network dropped', async () => {
    const keys: (string | null)[] = [];
    server.use(
      http.post(`${BASE}/api/v1/bookings`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        return keys.length === 1 ? HttpResponse.error() : HttpResponse.json(booking(), { status: 201 });
      }),
    );
    await renderConfirm();
    fireEvent.click(screen.getByText('确认预约'));
    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    fireEvent.click(screen.getByText('确认预约'));
    await waitFor(() => expect(navigations.at(-1)?.kind).toBe('redirectTo'));
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });
});

describe('pay', () => {
  it('pays with the local stand-in and opens the result page', async () => {
    let confirmed = '';
    server.use(
      http.get(`${BASE}/api/v1/bookings/:id`, () => HttpResponse.json(booking())),
      http.post(`${BASE}/api/v1/bookings/:id/pay`, ({ request }) => {
        expect(request.headers.get('idempotency-key')).toBeTruthy();
        return HttpResponse.json({
          provider: 'local',
          order: { orderNo: 'ORDER123456', amountFen: 3000 },
          clientParams: {
            appId: 'a',
            timeStamp: '1',
            nonceStr: 'n',
            package: 'p',
            signType: 'RSA',
            paySign: 's',
          },
        });
      }),
      http.post(`${BASE}/api/v1/payments/local/:orderNo/confirm`, ({ params }) => {
        confirmed = String(params.orderNo);
        return HttpResponse.json({ orderNo: params.orderNo, status: 'PAID' });
      }),
    );
    router.params = { bookingId: booking().id };
    render(<PayPage />);
    expect(await screen.findByTestId('hold-countdown')).toBeTruthy();
    fireEvent.click(screen.getByText('立即支付 ¥30.00'));
    fireEvent.click(await screen.findByText('模拟支付（本地测试） ¥30.00'));
    await waitFor(() => expect(navigations.at(-1)?.kind).toBe('redirectTo'));
    expect(confirmed).toBe('ORDER123456');
    expect(navigations.at(-1)?.url).toBe(`/packages/payment/result/index?bookingId=${booking().id}`);
  });

  it('on HOLD_EXPIRED explains and offers to book again', async () => {
    server.use(
      http.get(`${BASE}/api/v1/bookings/:id`, () => HttpResponse.json(booking())),
      http.post(`${BASE}/api/v1/bookings/:id/pay`, () =>
        HttpResponse.json(apiError('HOLD_EXPIRED', '支付已超时，号源已释放，请重新预约'), { status: 422 }),
      ),
    );
    router.params = { bookingId: booking().id };
    render(<PayPage />);
    fireEvent.click(await screen.findByText('立即支付 ¥30.00'));
    expect(await screen.findByText('支付已超时，号源已释放，请重新预约')).toBeTruthy();
    fireEvent.click(screen.getByText('重新预约'));
    expect(navigations.at(-1)?.url).toBe(`/packages/booking/schedule/index?doctorId=${DOCTOR_ID}`);
  });
});

describe('my bookings', () => {
  it('asks before cancelling and shows CANCEL_CUTOFF_PASSED', async () => {
    server.use(
      http.get(`${BASE}/api/v1/me/bookings`, () =>
        HttpResponse.json({
          items: [booking({ status: 'CONFIRMED', statusLabel: '已预约', holdExpiresAt: null })],
        }),
      ),
      http.get(`${BASE}/api/v1/me/waitlist`, () => HttpResponse.json({ items: [] })),
      http.post(`${BASE}/api/v1/bookings/:id/cancel`, () =>
        HttpResponse.json(apiError('CANCEL_CUTOFF_PASSED', '已超过线上取消时限，如需取消请到挂号窗口办理'), {
          status: 422,
        }),
      ),
    );
    render(<BookingsPage />);
    expect(await screen.findByText('已预约')).toBeTruthy();
    // The cancel deadline in hospital time (22:00 UTC = 06:00 next day in Shanghai).
    expect(screen.getByText('2026-11-24 06:00 前可在线取消')).toBeTruthy();
    fireEvent.click(screen.getByText('取消预约'));
    expect(await screen.findByText('确认取消预约？')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByText('确定'));
    });
    expect(await screen.findByText('已超过线上取消时限，如需取消请到挂号窗口办理')).toBeTruthy();
  });

  it('shows a held booking with its countdown and a pay link', async () => {
    server.use(
      http.get(`${BASE}/api/v1/me/bookings`, () => HttpResponse.json({ items: [booking()] })),
      http.get(`${BASE}/api/v1/me/waitlist`, () => HttpResponse.json({ items: [] })),
    );
    render(<BookingsPage />);
    expect(await screen.findByText(/待支付，剩余 \d+:\d\d/)).toBeTruthy();
    fireEvent.click(screen.getByText('去支付'));
    expect(navigations.at(-1)?.url).toBe(`/packages/payment/pay/index?bookingId=${booking().id}`);
  });

  it('shows statuses, titles and periods in English when the patient switched to English', async () => {
    // The server's own labels are Chinese here on purpose: the app renders enums in the chosen locale.
    server.use(
      http.get(`${BASE}/api/v1/me/bookings`, () =>
        HttpResponse.json({
          items: [booking({ status: 'CONFIRMED', statusLabel: '已预约', holdExpiresAt: null })],
        }),
      ),
      http.get(`${BASE}/api/v1/me/waitlist`, () => HttpResponse.json({ items: [] })),
    );
    setLocale('en');
    try {
      render(<BookingsPage />);
      expect(await screen.findByText('Booked')).toBeTruthy();
      expect(screen.getByText(/王建国 Chief physician/)).toBeTruthy();
      expect(screen.getByText(/· Morning$/)).toBeTruthy();
      expect(screen.queryByText('已预约')).toBeNull();
      // Switching back relabels what is on screen without reloading it.
      act(() => setLocale('zh-CN'));
      expect(await screen.findByText('已预约')).toBeTruthy();
      expect(screen.getByText(/王建国 主任医师/)).toBeTruthy();
    } finally {
      setLocale('zh-CN');
    }
  });

  it('titles the page in the chosen language, and again after a switch', async () => {
    router.params = { bookingId: booking().id };
    server.use(
      http.get(`${BASE}/api/v1/bookings/:id`, () =>
        HttpResponse.json(booking({ status: 'CONFIRMED', statusLabel: '已预约', holdExpiresAt: null })),
      ),
    );
    try {
      render(<ResultPage />);
      await waitFor(() => expect(titles.at(-1)).toBe('预约结果'));
      act(() => setLocale('en'));
      await waitFor(() => expect(titles.at(-1)).toBe('Booking result'));
    } finally {
      setLocale('zh-CN');
    }
  });

  it('shows an empty state with a way to book', async () => {
    server.use(
      http.get(`${BASE}/api/v1/me/bookings`, () => HttpResponse.json({ items: [] })),
      http.get(`${BASE}/api/v1/me/waitlist`, () => HttpResponse.json({ items: [] })),
    );
    render(<BookingsPage />);
    expect(await screen.findByText('暂无预约')).toBeTruthy();
    fireEvent.click(screen.getByText('去预约'));
    expect(navigations.at(-1)).toEqual({ kind: 'switchTab', url: '/pages/home/index' });
  });
});
