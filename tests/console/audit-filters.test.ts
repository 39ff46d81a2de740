import { auditQueryOf, filtersFrom, paramsOf } from '../../console/src/pages/audit/filters';

describe('the audit page’s filters in the address bar', () => {
  test('read back as they were written: a link or a reload shows the same search', () => {
    const filters = {
      actor: 'admin',
      action: 'staff',
      entityType: 'department',
      entityId: '7ff4ac42-f284-40bd-9da6-1806729d736d',
      from: '2026-11-30',
      to: '2026-12-01',
      page: 3,
      pageSize: 50,
    };
    const params = paramsOf(filters);
    expect(params.toString()).toBe(
      'actor=admin&action=staff&entityType=department&entityId=7ff4ac42-f284-40bd-9da6-1806729d736d' +
        '&from=2026-11-30&to=2026-12-01&page=3&pageSize=50',
    );
    expect(filtersFrom(new URLSearchParams(params.toString()))).toEqual(filters);
  });

  test('nothing typed is nothing sent; a hand-edited bad page or date is ignored', () => {
    expect(paramsOf({ page: 1, pageSize: 20 }).toString()).toBe('');
    expect(filtersFrom(new URLSearchParams('page=-2&pageSize=abc&from=yesterday&actor=%20%20'))).toEqual({
      page: 1,
      pageSize: 20,
    });
    expect(filtersFrom(new URLSearchParams('pageSize=5000')).pageSize).toBe(200);
  });

  test('the days picked are the hospital’s days: from its midnight to the midnight after the last day', () => {
    const query = auditQueryOf(
      { from: '2026-11-30', to: '2026-12-01', page: 1, pageSize: 20 },
      'Asia/Shanghai',
    );
    expect(query).toEqual({
      from: '2026-11-29T16:00:00.000Z',
      to: '2026-12-01T16:00:00.000Z',
      page: 1,
      pageSize: 20,
    });
    // The same days in a hospital on another zone are other instants, whatever the browser's own zone.
    const berlin = auditQueryOf(
      { from: '2026-07-01', to: '2026-07-01', page: 1, pageSize: 20 },
      'Europe/Berlin',
    );
    expect(berlin.from).toBe('2026-06-30T22:00:00.000Z');
    expect(berlin.to).toBe('2026-07-01T22:00:00.000Z');
  });
});
