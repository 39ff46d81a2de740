import { birthDateBounds, residentIdCheckChar } from '@hospital/shared';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { setLocale } from '../../miniapp/src/i18n';
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

const RESIDENT = '110105194912310021'.slice(0, 17);
/** A valid resident ID of a woman born 1949-12-31 (GB 11643 check character). */
const WOMAN = `${RESIDENT}${residentIdCheckChar(RESIDENT)}`;
const input = (name: string) => document.querySelector(`input[name="${name}"]`) as HTMLInputElement | null;
const blur = (name: string) => fireEvent.blur(input(name) as HTMLInputElement);
/** The error shown at a field (not the same words elsewhere, e.g. in a placeholder). */
const fieldError = (text: string) =>
  Array.from(document.querySelectorAll('.field__error')).find((e) => e.textContent === text) ?? null;

/** Records every request the form sends (none is expected while a field is wrong). */
function recordCreate(reply: () => Response = () => HttpResponse.json({}, { status: 201 }) as Response) {
  const sent: unknown[] = [];
  server.use(
    http.post(`${BASE}/api/v1/me/profiles`, async ({ request }) => {
      sent.push(await request.json());
      return reply();
    }),
  );
  return sent;
}

describe('profile form', () => {
  afterEach(() => act(() => setLocale('zh-CN')));

  it('shows every field error at once on save, from the shared rules, without sending anything', async () => {
    const sent = recordCreate();
    const onSaved = jest.fn();
    render(<ProfileForm existing={null} onSaved={onSaved} />);
    fireEvent.click(screen.getByText('护照'));
    type('idNumber', 'E1');
    type('phone', '123');
    fireEvent.click(screen.getByText('保存'));
    for (const message of [
      '请输入就诊人姓名',
      '护照号码格式不正确，应为5至17位字母或数字',
      '请选择出生日期',
      '请选择性别',
      '请输入正确的11位手机号码',
    ]) {
      expect(fieldError(message)).not.toBeNull();
    }
    expect(screen.getByRole('alert').textContent).toBe('请先修改标红的项目');
    await act(async () => {});
    expect(sent).toEqual([]);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('shows a field’s error when it is left, and only for the fields already left', () => {
    render(<ProfileForm existing={null} onSaved={jest.fn()} />);
    type('idNumber', '110105194912310022');
    blur('idNumber');
    expect(fieldError('身份证号码校验失败，请核对后重新输入')).not.toBeNull();
    expect(fieldError('请输入就诊人姓名')).toBeNull();
    blur('name');
    expect(fieldError('请输入就诊人姓名')).not.toBeNull();
    type('idNumber', WOMAN);
    expect(fieldError('身份证号码校验失败，请核对后重新输入')).toBeNull();
  });

  it('shows the messages in English when the app is in English', () => {
    act(() => setLocale('en'));
    render(<ProfileForm existing={null} onSaved={jest.fn()} />);
    fireEvent.click(screen.getByText('Mainland Travel Permit (Hong Kong/Macao)'));
    type('idNumber', 'K123');
    blur('idNumber');
    blur('phone');
    expect(
      fieldError('A Hong Kong or Macao resident’s Mainland Travel Permit number is H or M and 8 digits'),
    ).not.toBeNull();
    expect(fieldError('Enter an 11-digit mainland mobile number')).not.toBeNull();
  });

  it('offers all six kinds of ID', () => {
    render(<ProfileForm existing={null} onSaved={jest.fn()} />);
    for (const kind of [
      '居民身份证',
      '港澳居民来往内地通行证',
      '台湾居民来往大陆通行证',
      '外国人永久居留身份证',
      '护照',
      '无证件儿童',
    ]) {
      expect(screen.getAllByText(kind).length).toBeGreaterThan(0);
    }
  });

  it('reads birth date and sex from a resident ID, locked, and sends only the number', async () => {
    const sent = recordCreate();
    const onSaved = jest.fn();
    render(<ProfileForm existing={null} onSaved={onSaved} />);
    const birth = screen.getByTestId('birth-date');
    expect(birth.textContent).toBe('—');
    expect(screen.getAllByText('填写证件号码后自动读取')).toHaveLength(2);
    type('name', '李明');
    type('idNumber', WOMAN);
    type('phone', '13800138000');
    expect(birth.textContent).toBe('1949-12-31');
    expect(birth.getAttribute('aria-disabled')).toBe('true');
    expect(screen.getAllByText('由证件号码读取')).toHaveLength(2);
    expect(screen.getByText('女').className).toContain('nut-radio-button-active');
    expect(screen.getByText('男').className).toContain('disabled');
    // A locked date opens no picker.
    fireEvent.click(birth);
    expect(screen.queryByText('确认')).toBeNull();
    fireEvent.click(screen.getByText('保存'));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(sent).toEqual([
      { name: '李明', idType: 'RESIDENT_ID', idNumber: WOMAN, phone: '13800138000', relationship: 'SELF' },
    ]);
  });

  it('registers a child without an ID on a guardian’s ID, the birth date from the date picker', async () => {
    const sent = recordCreate();
    const onSaved = jest.fn();
    render(<ProfileForm existing={null} onSaved={onSaved} />);
    fireEvent.click(screen.getByText('无证件儿童'));
    expect(input('idNumber')).toBeNull();
    expect(
      screen.getByText('儿童没有本人证件时，用监护人的证件登记，并选择儿童的出生日期和性别。'),
    ).toBeTruthy();
    type('name', '王小雨');
    type('guardianName', '王芳');
    type('guardianIdNumber', '11010519491231002');
    blur('guardianIdNumber');
    expect(fieldError('身份证号码格式不正确，应为18位')).not.toBeNull();
    type('guardianIdNumber', WOMAN);
    type('phone', '13800138000');
    fireEvent.click(screen.getByText('保存'));
    expect(fieldError('请选择出生日期')).not.toBeNull();
    expect(fieldError('请选择性别')).not.toBeNull();
    expect(sent).toEqual([]);

    // The birth date is picked, not typed: the picker opens on today, the latest date it offers.
    expect(input('birthDate')).toBeNull();
    fireEvent.click(screen.getByTestId('birth-date'));
    fireEvent.click(await screen.findByText('确认'));
    const today = birthDateBounds().max;
    await waitFor(() => expect(screen.getByTestId('birth-date').textContent).toBe(today));
    fireEvent.click(screen.getAllByText('女').at(-1) as HTMLElement);
    fireEvent.click(screen.getByText('子女'));
    expect(fieldError('请选择出生日期')).toBeNull();
    fireEvent.click(screen.getByText('保存'));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(sent).toEqual([
      {
        name: '王小雨',
        idType: 'CHILD_NO_ID',
        phone: '13800138000',
        birthDate: today,
        sex: 'FEMALE',
        guardianName: '王芳',
        guardianIdType: 'RESIDENT_ID',
        guardianIdNumber: WOMAN,
        relationship: 'CHILD',
      },
    ]);
  });

  it("still shows the server's field messages for what only the server knows", async () => {
    recordCreate(
      () =>
        HttpResponse.json(
          {
            error: {
              code: 'VALIDATION_FAILED',
              message: '提交的信息有误，请检查后重试',
              details: [{ path: 'body.name', message: '姓名与证件不符' }],
            },
          },
          { status: 400 },
        ) as Response,
    );
    render(<ProfileForm existing={null} onSaved={jest.fn()} />);
    type('name', '李明');
    type('idNumber', WOMAN);
    type('phone', '13800138000');
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('姓名与证件不符')).toBeTruthy();
  });

  it('shows a refusal without field details (profile limit) above the button', async () => {
    recordCreate(
      () =>
        HttpResponse.json(
          {
            error: {
              code: 'PROFILE_LIMIT_REACHED',
              message: '每个账号最多添加 5 位就诊人，请先删除不再使用的就诊人',
            },
          },
          { status: 422 },
        ) as Response,
    );
    render(<ProfileForm existing={null} onSaved={jest.fn()} />);
    type('name', '李明');
    type('idNumber', WOMAN);
    type('phone', '13800138000');
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
