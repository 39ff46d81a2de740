import { fireEvent, render, screen } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import HomePage from '../../miniapp/src/pages/home/index';
import { BASE, DEPARTMENT_ID, signedInServer } from './fixtures';

const server = signedInServer();

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
const mri = { code: 'MRI-HEAD', name: '头颅磁共振平扫（MRI）', nameEn: 'Head MRI', departmentName: '放射科' };

/** A gate a handler waits on, so a test decides when the answer arrives. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

function type(text: string) {
  const input = document.querySelector('.home-search input') as HTMLInputElement;
  fireEvent.change(input, { target: { value: text } });
}

it('finds an exam typed before the departments have loaded (the search waits for them, then loads)', async () => {
  const departments = gate();
  server.use(
    http.get(`${BASE}/api/v1/departments`, async () => {
      await departments.opened;
      return HttpResponse.json({ items: [department] });
    }),
    http.get(`${BASE}/api/v1/notices`, () => HttpResponse.json({ items: [] })),
    http.get(`${BASE}/api/v1/departments/:id/doctors`, () => HttpResponse.json({ items: [] })),
    http.get(`${BASE}/api/v1/exam-types`, () => HttpResponse.json({ items: [mri] })),
  );
  render(<HomePage />);
  await screen.findByPlaceholderText(/搜索/);
  type('磁共振');
  departments.open();
  expect(await screen.findByText('头颅磁共振平扫（MRI）')).toBeTruthy();
});

it('says so when the doctors and exams did not load, and tries again on a tap', async () => {
  let fail = true;
  server.use(
    http.get(`${BASE}/api/v1/departments`, () => HttpResponse.json({ items: [department] })),
    http.get(`${BASE}/api/v1/notices`, () => HttpResponse.json({ items: [] })),
    http.get(`${BASE}/api/v1/departments/:id/doctors`, () => HttpResponse.json({ items: [] })),
    http.get(`${BASE}/api/v1/exam-types`, () =>
      fail
        ? HttpResponse.json(
            { error: { code: 'INTERNAL', message: '服务器开小差了', requestId: 't' } },
            { status: 500 },
          )
        : HttpResponse.json({ items: [mri] }),
    ),
  );
  render(<HomePage />);
  expect(await screen.findByText('放射科')).toBeTruthy();
  type('磁共振');
  const retry = await screen.findByTestId('search-retry');
  expect(retry.textContent).toBe('医生和检查列表没有加载成功，点此重试');
  expect(screen.queryByText(/没有找到/)).toBeNull(); // not "nothing found": nothing was searched
  fail = false;
  fireEvent.click(retry);
  expect(await screen.findByText('头颅磁共振平扫（MRI）')).toBeTruthy();
});
