// Names the hospital writes show in English where the data has them (docs/decisions/026): the home page's
// departments and the exam guidance pages, through the shared `localName`.
import { render, screen } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setLocale } from '../../miniapp/src/i18n';
import GuidanceListPage from '../../miniapp/src/packages/guidance/list/index';
import HomePage from '../../miniapp/src/pages/home/index';
import { navigations } from './doubles/taro';
import { BASE, DEPARTMENT_ID, signedInServer } from './fixtures';

const server = signedInServer();

const departments = [
  { id: DEPARTMENT_ID, code: 'CARDIO', name: '心血管内科', nameEn: 'Cardiology', location: '门诊楼2层' },
  { id: '88888888-8888-4888-8888-888888888888', code: 'NEW', name: '新设科室', nameEn: null, location: '' },
];

const exam = {
  code: 'US-ABD',
  name: '腹部超声（肝胆胰脾）',
  nameEn: 'Abdominal ultrasound',
  category: 'IMAGING',
  departmentName: '超声科',
  departmentNameEn: 'Ultrasound',
  feeFen: 12000,
};

beforeEach(() =>
  server.use(
    http.get(`${BASE}/api/v1/departments`, () => HttpResponse.json({ items: departments })),
    http.get(`${BASE}/api/v1/notices`, () => HttpResponse.json({ items: [] })),
    http.get(`${BASE}/api/v1/exam-types`, () => HttpResponse.json({ items: [exam] })),
  ),
);
afterEach(() => setLocale('zh-CN'));

it('the home page lists departments by their English names in English, the hospital’s name otherwise', async () => {
  setLocale('en');
  render(<HomePage />);
  const cardiology = await screen.findByText('Cardiology');
  expect(screen.getByText('新设科室')).toBeTruthy();
  expect(screen.queryByText('心血管内科')).toBeNull();
  cardiology.click();
  expect(navigations.at(-1)?.url).toBe(
    `/packages/booking/doctors/index?departmentId=${DEPARTMENT_ID}&name=Cardiology`,
  );
});

it('the home page keeps the Chinese names in Chinese', async () => {
  render(<HomePage />);
  expect(await screen.findByText('心血管内科')).toBeTruthy();
  expect(screen.queryByText('Cardiology')).toBeNull();
});

it('the guidance list names the exam and its department in English', async () => {
  setLocale('en');
  render(<GuidanceListPage />);
  expect(await screen.findByText('Abdominal ultrasound')).toBeTruthy();
  expect(screen.getByText('Ultrasound · ¥120.00')).toBeTruthy();
});
