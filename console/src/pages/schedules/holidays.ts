import { getDayDetail, getHolidaysInRange } from 'chinese-days';

/**
 * China's public holidays and make-up working days (调休) as the State Council publishes them each year, from
 * the maintained `chinese-days` package. The scheduler's calendar shows them beside the roster's exceptions:
 * a holiday is where a clinic is usually closed (a DAY_OFF exception) and a make-up working day is a weekend
 * the hospital works as a weekday (an EXTRA_SESSION where a clinic opens).
 */
export type CalendarDay =
  | { kind: 'holiday'; name: string; nameEn: string }
  | { kind: 'makeUpWorkday'; name: string; nameEn: string }
  | { kind: 'ordinary' };

/** A day of the published calendar; `ordinary` for a weekday or weekend with nothing published. */
export function calendarDay(date: string): CalendarDay {
  const detail = getDayDetail(date);
  // Published days are named "English,中文,n"; ordinary ones by their weekday ("Tuesday").
  const [nameEn, name] = detail.name.split(',');
  if (!name) return { kind: 'ordinary' };
  const weekend = [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
  if (!detail.work) return { kind: 'holiday', name, nameEn: nameEn! };
  return weekend ? { kind: 'makeUpWorkday', name, nameEn: nameEn! } : { kind: 'ordinary' };
}

/**
 * Whether the package has the year's holidays at all: the State Council publishes a year's arrangement late in
 * the year before, so next year may not be there yet — the calendar says so rather than showing no holidays.
 */
export function yearPublished(year: number): boolean {
  return getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
}
