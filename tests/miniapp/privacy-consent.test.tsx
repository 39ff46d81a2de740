import { PRIVACY_POLICY_VERSION, type PrivacyStatus } from '@hospital/shared';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setLocale } from '../../miniapp/src/i18n';
import PrivacyPolicyPage from '../../miniapp/src/packages/privacy/policy/index';
import ProfileEditPage from '../../miniapp/src/packages/profiles/edit/index';
import MePage from '../../miniapp/src/pages/me/index';
import { navigations } from './doubles/taro';
import { BASE, signedInServer } from './fixtures';

const server = signedInServer();

const status = (accepted: boolean): PrivacyStatus => ({
  currentVersion: PRIVACY_POLICY_VERSION,
  accepted,
  acceptedAt: accepted ? '2026-11-23T02:00:00.000Z' : null,
  consents: accepted
    ? [
        {
          version: PRIVACY_POLICY_VERSION,
          scope: 'NOTICE_AND_SENSITIVE',
          acceptedAt: '2026-11-23T02:00:00.000Z',
          withdrawnAt: null,
        },
      ]
    : [],
});

const agreeButton = () => screen.getByText('同意并继续');

describe('the consent sheet before a profile', () => {
  it('asks before any ID or phone field, and records consent to the current version once ticked', async () => {
    let sent: unknown;
    server.use(
      http.get(`${BASE}/api/v1/me/privacy`, () => HttpResponse.json(status(false))),
      http.post(`${BASE}/api/v1/me/privacy/consent`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(status(true), { status: 201 });
      }),
    );
    render(<ProfileEditPage />);
    // The first render of the file loads the page's modules: on a busy machine that is slow.
    expect(await screen.findByText('个人信息保护提示', undefined, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByText(/证件号码和就诊信息属于敏感个人信息/)).toBeTruthy();
    // No form field is there to type into yet.
    expect(screen.queryByTestId('profile-form')).toBeNull();
    expect(document.querySelector('input[name="idNumber"]')).toBeNull();
    expect(document.querySelector('input[name="phone"]')).toBeNull();

    // Agreeing needs the explicit tick first: the button does nothing until then.
    await act(async () => {
      fireEvent.click(agreeButton());
    });
    expect(sent).toBeUndefined();
    expect(screen.queryByTestId('profile-form')).toBeNull();
    fireEvent.click(screen.getByText(/并单独同意医院处理就诊人的证件号码和就诊信息等敏感个人信息/));
    await act(async () => {
      fireEvent.click(agreeButton());
    });
    expect(sent).toEqual({ version: PRIVACY_POLICY_VERSION });
    expect(await screen.findByTestId('profile-form')).toBeTruthy();
    expect(document.querySelector('input[name="idNumber"]')).not.toBeNull();
  });

  it('goes to the full policy from the sheet, and back without consent on "not now"', async () => {
    server.use(http.get(`${BASE}/api/v1/me/privacy`, () => HttpResponse.json(status(false))));
    render(<ProfileEditPage />);
    fireEvent.click(await screen.findByText('阅读完整的《隐私政策》'));
    expect(navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/packages/privacy/policy/index' });
    fireEvent.click(screen.getByText('暂不同意'));
    expect(navigations.at(-1)?.kind).toBe('navigateBack');
    expect(screen.queryByTestId('profile-form')).toBeNull();
  });

  it('shows the form at once to a patient who already accepted this version', async () => {
    server.use(http.get(`${BASE}/api/v1/me/privacy`, () => HttpResponse.json(status(true))));
    render(<ProfileEditPage />);
    expect(await screen.findByTestId('profile-form')).toBeTruthy();
    expect(screen.queryByTestId('privacy-consent')).toBeNull();
  });

  it("shows the server's refusal when the notice changed meanwhile", async () => {
    server.use(
      http.get(`${BASE}/api/v1/me/privacy`, () => HttpResponse.json(status(false))),
      http.post(`${BASE}/api/v1/me/privacy/consent`, () =>
        HttpResponse.json(
          { error: { code: 'PRIVACY_POLICY_OUTDATED', message: '隐私政策已更新，请阅读新版本后再同意' } },
          { status: 409 },
        ),
      ),
    );
    render(<ProfileEditPage />);
    fireEvent.click(await screen.findByText(/并单独同意/));
    await act(async () => {
      fireEvent.click(agreeButton());
    });
    expect(await screen.findByText('隐私政策已更新，请阅读新版本后再同意')).toBeTruthy();
    expect(screen.queryByTestId('profile-form')).toBeNull();
  });
});

describe('the privacy policy page', () => {
  afterEach(() => act(() => setLocale('zh-CN')));

  it('states what is collected, who receives it and how long it is kept, with the hospital to call', async () => {
    render(<PrivacyPolicyPage />);
    expect(screen.getByText('一、我们收集哪些信息')).toBeTruthy();
    expect(screen.getByText(/微信支付（财付通支付科技有限公司）/)).toBeTruthy();
    expect(screen.getByText(/保存不少于十五年/)).toBeTruthy();
    expect(screen.getByText(/按《会计档案管理办法》保存三十年/)).toBeTruthy();
    expect(screen.getByText(`隐私政策版本：${PRIVACY_POLICY_VERSION}`)).toBeTruthy();
    expect(await screen.findByText('测试医院患者服务小程序隐私政策')).toBeTruthy();
  });

  it('reads in English', async () => {
    act(() => setLocale('en'));
    render(<PrivacyPolicyPage />);
    expect(screen.getByText('4. Who receives it')).toBeTruthy();
    expect(
      screen.getByText(/kept for 30 years under the Accounting Archives Management Measures/),
    ).toBeTruthy();
    expect(await screen.findByText('Privacy policy of the 测试医院 patient app')).toBeTruthy();
  });
});

it('the me page links to my data and to the privacy policy', () => {
  render(<MePage />);
  fireEvent.click(screen.getByText('我的数据与隐私'));
  expect(navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/packages/privacy/data/index' });
  fireEvent.click(screen.getByText('隐私政策'));
  expect(navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/packages/privacy/policy/index' });
});
