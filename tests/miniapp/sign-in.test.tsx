import { act, fireEvent, render, screen } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { api } from '../../miniapp/src/api';
import SignInPage from '../../miniapp/src/packages/account/sign-in/index';
import MePage from '../../miniapp/src/pages/me/index';
import { PRIVACY_POLICY_VERSION } from '../../shared/src/privacy';
import { navigations, resetTaro, router, storage } from './doubles/taro';
import { apiError, BASE } from './fixtures';

// H5 sign-in: the API client sends a signed-out patient to the sign-in page and back; the page asks for a code
// by text message and signs in with it.

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => resetTaro());
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const SIGN_IN = '/packages/account/sign-in/index';
const account = { id: 'acc-1', createdAt: '2026-12-01T00:00:00.000Z', profileCount: 0 };
const tokens = {
  tokenType: 'Bearer',
  accessToken: 'access-1',
  refreshToken: 'refresh-1',
  expiresIn: 1800,
};

/** Ticks 我已阅读并同意《隐私政策》 (clicking its sentence, as a patient does). */
const agree = () => fireEvent.click(screen.getByText('我已阅读并同意'));

const type = (name: string, value: string) =>
  fireEvent.change(document.querySelector(`input[name="${name}"]`) as HTMLInputElement, {
    target: { value },
  });

describe('signed out on H5, a call that needs a patient', () => {
  it('opens the sign-in page in place of the page, to come back to it with its query', async () => {
    router.path = '/packages/booking/confirm/index?stamp=3';
    router.params = { slotId: 's%201', stamp: '3', $taroTimestamp: '99' };
    await expect(api.call('profiles.list')).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    await act(async () => undefined);
    expect(navigations).toEqual([
      {
        kind: 'redirectTo',
        url: `${SIGN_IN}?back=${encodeURIComponent('/packages/booking/confirm/index?slotId=s%201')}`,
      },
    ]);
  });

  it('from a tab page, opens the sign-in page over it, once for calls failing together', async () => {
    router.path = '/pages/bookings/index';
    await Promise.all([
      expect(api.call('booking.mine')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' }),
      expect(api.call('waitlist.mine')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' }),
    ]);
    await act(async () => undefined);
    expect(navigations).toEqual([
      { kind: 'navigateTo', url: `${SIGN_IN}?back=${encodeURIComponent('/pages/bookings/index')}` },
    ]);
  });

  it('whose sign-in ended (refresh refused) forgets the tokens and opens the sign-in page', async () => {
    storage.set('auth.access', 'old');
    storage.set('auth.refresh', 'old-refresh');
    router.path = '/packages/profiles/list/index';
    server.use(
      http.get(`${BASE}/api/v1/me/profiles`, () =>
        HttpResponse.json(apiError('TOKEN_EXPIRED', '登录已过期'), { status: 401 }),
      ),
      http.post(`${BASE}/api/v1/auth/refresh`, () =>
        HttpResponse.json(apiError('SESSION_REVOKED', '登录已失效'), { status: 401 }),
      ),
    );
    await expect(api.call('profiles.list')).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    await act(async () => undefined);
    expect(api.signedIn).toBe(false);
    expect(navigations.map((n) => n.kind)).toEqual(['redirectTo']);
  });

  it('public calls need nobody signed in and open nothing', async () => {
    server.use(http.get(`${BASE}/api/v1/departments`, () => HttpResponse.json({ items: [] })));
    await expect(api.call('catalog.departments')).resolves.toEqual({ items: [] });
    expect(navigations).toEqual([]);
  });
});

describe('sign-in page', () => {
  it('checks the number with the shared rule before sending anything', async () => {
    render(<SignInPage />);
    type('mobile', '1234');
    fireEvent.click(screen.getByText('获取验证码'));
    expect(await screen.findByText('请输入正确的11位手机号码')).toBeTruthy();
  });

  it('sends nothing before the privacy notice is ticked, and links to it', async () => {
    let sent = false;
    server.use(
      http.post(`${BASE}/api/v1/auth/sms/send`, () => {
        sent = true;
        return HttpResponse.json({ expiresIn: 300, resendAfter: 60 });
      }),
    );
    render(<SignInPage />);
    type('mobile', '13800138000');
    fireEvent.click(screen.getByText('获取验证码'));
    const box = screen.getByTestId('sign-in-consent');
    expect(await screen.findByText('请先阅读并勾选同意《隐私政策》，再获取验证码')).toBeTruthy();
    expect(box.textContent).toContain('请先阅读并勾选同意《隐私政策》，再获取验证码');
    expect(sent).toBe(false);
    type('code', '123456');
    fireEvent.click(screen.getByText('登录'));
    await act(async () => undefined);
    expect(api.signedIn).toBe(false);

    // The policy opens from the sentence's link, without ticking the box.
    fireEvent.click(screen.getByText('《隐私政策》'));
    expect(navigations).toEqual([{ kind: 'navigateTo', url: '/packages/privacy/policy/index' }]);
    agree();
    expect(screen.queryByText('请先阅读并勾选同意《隐私政策》，再获取验证码')).toBeNull();
    fireEvent.click(screen.getByText('获取验证码'));
    expect(await screen.findByText('60 秒后重新获取')).toBeTruthy();
    expect(sent).toBe(true);
  });

  it('shows at the box a refusal about the notice (changed meanwhile), and that SMS sign-in is off', async () => {
    server.use(
      http.post(`${BASE}/api/v1/auth/sms/send`, () =>
        HttpResponse.json(apiError('PRIVACY_POLICY_OUTDATED', '隐私政策已更新，请阅读新版本后再同意'), {
          status: 409,
        }),
      ),
    );
    render(<SignInPage />);
    type('mobile', '13800138000');
    agree();
    fireEvent.click(screen.getByText('获取验证码'));
    expect(await screen.findByText('隐私政策已更新，请阅读新版本后再同意')).toBeTruthy();
    expect(screen.getByTestId('sign-in-consent').textContent).toContain('隐私政策已更新');

    server.use(
      http.post(`${BASE}/api/v1/auth/sms/send`, () =>
        HttpResponse.json(
          apiError('SMS_SIGN_IN_DISABLED', '本院未开通手机号登录，请在微信中搜索医院小程序使用'),
          { status: 403 },
        ),
      ),
    );
    fireEvent.click(screen.getByText('获取验证码'));
    expect(await screen.findByText('本院未开通手机号登录，请在微信中搜索医院小程序使用')).toBeTruthy();
  });

  it('sends a code, counts down, shows the demo code, signs in and goes back', async () => {
    router.params = { back: encodeURIComponent('/packages/profiles/list/index') };
    let sentTo: unknown;
    let signedInWith: unknown;
    server.use(
      http.post(`${BASE}/api/v1/auth/sms/send`, async ({ request }) => {
        sentTo = await request.json();
        return HttpResponse.json({ expiresIn: 300, resendAfter: 60, demoCode: '314159' });
      }),
      http.post(`${BASE}/api/v1/auth/sms/login`, async ({ request }) => {
        signedInWith = await request.json();
        return HttpResponse.json({ ...tokens, account, mobileMasked: '*******8000' });
      }),
    );
    render(<SignInPage />);
    type('mobile', '+86 138-0013-8000');
    agree();
    fireEvent.click(screen.getByText('获取验证码'));
    expect(await screen.findByText('60 秒后重新获取')).toBeTruthy();
    expect(sentTo).toEqual({ mobile: '13800138000', privacyVersion: PRIVACY_POLICY_VERSION });
    expect(screen.getByText('验证码已发送至 *******8000，5 分钟内有效')).toBeTruthy();
    expect(screen.getByTestId('demo-code').textContent).toContain('314159');

    type('code', '314159');
    fireEvent.click(screen.getByText('登录'));
    await act(async () => undefined);
    expect(signedInWith).toEqual({
      mobile: '13800138000',
      code: '314159',
      privacyVersion: PRIVACY_POLICY_VERSION,
    });
    expect(storage.get('auth.access')).toBe('access-1');
    expect(api.account).toMatchObject({ id: 'acc-1', mobileMasked: '*******8000' });
    expect(navigations).toEqual([{ kind: 'redirectTo', url: '/packages/profiles/list/index' }]);
  });

  it('shows the server’s refusal at the code, and a send refused for a while counts that down', async () => {
    server.use(
      http.post(`${BASE}/api/v1/auth/sms/send`, () =>
        HttpResponse.json(
          {
            error: {
              code: 'RATE_LIMITED',
              message: '验证码发送过于频繁，请 42 秒后再试',
              details: { retryAfterSeconds: 42 },
            },
          },
          { status: 429 },
        ),
      ),
      http.post(`${BASE}/api/v1/auth/sms/login`, () =>
        HttpResponse.json(
          {
            error: {
              code: 'SMS_CODE_INVALID',
              message: '验证码错误，还可以再试 4 次',
              details: { attemptsLeft: 4 },
            },
          },
          { status: 401 },
        ),
      ),
    );
    render(<SignInPage />);
    type('mobile', '13800138000');
    agree();
    fireEvent.click(screen.getByText('获取验证码'));
    expect(await screen.findByText('验证码发送过于频繁，请 42 秒后再试')).toBeTruthy();
    expect(screen.getByText('42 秒后重新获取')).toBeTruthy();

    type('code', '12');
    fireEvent.click(screen.getByText('登录'));
    expect(await screen.findByText('请输入短信中的 6 位数字验证码')).toBeTruthy();
    type('code', '000000');
    fireEvent.click(screen.getByText('登录'));
    expect(await screen.findByText('验证码错误，还可以再试 4 次')).toBeTruthy();
    expect(api.signedIn).toBe(false);
    expect(navigations).toEqual([]);
  });

  it('back to a tab reloads it for the account now signed in', async () => {
    router.params = { back: encodeURIComponent('/pages/bookings/index') };
    server.use(
      http.post(`${BASE}/api/v1/auth/sms/login`, () =>
        HttpResponse.json({ ...tokens, account, mobileMasked: '*******8000' }),
      ),
    );
    render(<SignInPage />);
    type('mobile', '13800138000');
    agree();
    type('code', '123456');
    fireEvent.click(screen.getByText('登录'));
    await act(async () => undefined);
    expect(navigations).toEqual([{ kind: 'reLaunch', url: '/pages/bookings/index' }]);
  });
});

describe('me page on H5', () => {
  it('shows the masked number signed in with, and signs out', async () => {
    storage.set('auth.access', 'access-1');
    storage.set('auth.refresh', 'refresh-1');
    storage.set('auth.account', JSON.stringify({ ...account, mobileMasked: '*******8000' }));
    let loggedOut: unknown;
    server.use(
      http.post(`${BASE}/api/v1/auth/logout`, async ({ request }) => {
        loggedOut = await request.json();
        return new HttpResponse(null, { status: 204 });
      }),
    );
    render(<MePage />);
    expect(screen.getByTestId('signed-in').textContent).toBe('手机号 *******8000');
    fireEvent.click(screen.getByText('退出登录'));
    expect(await screen.findByText('登录 / 注册')).toBeTruthy();
    expect(loggedOut).toEqual({ refreshToken: 'refresh-1' });
    expect(api.signedIn).toBe(false);
    fireEvent.click(screen.getByText('登录 / 注册'));
    expect(navigations).toEqual([
      { kind: 'navigateTo', url: `${SIGN_IN}?back=${encodeURIComponent('/pages/me/index')}` },
    ]);
  });
});
