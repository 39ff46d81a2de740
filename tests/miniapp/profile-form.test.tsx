import { act, fireEvent, render, screen } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { setElderlyMode } from '../../miniapp/src/lib/settings';
import { ProfileForm } from '../../miniapp/src/packages/profiles/edit/index';
import MePage from '../../miniapp/src/pages/me/index';
import { resetTaro, storage } from './doubles/taro';
import { BASE } from './fixtures';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  resetTaro();
  storage.set('auth.access', 'token');
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const type = (name: string, value: string) =>
  fireEvent.change(document.querySelector(`input[name="${name}"]`) as HTMLInputElement, {
    target: { value },
  });

describe('profile form', () => {
  it("shows the server's validation messages at their fields", async () => {
    let sent: unknown;
    server.use(
      http.post(`${BASE}/api/v1/me/profiles`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(
          {
            error: {
              code: 'VALIDATION_FAILED',
              message: '提交的信息有误，请检查后重试',
              details: [
                { path: 'body.idNumber', message: '身份证号码校验失败，请核对后重新输入' },
                { path: 'body.phone', message: '请输入正确的 11 位手机号码' },
              ],
            },
          },
          { status: 400 },
        );
      }),
    );
    const onSaved = jest.fn();
    render(<ProfileForm existing={null} onSaved={onSaved} />);
    type('name', '李明');
    type('idNumber', '110105198001011234');
    type('phone', '123');
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('身份证号码校验失败，请核对后重新输入')).toBeTruthy();
    expect(screen.getByText('请输入正确的 11 位手机号码')).toBeTruthy();
    expect(onSaved).not.toHaveBeenCalled();
    expect(sent).toEqual({
      name: '李明',
      idType: 'RESIDENT_ID',
      idNumber: '110105198001011234',
      phone: '123',
      relationship: 'SELF',
    });
  });

  it('shows a refusal without field details (profile limit) above the button', async () => {
    server.use(
      http.post(`${BASE}/api/v1/me/profiles`, () =>
        HttpResponse.json(
          {
            error: {
              code: 'PROFILE_LIMIT_REACHED',
              message: '每个账号最多添加 5 位就诊人，请先删除不再使用的就诊人',
            },
          },
          { status: 422 },
        ),
      ),
    );
    render(<ProfileForm existing={null} onSaved={jest.fn()} />);
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('每个账号最多添加 5 位就诊人，请先删除不再使用的就诊人')).toBeTruthy();
  });
});

describe('elderly mode and language', () => {
  afterEach(() => act(() => setElderlyMode(false)));

  it('puts every page in elderly mode from the switch in 我的, and switches to English', async () => {
    const { container } = render(<MePage />);
    expect(container.querySelector('.page--elderly')).toBeNull();
    fireEvent.click(container.querySelector('.nut-switch') as HTMLElement);
    expect(container.querySelector('.page--elderly')).not.toBeNull();
    expect(storage.get('settings.elderly')).toBe(true);
    fireEvent.click(screen.getByText('语言'));
    expect(await screen.findByText('Large-text mode')).toBeTruthy();
    fireEvent.click(screen.getByText('Language'));
    expect(await screen.findByText('适老化模式')).toBeTruthy();
  });
});
