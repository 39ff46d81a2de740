import { paramsOf, viewFrom } from '../../console/src/pages/schedules/filters';

const DOCTOR = '3f2a9c1e-0000-4000-8000-000000000001';
const DEPT = '3f2a9c1e-0000-4000-8000-000000000002';

describe('the schedules view in the address bar', () => {
  test('a view survives the round trip', () => {
    const view = {
      tab: 'calendar' as const,
      departmentId: DEPT,
      owner: { kind: 'doctor' as const, id: DOCTOR },
      month: '2026-10',
      date: '2026-10-09',
    };
    expect(viewFrom(paramsOf(view))).toEqual(view);
    expect(paramsOf(view).toString()).toBe(
      `tab=calendar&department=${DEPT}&owner=d%3A${DOCTOR}&month=2026-10&date=2026-10-09`,
    );
  });

  test('what a hand-edited address gets wrong is ignored, not obeyed', () => {
    const view = viewFrom(
      new URLSearchParams('tab=admin&department=1;drop&owner=x:1&month=2026-13&date=2026-02-31x'),
    );
    expect(view).toEqual({
      tab: undefined,
      departmentId: undefined,
      owner: undefined,
      month: undefined,
      date: undefined,
    });
    expect(viewFrom(new URLSearchParams(`owner=e:${DOCTOR}`)).owner).toEqual({ kind: 'exam', id: DOCTOR });
  });
});
