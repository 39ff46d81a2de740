import { staffAccountQuery } from '@hospital/shared';
import { filtersFrom, paramsOf } from '../../console/src/pages/staff/filters';

describe('the staff page’s filters in the address bar', () => {
  test('read back as they were written, and what they read is a query the server accepts', () => {
    const filters = {
      q: '挂号',
      role: 'clerk' as const,
      departmentId: '7ff4ac42-f284-40bd-9da6-1806729d736d',
      active: 'false' as const,
      page: 2,
      pageSize: 50,
    };
    const params = paramsOf(filters);
    const back = filtersFrom(new URLSearchParams(params.toString()));
    expect(back).toEqual(filters);
    expect(staffAccountQuery.parse(back)).toEqual(filters);
  });

  test('nothing chosen is nothing in the address; a hand-edited role, department or status is ignored', () => {
    expect(paramsOf({ page: 1, pageSize: 20 }).toString()).toBe('');
    const read = filtersFrom(
      new URLSearchParams('role=nurse&departmentId=cardio&active=maybe&page=0&pageSize=999&q=%20'),
    );
    expect(read).toEqual({ page: 1, pageSize: 100 });
    expect(staffAccountQuery.safeParse(read).success).toBe(true);
  });
});
