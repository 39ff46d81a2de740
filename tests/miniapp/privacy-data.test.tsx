import { PRIVACY_POLICY_VERSION, type PrivacyExport } from '@hospital/shared';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import PrivacyDataPage from '../../miniapp/src/packages/privacy/data/index';
import { navigations, storage, toasts } from './doubles/taro';
import { BASE, booking, PROFILE_ID, profile, signedInServer } from './fixtures';

const server = signedInServer();

const held: PrivacyExport = {
  exportedAt: '2026-11-23T02:00:00.000Z',
  policyVersion: PRIVACY_POLICY_VERSION,
  account: {
    id: '77777777-7777-4777-8777-777777777777',
    createdAt: '2026-11-01T00:00:00.000Z',
    lastLoginAt: '2026-11-23T01:00:00.000Z',
    profileCount: 1,
    signIn: 'WECHAT',
  },
  profiles: [
    { ...profile, archivedAt: null },
    {
      ...profile,
      id: '88888888-8888-4888-8888-888888888888',
      name: '张小三',
      archivedAt: '2026-11-10T00:00:00.000Z',
    },
  ],
  bookings: [booking({ status: 'COMPLETED', statusLabel: '已就诊', holdExpiresAt: null })],
  waitlist: [],
  bills: [
    {
      bookingId: booking().id,
      date: '2026-11-24',
      startTime: '08:00',
      profileName: '张三',
      departmentName: '心血管内科',
      departmentNameEn: null,
      item: '王建国 挂号',
      orders: [],
      paidFen: 3000,
      refundedFen: 0,
      netFen: 3000,
    },
  ],
  consents: [
    {
      version: PRIVACY_POLICY_VERSION,
      scope: 'NOTICE_AND_SENSITIVE',
      acceptedAt: '2026-11-01T00:05:00.000Z',
      withdrawnAt: null,
    },
  ],
};

describe('my data', () => {
  it('shows what is held: profiles masked (removed ones too), bookings, bills and the consent given', async () => {
    server.use(http.get(`${BASE}/api/v1/me/data`, () => HttpResponse.json(held)));
    render(<PrivacyDataPage />);
    expect(await screen.findByText('就诊人（2）')).toBeTruthy();
    const self = screen.getByTestId(`held-profile-${PROFILE_ID}`);
    expect(self.textContent).toContain('1****************4');
    expect(self.textContent).toContain('*******5678');
    expect(screen.getByTestId('held-profile-88888888-8888-4888-8888-888888888888').textContent).toContain(
      '已删除',
    );
    expect(screen.getByText('预约记录（1）')).toBeTruthy();
    expect(screen.getByText(/2026-11-24 08:00 心血管内科 王建国 · 张三 · 已就诊/)).toBeTruthy();
    expect(screen.getByText(/已付 ¥30\.00 · 已退 ¥0\.00/)).toBeTruthy();
    expect(screen.getByText(new RegExp(`版本 ${PRIVACY_POLICY_VERSION}，.* 同意`))).toBeTruthy();
    expect(screen.getByText('微信（账号标识不显示）')).toBeTruthy();
  });

  it('names an SMS sign-in, and which consent each record is', async () => {
    const bySms: PrivacyExport = {
      ...held,
      account: { ...held.account, signIn: 'SMS' },
      consents: [
        { ...held.consents[0]!, scope: 'NOTICE_AND_SENSITIVE' },
        { ...held.consents[0]!, scope: 'NOTICE', acceptedAt: '2026-11-01T00:00:00.000Z' },
      ],
    };
    server.use(http.get(`${BASE}/api/v1/me/data`, () => HttpResponse.json(bySms)));
    render(<PrivacyDataPage />);
    expect(await screen.findByText('手机号码和短信验证码')).toBeTruthy();
    expect(screen.getByText(/（登录时同意隐私政策）/)).toBeTruthy();
    expect(screen.getByText(/（隐私政策及敏感个人信息）/)).toBeTruthy();
  });

  it('exports everything as a JSON file on H5', async () => {
    server.use(http.get(`${BASE}/api/v1/me/data`, () => HttpResponse.json(held)));
    // jsdom has no object URLs: record the file the page hands to the browser.
    const files: Blob[] = [];
    const downloads: string[] = [];
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        files.push(blob);
        return 'blob:test';
      },
      revokeObjectURL: () => undefined,
    });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloads.push(this.download);
    });
    render(<PrivacyDataPage />);
    const exportButton = await screen.findByText('导出我的数据（JSON 文件）');
    await act(async () => {
      fireEvent.click(exportButton);
    });
    click.mockRestore();
    expect(downloads).toEqual(['my-data-2026-11-23.json']);
    expect(files[0]?.type).toBe('application/json');
    expect(JSON.parse(await files[0]!.text())).toEqual(held);
    expect(toasts).toContain('已下载');
  });

  it('deletes the account after a dialog that says what is erased and what is kept', async () => {
    let sent: unknown;
    server.use(
      http.get(`${BASE}/api/v1/me/data`, () => HttpResponse.json(held)),
      http.post(`${BASE}/api/v1/me/account/delete`, async ({ request }) => {
        sent = await request.json();
        return new HttpResponse(null, { status: 204 });
      }),
      http.post(`${BASE}/api/v1/auth/logout`, () => new HttpResponse(null, { status: 401 })),
    );
    render(<PrivacyDataPage />);
    fireEvent.click(await screen.findByText('注销账号'));
    const explained = await screen.findByTestId('delete-explained');
    expect(explained.textContent).toContain('所有就诊人的姓名、证件号码和手机号码');
    expect(explained.textContent).toContain('预约和账单记录');
    expect(explained.textContent).toContain('不再与您本人关联');
    await act(async () => {
      fireEvent.click(screen.getByText('确认注销'));
    });
    expect(sent).toEqual({ confirm: true });
    expect(toasts).toContain('账号已注销');
    expect(navigations.at(-1)).toEqual({ kind: 'switchTab', url: '/pages/me/index' });
    // The tokens are forgotten here too.
    expect(storage.has('auth.access')).toBe(false);
  });

  it("shows the server's refusal while something is still open, and keeps the account", async () => {
    server.use(
      http.get(`${BASE}/api/v1/me/data`, () => HttpResponse.json(held)),
      http.post(`${BASE}/api/v1/me/account/delete`, () =>
        HttpResponse.json(
          {
            error: {
              code: 'ACCOUNT_DELETE_BLOCKED',
              message: '您还有 1 个未完成的预约，请先取消或等待完成后再注销账号',
              details: { bookings: 1, waitlist: 0, payments: 0 },
            },
          },
          { status: 409 },
        ),
      ),
    );
    render(<PrivacyDataPage />);
    fireEvent.click(await screen.findByText('注销账号'));
    const confirm = await screen.findByText('确认注销');
    await act(async () => {
      fireEvent.click(confirm);
    });
    expect(await screen.findByText('您还有 1 个未完成的预约，请先取消或等待完成后再注销账号')).toBeTruthy();
    expect(storage.get('auth.access')).toBe('token');
    expect(navigations).toEqual([]);
  });
});
