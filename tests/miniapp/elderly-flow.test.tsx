import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setElderlyMode } from '../../miniapp/src/lib/settings';
import ConfirmPage from '../../miniapp/src/packages/booking/confirm/index';
import PayPage from '../../miniapp/src/packages/payment/pay/index';
import HomePage from '../../miniapp/src/pages/home/index';
import { navigations, router } from './doubles/taro';
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
afterEach(() => setElderlyMode(false));

const department = {
  id: DEPARTMENT_ID,
  code: 'CARDIO',
  name: '心血管内科',
  nameEn: null,
  description: '',
  location: '门诊楼2层A区',
  sortOrder: 1,
  active: true,
  doctorCount: 1,
};

const ORDER_NO = 'ORDER123456';

/** The catalog, the profiles, and booking / pay / confirm endpoints that record the order of the calls. */
function handlers(calls: string[], profiles = [profile]) {
  return [
    http.get(`${BASE}/api/v1/hospital`, () => HttpResponse.json(hospital)),
    http.get(`${BASE}/api/v1/slots`, () => HttpResponse.json(slotList([slot()]))),
    http.get(`${BASE}/api/v1/departments`, () => HttpResponse.json({ items: [department] })),
    http.get(`${BASE}/api/v1/me/profiles`, () => HttpResponse.json({ items: profiles, max: 5 })),
    http.post(`${BASE}/api/v1/bookings`, async ({ request }) => {
      calls.push(`book ${JSON.stringify(await request.json())}`);
      return HttpResponse.json(booking(), { status: 201 });
    }),
    http.post(`${BASE}/api/v1/bookings/:id/pay`, ({ params, request }) => {
      expect(request.headers.get('idempotency-key')).toBeTruthy();
      calls.push(`pay ${String(params.id)}`);
      return HttpResponse.json({
        provider: 'local',
        order: { orderNo: ORDER_NO, amountFen: 3000 },
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
      calls.push(`confirm ${String(params.orderNo)}`);
      return HttpResponse.json({ orderNo: params.orderNo, status: 'PAID' });
    }),
  ];
}

async function renderConfirm() {
  router.params = { slotId: slot().id, doctorId: DOCTOR_ID };
  render(<ConfirmPage />);
  await screen.findByText('张三');
  await screen.findByText(/前可在线取消/);
}

describe('elderly mode', () => {
  it('preselects the only profile as a card and books and pays in one tap', async () => {
    const calls: string[] = [];
    server.use(...handlers(calls));
    setElderlyMode(true);
    await renderConfirm();
    // The patient is shown as a card with 更换, not a picker.
    expect(screen.getByTestId('elderly-profile')).toBeTruthy();
    expect(screen.getByText('更换')).toBeTruthy();

    fireEvent.click(screen.getByText('预约并支付'));
    await waitFor(() => expect(navigations.at(-1)?.kind).toBe('redirectTo'));
    expect(calls).toEqual([
      `book ${JSON.stringify({ slotId: slot().id, profileId: PROFILE_ID })}`,
      `pay ${booking().id}`,
      `confirm ${ORDER_NO}`,
    ]);
    // Straight to the result page: the pay page is skipped.
    expect(navigations).toEqual([
      { kind: 'redirectTo', url: `/packages/payment/result/index?bookingId=${booking().id}` },
    ]);
  });

  it('preselects the SELF profile among several; 更换 opens the picker', async () => {
    const calls: string[] = [];
    const other = {
      ...profile,
      id: '77777777-7777-4777-8777-777777777777',
      name: '李四',
      relationship: 'PARENT' as const,
    };
    server.use(...handlers(calls, [other, profile]));
    setElderlyMode(true);
    router.params = { slotId: slot().id, doctorId: DOCTOR_ID };
    render(<ConfirmPage />);
    const card = await screen.findByTestId('elderly-profile');
    expect(card.textContent).toContain('张三');
    expect(card.textContent).not.toContain('李四');
    fireEvent.click(screen.getByText('更换'));
    expect(await screen.findByText('李四')).toBeTruthy();
    expect(screen.queryByTestId('elderly-profile')).toBeNull();
  });

  it('names a child without an ID of their own by their guardian, where others show their masked number', async () => {
    const calls: string[] = [];
    const child = {
      ...profile,
      name: '王小雨',
      idType: 'CHILD_NO_ID' as const,
      idNumberMasked: null,
      guardian: { name: '王芳', idType: 'RESIDENT_ID' as const, idNumberMasked: '1****************4' },
      relationship: 'CHILD' as const,
    };
    server.use(...handlers(calls, [child]));
    setElderlyMode(true);
    router.params = { slotId: slot().id, doctorId: DOCTOR_ID };
    render(<ConfirmPage />);
    const card = await screen.findByTestId('elderly-profile');
    expect(card.textContent).toContain('王小雨');
    expect(card.textContent).toContain('监护人 王芳');
  });

  it('after a network drop while paying, retries only the payment with the same Idempotency-Key', async () => {
    const calls: string[] = [];
    const payKeys: (string | null)[] = [];
    server.use(
      http.post(`${BASE}/api/v1/bookings/:id/pay`, ({ request }) => {
        payKeys.push(request.headers.get('idempotency-key'));
        if (payKeys.length === 1) return HttpResponse.error();
        return HttpResponse.json({
          provider: 'local',
          order: { orderNo: ORDER_NO, amountFen: 3000 },
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
      ...handlers(calls),
    );
    setElderlyMode(true);
    await renderConfirm();
    fireEvent.click(screen.getByText('预约并支付'));
    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    fireEvent.click(screen.getByText('立即支付 ¥30.00'));
    await waitFor(() => expect(navigations.at(-1)?.kind).toBe('redirectTo'));
    expect(navigations.at(-1)?.url).toBe(`/packages/payment/result/index?bookingId=${booking().id}`);
    // Booked once; the payment retried with its key.
    expect(calls.filter((c) => c.startsWith('book'))).toHaveLength(1);
    expect(payKeys).toHaveLength(2);
    expect(payKeys[1]).toBe(payKeys[0]);
  });

  it('on HOLD_EXPIRED while paying explains and offers to book again', async () => {
    const calls: string[] = [];
    server.use(
      http.post(`${BASE}/api/v1/bookings/:id/pay`, () =>
        HttpResponse.json(apiError('HOLD_EXPIRED', '支付已超时，号源已释放，请重新预约'), { status: 422 }),
      ),
      ...handlers(calls),
    );
    setElderlyMode(true);
    await renderConfirm();
    fireEvent.click(screen.getByText('预约并支付'));
    expect(await screen.findByText('支付已超时，号源已释放，请重新预约')).toBeTruthy();
    fireEvent.click(screen.getByText('重新预约'));
    expect(navigations.at(-1)?.url).toBe(`/packages/booking/schedule/index?doctorId=${DOCTOR_ID}`);
  });

  it('shows the most used entries first on the home page', async () => {
    server.use(
      http.get(`${BASE}/api/v1/departments`, () => HttpResponse.json({ items: [department] })),
      http.get(`${BASE}/api/v1/notices`, () => HttpResponse.json({ items: [] })),
    );
    setElderlyMode(true);
    render(<HomePage />);
    const quick = await screen.findByTestId('elderly-quick');
    expect(quick.textContent).toContain('预约挂号');
    expect(quick.textContent).toContain('我的预约');
    expect(quick.textContent).toContain('检查指引');
    fireEvent.click(screen.getByText('我的预约'));
    expect(navigations.at(-1)).toEqual({ kind: 'switchTab', url: '/pages/bookings/index' });
  });
});

describe('normal mode', () => {
  it('still books first and goes through the separate pay page', async () => {
    const calls: string[] = [];
    server.use(...handlers(calls));
    await renderConfirm();
    expect(screen.queryByTestId('elderly-profile')).toBeNull();
    expect(screen.queryByText('预约并支付')).toBeNull();
    fireEvent.click(screen.getByText('确认预约'));
    await waitFor(() => expect(navigations.at(-1)?.kind).toBe('redirectTo'));
    expect(navigations.at(-1)?.url).toBe(`/packages/payment/pay/index?bookingId=${booking().id}`);
    expect(calls).toEqual([`book ${JSON.stringify({ slotId: slot().id, profileId: PROFILE_ID })}`]);

    // The pay page, with its own two taps (pay, then the local stand-in), through the shared payment code.
    cleanup();
    server.use(http.get(`${BASE}/api/v1/bookings/:id`, () => HttpResponse.json(booking())));
    router.params = { bookingId: booking().id };
    render(<PayPage />);
    fireEvent.click(await screen.findByText('立即支付 ¥30.00'));
    fireEvent.click(await screen.findByText('模拟支付（本地测试） ¥30.00'));
    await waitFor(() => expect(navigations.at(-1)?.url).toContain('/packages/payment/result/index'));
    expect(calls.slice(1)).toEqual([`pay ${booking().id}`, `confirm ${ORDER_NO}`]);
  });

  it('does not show the elderly entries on the home page', async () => {
    server.use(
      http.get(`${BASE}/api/v1/departments`, () => HttpResponse.json({ items: [department] })),
      http.get(`${BASE}/api/v1/notices`, () => HttpResponse.json({ items: [] })),
    );
    render(<HomePage />);
    expect(await screen.findByText('心血管内科')).toBeTruthy();
    expect(screen.queryByTestId('elderly-quick')).toBeNull();
  });
});
