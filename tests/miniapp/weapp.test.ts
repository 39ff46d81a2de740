// The code paths that only run inside WeChat (TARO_ENV=weapp): sign-in with the code from `Taro.login`, and
// payment through `Taro.requestPayment` with the server's signed parameters. The modules read TARO_ENV when
// they load, so each test loads a fresh copy of them with it set, against the same msw server.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { BASE, booking } from './fixtures';

type PaymentModule = typeof import('../../miniapp/src/lib/payment');
type ApiModule = typeof import('../../miniapp/src/api');
type TaroDouble = {
  storage: Map<string, unknown>;
  resetTaro(): void;
  login: () => Promise<{ code: string }>;
  requestPayment: (params: Record<string, string>) => Promise<{ errMsg: string }>;
};

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  process.env.TARO_ENV = 'h5';
});
afterAll(() => server.close());

function loadAsWeapp(): { payment: PaymentModule; api: ApiModule; taro: TaroDouble } {
  process.env.TARO_ENV = 'weapp';
  // The weapp build reads its API base from TARO_APP_API_BASE (H5 from TARO_APP_H5_API_BASE).
  process.env.TARO_APP_API_BASE = BASE;
  let loaded: { payment: PaymentModule; api: ApiModule; taro: TaroDouble } | undefined;
  jest.isolateModules(() => {
    loaded = {
      payment: require('../../miniapp/src/lib/payment'),
      api: require('../../miniapp/src/api'),
      taro: require('@tarojs/taro'),
    };
  });
  if (!loaded) throw new Error('modules did not load');
  loaded.taro.resetTaro();
  return loaded;
}

const clientParams = {
  appId: 'wx-test-app',
  timeStamp: '1795000000',
  nonceStr: 'n0nce',
  package: 'prepay_id=wx201410272009395522657a690389285100',
  signType: 'RSA',
  paySign: 'c2lnbmF0dXJl',
};

function payAnswers(paidCalls: { count: number }) {
  server.use(
    http.post(`${BASE}/api/v1/bookings/:id/pay`, () => {
      paidCalls.count += 1;
      return HttpResponse.json({
        provider: 'wechat',
        order: { orderNo: 'P2026112300000001', status: 'PAYING', amountFen: 3000 },
        clientParams,
      });
    }),
  );
}

test('signs in with the code from Taro.login, not a dev login', async () => {
  const { api, taro } = loadAsWeapp();
  taro.login = async () => ({ code: '081aBcDeF' });
  let sent: unknown;
  server.use(
    http.post(`${BASE}/api/v1/auth/wechat`, async ({ request }) => {
      sent = await request.json();
      return HttpResponse.json({
        tokenType: 'Bearer',
        accessToken: 'access-1',
        expiresIn: 900,
        refreshToken: 'refresh-1',
        account: { id: 'a1', hasUnionId: false },
      });
    }),
    http.get(`${BASE}/api/v1/me/bookings`, ({ request }) =>
      request.headers.get('authorization') === 'Bearer access-1'
        ? HttpResponse.json({ items: [booking()] })
        : HttpResponse.json({ error: { code: 'UNAUTHENTICATED', message: '请先登录' } }, { status: 401 }),
    ),
  );
  const mine = await api.api.call('booking.mine');
  expect(sent).toEqual({ code: '081aBcDeF' });
  expect(mine.items).toHaveLength(1);
});

test('pays through WeChat’s sheet with the server’s signed parameters (appId is not passed)', async () => {
  const { payment, taro } = loadAsWeapp();
  taro.storage.set('auth.access', 'token');
  const calls = { count: 0 };
  payAnswers(calls);
  const sheets: Record<string, string>[] = [];
  taro.requestPayment = async (params) => {
    sheets.push(params);
    return { errMsg: 'requestPayment:ok' };
  };
  await expect(payment.payBooking('b-1')).resolves.toEqual({ kind: 'done' });
  const { appId: _appId, ...expected } = clientParams;
  expect(sheets).toEqual([expected]);
  expect(calls.count).toBe(1);
});

test('closing the sheet is a cancel, not an error; tapping pay again opens the sheet again', async () => {
  const { payment, taro } = loadAsWeapp();
  taro.storage.set('auth.access', 'token');
  const calls = { count: 0 };
  payAnswers(calls);
  let sheets = 0;
  taro.requestPayment = async () => {
    sheets += 1;
    return Promise.reject({ errMsg: 'requestPayment:fail cancel' });
  };
  await expect(payment.payBooking('b-2')).resolves.toEqual({ kind: 'cancelled' });
  taro.requestPayment = async () => {
    sheets += 1;
    return { errMsg: 'requestPayment:ok' };
  };
  // The server resumes the same open order (tests/server/payment-wechat.test.ts); the app just asks again.
  await expect(payment.payBooking('b-2')).resolves.toEqual({ kind: 'done' });
  expect({ calls: calls.count, sheets }).toEqual({ calls: 2, sheets: 2 });
});

test('a WeChat Pay failure other than closing the sheet is shown, not taken for a cancel', async () => {
  const { payment, taro, api } = loadAsWeapp();
  taro.storage.set('auth.access', 'token');
  payAnswers({ count: 0 });
  taro.requestPayment = async () => Promise.reject({ errMsg: 'requestPayment:fail system error' });
  const failure = await payment.payBooking('b-3').catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(api.ApiError);
  expect(failure).toMatchObject({
    code: 'WECHAT_PAY_FAILED',
    message: '微信支付未完成，请稍后重试；支付截止前号源仍为您保留',
  });
});
