import { type BookingDetail, checkInCode } from '@hospital/shared';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { create } from 'qrcode/lib/core/qrcode';
import { QrCode, QUIET_ZONE } from '../../miniapp/src/components/qr-code';
import { setLocale } from '../../miniapp/src/i18n';
import BookingDetailPage from '../../miniapp/src/packages/booking/detail/index';
import ResultPage from '../../miniapp/src/packages/payment/result/index';
import BookingsPage from '../../miniapp/src/pages/bookings/index';
import { navigations, router } from './doubles/taro';
import { apiError, BASE, booking, signedInServer } from './fixtures';

const server = signedInServer();
const ID = booking().id;

function detail(over: Partial<BookingDetail> = {}): BookingDetail {
  return {
    ...booking({ status: 'CONFIRMED', statusLabel: '已预约', holdExpiresAt: null }),
    visitNumber: 3,
    payment: {
      orderNo: 'RG20261123000123',
      paidFen: 3000,
      // 02:05 UTC = 10:05 in the hospital (Shanghai), whatever the phone's zone.
      paidAt: '2026-11-23T02:05:00.000Z',
      orderStatus: 'PAID',
      channel: 'ONLINE',
      refundedFen: 0,
      refund: null,
    },
    ...over,
  };
}

/** The modules a rendered QR code shows, row by row (true = dark), read back from its views. */
function drawnModules(root: HTMLElement): boolean[][] {
  return Array.from(root.children, (row) =>
    Array.from(row.children).flatMap((run) =>
      Array.from({ length: Number((run as HTMLElement).style.flexGrow) }, () =>
        run.className.includes('--dark'),
      ),
    ),
  );
}

/** The texts of the page's "when" lines (date, weekday, time range, period), each read as one. */
function whenLines(): string[] {
  return Array.from(document.querySelectorAll('.booking-card__when, .info-row__value'), (el) =>
    (el.textContent ?? '').trim(),
  );
}

describe('check-in QR code', () => {
  it('draws every module of the code, with a quiet zone of four on every side', () => {
    const text = checkInCode(ID);
    render(<QrCode text={text} label="签到二维码" />);
    const drawn = drawnModules(screen.getByRole('img', { name: '签到二维码' }));
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    const size = modules.size + 2 * QUIET_ZONE;
    expect(modules.size).toBe(29); // version 3: large modules for a window scanner
    expect(drawn).toHaveLength(size);
    for (const [y, row] of drawn.entries()) {
      expect(row).toHaveLength(size);
      for (const [x, dark] of row.entries()) {
        const inside = y >= QUIET_ZONE && y < size - QUIET_ZONE && x >= QUIET_ZONE && x < size - QUIET_ZONE;
        expect(dark).toBe(inside && modules.get(y - QUIET_ZONE, x - QUIET_ZONE) === 1);
      }
    }
    // Runs of equal modules are one view each: far fewer views than modules.
    const views = screen.getByRole('img').querySelectorAll('.qr-code__run').length;
    expect(views).toBeLessThan((size * size) / 2);
  });
});

describe('booking detail', () => {
  beforeEach(() => {
    router.params = { id: ID };
  });

  it('shows the visit number, the check-in code, the doctor, the time with its weekday and what was paid', async () => {
    server.use(http.get(`${BASE}/api/v1/bookings/:id`, () => HttpResponse.json(detail())));
    render(<BookingDetailPage />);
    expect(await screen.findByTestId('visit-number')).toHaveProperty('textContent', '第 3 号');
    expect(screen.getByTestId('qr-code').getAttribute('data-text')).toBe(`CHECKIN:1:${ID.toUpperCase()}`);
    expect(screen.getByText('到院后请在挂号窗口出示此码签到')).toBeTruthy();
    expect(screen.getByText('已预约')).toBeTruthy();
    expect(screen.getByText('心血管内科')).toBeTruthy();
    expect(screen.getByText('王建国 主任医师')).toBeTruthy();
    // 24 Nov 2026 is a Tuesday.
    expect(whenLines()).toContain('2026-11-24 周二 08:00–08:30 · 上午');
    // The time range is one unbreakable piece, never `08:00–` above `08:30`.
    expect(screen.getAllByText('08:00–08:30')[0]!.className).toContain('time-range');
    expect(screen.getByText('门诊楼2层A区')).toBeTruthy();
    expect(screen.getByText('¥30.00')).toBeTruthy();
    expect(screen.getByText('RG20261123000123')).toBeTruthy();
    expect(screen.getByText('2026-11-23 10:05')).toBeTruthy();
    expect(screen.queryByTestId('stopped')).toBeNull();
  });

  it('cancels after asking, then shows the refund under way', async () => {
    let cancelled = false;
    server.use(
      http.get(`${BASE}/api/v1/bookings/:id`, () =>
        HttpResponse.json(
          cancelled
            ? detail({
                status: 'CANCELLED',
                statusLabel: '已取消',
                canCancel: false,
                cancelReason: '患者取消预约',
                payment: {
                  ...detail().payment!,
                  orderStatus: 'REFUNDING',
                  channel: 'ONLINE',
                  refund: { status: 'REQUESTED', amountFen: 3000, succeededAt: null },
                },
              })
            : detail(),
        ),
      ),
      http.post(`${BASE}/api/v1/bookings/:id/cancel`, ({ request }) => {
        expect(request.headers.get('idempotency-key')).toBeTruthy();
        cancelled = true;
        return HttpResponse.json(booking({ status: 'CANCELLED', statusLabel: '已取消' }));
      }),
    );
    render(<BookingDetailPage />);
    fireEvent.click(await screen.findByText('取消预约'));
    expect(await screen.findByText('确认取消预约？')).toBeTruthy();
    expect(cancelled).toBe(false);
    await act(async () => {
      fireEvent.click(screen.getByText('确定'));
    });
    expect(await screen.findByTestId('refund-status')).toHaveProperty('textContent', '退款中');
    expect(cancelled).toBe(true);
    expect(screen.getByText('已取消')).toBeTruthy();
    expect(screen.getAllByText('¥30.00')).toHaveLength(2); // paid, and the refund
    // No check-in code for a cancelled booking; its number stays.
    expect(screen.queryByTestId('qr-code')).toBeNull();
    expect(screen.getByTestId('visit-number').textContent).toBe('第 3 号');
    expect(screen.queryByText('取消预约')).toBeNull();
  });

  it('sends a booking paid at a registration window to the window to cancel', async () => {
    server.use(
      http.get(`${BASE}/api/v1/bookings/:id`, () =>
        HttpResponse.json(detail({ canCancel: false, payment: { ...detail().payment!, channel: 'WINDOW' } })),
      ),
    );
    render(<BookingDetailPage />);
    expect(await screen.findByText('挂号窗口缴费')).toBeTruthy();
    expect(screen.getByTestId('cancel-at-window').textContent).toBe(
      '此预约在挂号窗口缴费，如需取消，请到挂号窗口办理，费用在窗口退还。',
    );
    expect(screen.queryByText('取消预约')).toBeNull();
  });

  it('says why a cancel was refused (CANCEL_CUTOFF_PASSED) and keeps the booking', async () => {
    server.use(
      http.get(`${BASE}/api/v1/bookings/:id`, () => HttpResponse.json(detail())),
      http.post(`${BASE}/api/v1/bookings/:id/cancel`, () =>
        HttpResponse.json(apiError('CANCEL_CUTOFF_PASSED', '已超过线上取消时限，如需取消请到挂号窗口办理'), {
          status: 422,
        }),
      ),
    );
    render(<BookingDetailPage />);
    fireEvent.click(await screen.findByText('取消预约'));
    await act(async () => {
      fireEvent.click(await screen.findByText('确定'));
    });
    expect(await screen.findByText('已超过线上取消时限，如需取消请到挂号窗口办理')).toBeTruthy();
    expect(screen.getByTestId('qr-code')).toBeTruthy();
  });

  it('labels a stop-clinic 停诊 with the hospital’s reason, not as an ordinary cancel', async () => {
    server.use(
      http.get(`${BASE}/api/v1/bookings/:id`, () =>
        HttpResponse.json(
          detail({
            status: 'CANCELLED',
            statusLabel: '停诊',
            canCancel: false,
            cancelReason: '停诊：医生临时外出会诊',
            stopReason: '医生临时外出会诊',
            payment: {
              ...detail().payment!,
              orderStatus: 'REFUNDED',
              channel: 'ONLINE',
              refundedFen: 3000,
              refund: { status: 'SUCCEEDED', amountFen: 3000, succeededAt: '2026-11-23T03:00:00.000Z' },
            },
          }),
        ),
      ),
    );
    render(<BookingDetailPage />);
    expect(await screen.findByTestId('stopped')).toBeTruthy();
    expect(screen.getByText('停诊')).toBeTruthy();
    expect(screen.queryByText('已取消')).toBeNull();
    expect(screen.getByText(/医院因“医生临时外出会诊”停诊/)).toBeTruthy();
    expect(screen.getByTestId('refund-status').textContent).toBe('已退款');
    expect(screen.queryByTestId('qr-code')).toBeNull();
  });

  it('reads in English after a switch: status, weekday, visit number', async () => {
    server.use(
      http.get(`${BASE}/api/v1/bookings/:id`, () =>
        HttpResponse.json(detail({ status: 'CANCELLED', statusLabel: '停诊', stopReason: '设备检修' })),
      ),
    );
    setLocale('en');
    try {
      render(<BookingDetailPage />);
      expect(await screen.findByText('Clinic stopped')).toBeTruthy();
      expect(screen.getByTestId('visit-number').textContent).toBe('No. 3');
      expect(whenLines()).toContain('2026-11-24 Tue 08:00–08:30 · Morning');
      expect(screen.getByText('王建国 Chief physician')).toBeTruthy();
    } finally {
      setLocale('zh-CN');
    }
  });

  it('offers to pay a held booking, and no code yet', async () => {
    server.use(
      http.get(`${BASE}/api/v1/bookings/:id`, () =>
        HttpResponse.json(detail({ ...booking(), visitNumber: 4, payment: null })),
      ),
    );
    render(<BookingDetailPage />);
    expect(await screen.findByText(/待支付，剩余 \d+:\d\d/)).toBeTruthy();
    expect(screen.queryByTestId('qr-code')).toBeNull();
    fireEvent.click(screen.getByText('去支付 ¥30.00'));
    expect(navigations.at(-1)?.url).toBe(`/packages/payment/pay/index?bookingId=${ID}`);
  });
});

describe('my bookings list', () => {
  it('opens a booking’s own page from its card, and shows 停诊 in the history', async () => {
    const stopped = booking({
      id: '77777777-7777-4777-8777-777777777777',
      status: 'CANCELLED',
      statusLabel: '停诊',
      canCancel: false,
      holdExpiresAt: null,
      stopReason: '医生临时外出会诊',
    });
    server.use(
      http.get(`${BASE}/api/v1/me/bookings`, () =>
        HttpResponse.json({
          items: [booking({ status: 'CONFIRMED', statusLabel: '已预约', holdExpiresAt: null }), stopped],
        }),
      ),
      http.get(`${BASE}/api/v1/me/waitlist`, () => HttpResponse.json({ items: [] })),
    );
    render(<BookingsPage />);
    fireEvent.click(await screen.findByText('查看详情 ›'));
    expect(navigations.at(-1)).toEqual({
      kind: 'navigateTo',
      url: `/packages/booking/detail/index?id=${ID}`,
    });
    fireEvent.click(screen.getByText('历史'));
    expect(await screen.findByText('停诊')).toBeTruthy();
    expect(screen.getByText('停诊：医生临时外出会诊')).toBeTruthy();
    expect(screen.queryByText('已取消')).toBeNull();
  });

  it('keeps the order the server gives: upcoming soonest first', async () => {
    const later = booking({
      id: '88888888-8888-4888-8888-888888888888',
      status: 'CONFIRMED',
      date: '2026-11-26',
      startsAt: '2026-11-26T00:00:00.000Z',
      holdExpiresAt: null,
    });
    const sooner = booking({ status: 'CONFIRMED', holdExpiresAt: null });
    server.use(
      http.get(`${BASE}/api/v1/me/bookings`, () => HttpResponse.json({ items: [sooner, later] })),
      http.get(`${BASE}/api/v1/me/waitlist`, () => HttpResponse.json({ items: [] })),
    );
    render(<BookingsPage />);
    await screen.findAllByText('已预约');
    const cards = screen.getAllByTestId(/^booking-/).map((c) => c.getAttribute('data-testid'));
    expect(cards).toEqual([`booking-${sooner.id}`, `booking-${later.id}`]);
  });
});

describe('pay result', () => {
  it('shows the amount paid, and goes to the booking or home', async () => {
    router.params = { bookingId: ID };
    server.use(http.get(`${BASE}/api/v1/bookings/:id`, () => HttpResponse.json(detail())));
    render(<ResultPage />);
    expect(await screen.findByText('预约成功')).toBeTruthy();
    expect(screen.getByTestId('paid-amount').textContent).toBe('实付金额¥30.00');
    fireEvent.click(screen.getByText('查看预约详情'));
    expect(navigations.at(-1)).toEqual({
      kind: 'redirectTo',
      url: `/packages/booking/detail/index?id=${ID}`,
    });
    fireEvent.click(screen.getByText('返回首页'));
    await waitFor(() => expect(navigations.at(-1)).toEqual({ kind: 'switchTab', url: '/pages/home/index' }));
  });
});
