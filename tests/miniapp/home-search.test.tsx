import type { CatalogSearchResults } from '@hospital/shared';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setLocale } from '../../miniapp/src/i18n';
import HomePage from '../../miniapp/src/pages/home/index';
import { navigations } from './doubles/taro';
import { BASE, DEPARTMENT_ID, DOCTOR_ID, signedInServer } from './fixtures';

const server = signedInServer();
afterEach(() => setLocale('zh-CN'));

const department = {
  id: DEPARTMENT_ID,
  code: 'RAD',
  name: '放射科',
  nameEn: null,
  description: '',
  location: '医技楼1层',
  sortOrder: 1,
  active: true,
  doctorCount: 0,
};
const none: CatalogSearchResults = { departments: [], doctors: [], exams: [] };
const mri: CatalogSearchResults = {
  ...none,
  exams: [
    {
      code: 'MR-HEAD',
      name: '头颅磁共振平扫（MRI）',
      nameEn: 'Brain MRI',
      departmentName: '放射科',
      departmentNameEn: 'Radiology',
    },
  ],
};
const cardiology: CatalogSearchResults = {
  departments: [{ id: DEPARTMENT_ID, name: '心血管内科', nameEn: 'Cardiology', location: '门诊楼2层' }],
  doctors: [
    {
      id: DOCTOR_ID,
      name: '周建国',
      nameEn: 'Zhou Jianguo',
      title: 'CHIEF_PHYSICIAN',
      titleLabel: '主任医师',
      departmentId: DEPARTMENT_ID,
      departmentName: '心血管内科',
      departmentNameEn: 'Cardiology',
      specialty: '冠心病介入治疗',
    },
  ],
  exams: [],
};

/** A gate a handler waits on, so a test decides when the answer arrives. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

/** The home page's own lists, answered at once; every search request is recorded (its `q`). */
function homeServer(answer: (q: string) => Promise<Response> | Response) {
  const asked: string[] = [];
  let doctorLists = 0;
  server.use(
    http.get(`${BASE}/api/v1/departments`, () => HttpResponse.json({ items: [department] })),
    http.get(`${BASE}/api/v1/notices`, () => HttpResponse.json({ items: [] })),
    http.get(`${BASE}/api/v1/departments/:id/doctors`, () => {
      doctorLists += 1;
      return HttpResponse.json({ items: [] });
    }),
    http.get(`${BASE}/api/v1/search`, ({ request }) => {
      const q = new URL(request.url).searchParams.get('q') ?? '';
      asked.push(q);
      return answer(q);
    }),
  );
  return { asked, doctorLists: () => doctorLists };
}

function type(text: string) {
  const input = document.querySelector('.home-search input') as HTMLInputElement;
  fireEvent.change(input, { target: { value: text } });
}

it('asks the server once the patient stops typing, not on every keystroke, and no department’s doctors', async () => {
  const calls = homeServer((q) => HttpResponse.json(q === '磁共振' ? mri : none));
  render(<HomePage />);
  await screen.findByText('放射科');
  type('磁');
  type('磁共');
  type('磁共振');
  expect(await screen.findByText('头颅磁共振平扫（MRI）')).toBeTruthy();
  expect(calls.asked).toEqual(['磁共振']);
  expect(calls.doctorLists()).toBe(0);

  fireEvent.click(screen.getByText('头颅磁共振平扫（MRI）'));
  expect(navigations.at(-1)?.url).toBe('/packages/guidance/detail/index?code=MR-HEAD');
});

it('searches before the departments have loaded, and says when nothing matches', async () => {
  const departments = gate();
  homeServer((q) => HttpResponse.json(q === '磁共振' ? mri : none));
  server.use(
    http.get(`${BASE}/api/v1/departments`, async () => {
      await departments.opened;
      return HttpResponse.json({ items: [department] });
    }),
  );
  render(<HomePage />);
  await screen.findByPlaceholderText(/搜索/);
  type('磁共振');
  expect(await screen.findByText('头颅磁共振平扫（MRI）')).toBeTruthy();
  type('没有这个');
  expect(await screen.findByText('没有找到“没有这个”相关的科室、医生或检查')).toBeTruthy();
  departments.open();
  expect(await screen.findByText('放射科')).toBeTruthy();
});

it('a slow answer to an earlier query never replaces the answer to what the box says now', async () => {
  const first = gate();
  const calls = homeServer(async (q) => {
    if (q === '心血管') {
      await first.opened;
      return HttpResponse.json(cardiology);
    }
    return HttpResponse.json(q === '磁共振' ? mri : none);
  });
  render(<HomePage />);
  await screen.findByText('放射科');
  type('心血管');
  await screen.findByText('正在搜索…');
  await waitUntil(() => calls.asked.includes('心血管'));
  type('磁共振');
  expect(await screen.findByText('头颅磁共振平扫（MRI）')).toBeTruthy();
  await act(async () => {
    first.open();
    await new Promise((r) => setTimeout(r, 50));
  });
  expect(screen.queryByText('周建国 主任医师')).toBeNull();
  expect(screen.getByText('头颅磁共振平扫（MRI）')).toBeTruthy();

  // Going back to the first query shows its answer, which came meanwhile, without asking again.
  type('心血管');
  expect(await screen.findByText('周建国 主任医师')).toBeTruthy();
  expect(calls.asked).toEqual(['心血管', '磁共振']);
  fireEvent.click(screen.getByText('周建国 主任医师'));
  expect(navigations.at(-1)?.url).toBe(`/packages/booking/schedule/index?doctorId=${DOCTOR_ID}`);
});

it('says so when the search failed, instead of "nothing found", and tries again on a tap', async () => {
  let fail = true;
  homeServer(() =>
    fail
      ? HttpResponse.json(
          { error: { code: 'INTERNAL', message: '服务器开小差了', requestId: 't' } },
          { status: 500 },
        )
      : HttpResponse.json(mri),
  );
  render(<HomePage />);
  expect(await screen.findByText('放射科')).toBeTruthy();
  type('磁共振');
  const retry = await screen.findByTestId('search-retry');
  expect(retry.textContent).toBe('搜索没有成功，点此重试');
  expect(screen.queryByText(/没有找到/)).toBeNull(); // not "nothing found": nothing was searched
  fail = false;
  fireEvent.click(retry);
  expect(await screen.findByText('头颅磁共振平扫（MRI）')).toBeTruthy();
});

async function waitUntil(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) {
    await act(() => new Promise((r) => setTimeout(r, 20)));
  }
  expect(check()).toBe(true);
}

describe('in English', () => {
  it('each row names the department it belongs to by its English name', async () => {
    setLocale('en');
    homeServer((q) => HttpResponse.json(q === 'heart' ? cardiology : q === 'mri' ? mri : none));
    render(<HomePage />);
    await screen.findByText('放射科');
    type('heart');
    expect(await screen.findByText('Zhou Jianguo Chief physician')).toBeTruthy();
    // The department's own row and the doctor's department line.
    expect(screen.getAllByText('Cardiology')).toHaveLength(2);
    type('mri');
    expect(await screen.findByText('Brain MRI')).toBeTruthy();
    expect(screen.getByText('Radiology')).toBeTruthy();
    expect(screen.queryByText('心血管内科')).toBeNull();
  });
});
