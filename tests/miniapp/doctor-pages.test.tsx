import Taro from '@tarojs/taro';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setLocale } from '../../miniapp/src/i18n';
import DoctorPage from '../../miniapp/src/packages/booking/doctor/index';
import DoctorsPage from '../../miniapp/src/packages/booking/doctors/index';
import BillsPage from '../../miniapp/src/packages/payment/bills/index';
import HomePage from '../../miniapp/src/pages/home/index';
import { navigations, router, titles } from './doubles/taro';
import {
  BASE,
  DEPARTMENT_ID,
  DOCTOR_ID,
  doctor,
  hospital,
  profile,
  signedInServer,
  slot,
  slotList,
} from './fixtures';

const server = signedInServer();
// The first render of a file loads NutUI's modules: on a busy machine that takes longer than the default 1 s.
const LOADED = { timeout: 10_000 };
afterEach(() => setLocale('zh-CN'));

const OTHER_ID = '66666666-6666-4666-8666-666666666666';
const withPhoto = doctor({
  id: OTHER_ID,
  code: 'D2',
  name: '林晓燕',
  nameEn: 'Lin Xiaoyan',
  photoUrl: 'https://cdn.example.com/d2.jpg',
  title: 'ATTENDING_PHYSICIAN',
  titleLabel: '主治医师',
  feeCategory: 'SPECIAL',
  feeFen: 10000,
});

describe('doctors of a department', () => {
  beforeEach(() => {
    server.use(
      http.get(`${BASE}/api/v1/departments/:id/doctors`, () =>
        HttpResponse.json({ items: [doctor(), withPhoto] }),
      ),
      http.get(`${BASE}/api/v1/slots`, () => HttpResponse.json(slotList([slot()]))),
      http.get(`${BASE}/api/v1/me/profiles`, () => HttpResponse.json({ items: [profile], max: 5 })),
    );
    router.params = { departmentId: DEPARTMENT_ID, name: '心血管内科' };
  });

  it('shows each doctor with a photo (the default when none), the title and fee category as labels', async () => {
    render(<DoctorsPage />);
    const wang = await screen.findByTestId(`doctor-${DOCTOR_ID}`, {}, LOADED);
    const lin = screen.getByTestId(`doctor-${OTHER_ID}`);
    expect(within(wang).getByText('王建国')).toBeTruthy();
    expect(within(wang).getByText('主任医师')).toBeTruthy();
    expect(within(wang).getByText('专家号')).toBeTruthy();
    expect(within(wang).getByText('挂号费 ¥30.00')).toBeTruthy();
    expect(within(wang).getByTestId('doctor-photo').getAttribute('data-default')).toBe('true');
    expect(within(lin).getByText('特需号')).toBeTruthy();
    const photo = within(lin).getByTestId('doctor-photo');
    expect(photo.getAttribute('src')).toBe('https://cdn.example.com/d2.jpg');
    expect(photo.getAttribute('data-default')).toBeNull();
  });

  it('opens the schedule from the card and the profile from its link', async () => {
    render(<DoctorsPage />);
    fireEvent.click(await screen.findByTestId(`doctor-${DOCTOR_ID}`, {}, LOADED));
    expect(navigations.at(-1)?.url).toBe(`/packages/booking/schedule/index?doctorId=${DOCTOR_ID}`);
    const before = navigations.length;
    fireEvent.click(screen.getByTestId(`doctor-profile-${OTHER_ID}`));
    // Only the profile opens: the card's own tap does not fire as well.
    expect(navigations.slice(before)).toEqual([
      { kind: 'navigateTo', url: `/packages/booking/doctor/index?doctorId=${OTHER_ID}` },
    ]);
  });

  it('uses English names where the data has them, else the Chinese name', async () => {
    setLocale('en');
    render(<DoctorsPage />);
    const lin = await screen.findByTestId(`doctor-${OTHER_ID}`, {}, LOADED);
    expect(within(lin).getByText('Lin Xiaoyan')).toBeTruthy();
    expect(within(lin).getByText('Attending physician')).toBeTruthy();
    expect(within(lin).getByText('Special needs')).toBeTruthy();
    expect(within(screen.getByTestId(`doctor-${DOCTOR_ID}`)).getByText('王建国')).toBeTruthy();
    expect(titles.at(-1)).toBe('Cardiology');
  });
});

describe("a doctor's page", () => {
  const stopped = { status: 'SUSPENDED' as const, placesLeft: 0, suspendReason: '外出义诊' };
  beforeEach(() => {
    server.use(
      http.get(`${BASE}/api/v1/doctors/:id`, () => HttpResponse.json(doctor({ nameEn: 'Wang Jianguo' }))),
      http.get(`${BASE}/api/v1/slots`, () =>
        HttpResponse.json(
          slotList([
            slot({ id: 'a1', sessionId: 'mon', placesLeft: 2 }),
            slot({
              id: 'a2',
              sessionId: 'tue',
              date: '2026-11-25',
              startsAt: '2026-11-25T00:00:00.000Z',
              ...stopped,
            }),
            slot({
              id: 'a3',
              sessionId: 'wed',
              date: '2026-11-26',
              startsAt: '2026-11-26T00:00:00.000Z',
              status: 'FULL',
              placesLeft: 0,
            }),
          ]),
        ),
      ),
    );
    router.params = { doctorId: DOCTOR_ID };
  });

  it('shows who the doctor is, their fee and their clinics, and books from a clinic or the button', async () => {
    render(<DoctorPage />);
    const intro = await screen.findByTestId('doctor-intro', {}, LOADED);
    expect(within(intro).getByText('王建国')).toBeTruthy();
    expect(within(intro).getByText('主任医师')).toBeTruthy();
    expect(within(intro).getByText('心血管内科')).toBeTruthy();
    expect(within(intro).getByText('专家号 · 挂号费 ¥30.00')).toBeTruthy();
    expect(within(intro).getByTestId('doctor-photo').getAttribute('data-default')).toBe('true');
    expect(screen.getByText('高血压')).toBeTruthy();
    expect(screen.getByText('从事心血管内科临床工作20年。')).toBeTruthy();

    expect(within(screen.getByTestId('doctor-session-mon')).getByText('余 2')).toBeTruthy();
    expect(within(screen.getByTestId('doctor-session-tue')).getByText('停诊：外出义诊')).toBeTruthy();
    expect(within(screen.getByTestId('doctor-session-wed')).getByText('已约满')).toBeTruthy();
    expect(within(screen.getByTestId('doctor-session-mon')).getByText('08:00–08:30')).toBeTruthy();

    fireEvent.click(screen.getByTestId('doctor-session-wed'));
    expect(navigations.at(-1)?.url).toBe(
      `/packages/booking/schedule/index?doctorId=${DOCTOR_ID}&date=2026-11-26`,
    );
    fireEvent.click(screen.getByText('预约挂号'));
    expect(navigations.at(-1)?.url).toBe(`/packages/booking/schedule/index?doctorId=${DOCTOR_ID}`);
  });

  it('reads in English, with the Chinese name beside the English one', async () => {
    setLocale('en');
    render(<DoctorPage />);
    const intro = await screen.findByTestId('doctor-intro', {}, LOADED);
    expect(within(intro).getByText('Wang Jianguo')).toBeTruthy();
    expect(within(intro).getByText('王建国')).toBeTruthy();
    expect(within(intro).getByText('Cardiology')).toBeTruthy();
    expect(within(intro).getByText('Expert · Fee ¥30.00')).toBeTruthy();
    expect(screen.getByText('Upcoming clinics')).toBeTruthy();
    expect(
      within(screen.getByTestId('doctor-session-tue')).getByText('Clinic cancelled: 外出义诊'),
    ).toBeTruthy();
    expect(titles.at(-1)).toBe('Wang Jianguo');
  });
});

describe('home page hospital card', () => {
  it("shows the hospital's phone, address and complaint line, and dials a number when tapped", async () => {
    const calls: string[] = [];
    const taro = Taro as unknown as { makePhoneCall: (o: { phoneNumber: string }) => Promise<void> };
    taro.makePhoneCall = async ({ phoneNumber }) => {
      calls.push(phoneNumber);
    };
    server.use(
      http.get(`${BASE}/api/v1/departments`, () => HttpResponse.json({ items: [] })),
      http.get(`${BASE}/api/v1/notices`, () => HttpResponse.json({ items: [] })),
      http.get(`${BASE}/api/v1/hospital`, () =>
        HttpResponse.json({
          ...hospital,
          address: '滨江市江南区人民路188号',
          phone: '0573-8806 1000',
          complaintPhone: '0573-8806 1234',
        }),
      ),
    );
    render(<HomePage />);
    const card = await screen.findByTestId('hospital-card', {}, LOADED);
    expect(within(card).getByText('测试医院')).toBeTruthy();
    expect(within(card).getByText('滨江市江南区人民路188号')).toBeTruthy();
    expect(within(screen.getByTestId('hospital-phone')).getByText('0573-8806 1000')).toBeTruthy();
    expect(within(screen.getByTestId('hospital-complaint')).getByText('投诉电话')).toBeTruthy();
    fireEvent.click(screen.getByTestId('hospital-complaint'));
    expect(calls).toEqual(['057388061234']);
  });
});

describe('bills', () => {
  it("shows each order's state as a label beside the item", async () => {
    server.use(
      http.get(`${BASE}/api/v1/me/bills`, () =>
        HttpResponse.json({
          items: [
            {
              bookingId: 'b1',
              item: '王建国',
              date: '2026-11-24',
              startTime: '08:00',
              departmentName: '心血管内科',
              profileName: '张三',
              orders: [{ orderNo: 'o1', status: 'PAID' }],
              paidFen: 3000,
              refundedFen: 0,
              netFen: 3000,
            },
          ],
        }),
      ),
    );
    render(<BillsPage />);
    const label = await screen.findByText('已支付', {}, LOADED);
    const head = label.closest('.bill-head');
    expect(head).not.toBeNull();
    expect(within(head as HTMLElement).getByText('王建国')).toBeTruthy();
    expect(label.closest('.nut-tag')).not.toBeNull();
  });
});
