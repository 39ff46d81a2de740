import { filtersFrom, matches, paramsOf } from '../../console/src/pages/catalog/filters';

describe('the catalog page’s tab and filters in the address bar', () => {
  test('read back as they were written', () => {
    const filters = {
      tab: 'rooms' as const,
      q: '超声',
      status: 'all' as const,
      departmentId: '7ff4ac42-f284-40bd-9da6-1806729d736d',
      kind: 'EXAM',
      page: 3,
    };
    expect(filtersFrom(new URLSearchParams(paramsOf(filters).toString()))).toEqual(filters);
  });

  test('the defaults are nothing in the address; hand-edited values that mean nothing are ignored', () => {
    expect(paramsOf(filtersFrom(new URLSearchParams())).toString()).toBe('');
    expect(
      filtersFrom(new URLSearchParams('tab=secret&status=maybe&departmentId=x&kind=<b>&page=-2')),
    ).toEqual({
      tab: 'departments',
      status: 'active',
      page: 1,
    });
  });

  test('match by name, English name or code in any case, by status, department and kind', () => {
    const row = {
      name: '超声科',
      nameEn: 'Ultrasound',
      code: 'US',
      active: true,
      departmentId: 'd1',
      kind: 'EXAM',
    };
    const base = { tab: 'rooms' as const, status: 'active' as const, page: 1 };
    expect(matches(row, { ...base, q: 'ultra' })).toBe(true);
    expect(matches(row, { ...base, q: 'us' })).toBe(true);
    expect(matches(row, { ...base, q: '内科' })).toBe(false);
    expect(matches(row, { ...base, status: 'inactive' })).toBe(false);
    expect(matches({ ...row, active: false }, { ...base, status: 'all' })).toBe(true);
    expect(matches(row, { ...base, departmentId: 'd2' })).toBe(false);
    expect(matches(row, { ...base, kind: 'WINDOW' })).toBe(false);
  });
});
