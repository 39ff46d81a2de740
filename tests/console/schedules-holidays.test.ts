import { calendarDay, yearPublished } from '../../console/src/pages/schedules/holidays';

describe('the holiday calendar the scheduler sees', () => {
  test('a public holiday, a make-up working day (调休) and ordinary days of 2026', () => {
    expect(calendarDay('2026-10-01')).toEqual({ kind: 'holiday', name: '国庆节', nameEn: 'National Day' });
    // Saturday 10 October 2026 is worked in exchange for the National Day week.
    expect(calendarDay('2026-10-10')).toEqual({
      kind: 'makeUpWorkday',
      name: '国庆节',
      nameEn: 'National Day',
    });
    expect(calendarDay('2026-12-01')).toEqual({ kind: 'ordinary' }); // a Tuesday
    expect(calendarDay('2026-12-05')).toEqual({ kind: 'ordinary' }); // a Saturday, not a holiday
  });

  test('a year whose arrangement is not yet published is said to be so', () => {
    expect(yearPublished(2026)).toBe(true);
    expect(yearPublished(2040)).toBe(false);
  });
});
