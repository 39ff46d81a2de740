// Hospital-local display without a time-zone database (weapp has no reliable Intl time zones): every slot and
// booking carries both the instant (startsAt) and its hospital-local date and HH:mm, which gives the hospital's
// UTC offset on that day. Other instants of the same day (release time, cancel deadline) are shown with it.

import { dateValue, daysBetween } from '@hospital/shared';

const MINUTE = 60_000;

/** The hospital's UTC offset in minutes, from an instant and the same moment's local date and time. */
export function hospitalOffsetMinutes(startsAt: string, date: string, startTime: string): number {
  const localAsUtc = Date.parse(`${date}T${startTime}:00Z`);
  return Math.round((localAsUtc - Date.parse(startsAt)) / MINUTE);
}

/** An instant as the hospital's local `YYYY-MM-DD` and `HH:mm`. */
export function hospitalClock(instant: string, offsetMinutes: number): { date: string; time: string } {
  const shifted = new Date(Date.parse(instant) + offsetMinutes * MINUTE).toISOString();
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/** 0 = Sunday … 6 = Saturday for a calendar date (no zone involved). */
export function weekdayOf(date: string): number {
  return dateValue(date).getUTCDay();
}

/** Days between two calendar dates (b − a). */
export { daysBetween };

/** `08:00–08:30` (an en dash); render it in a `time-range` element (app.css), which never breaks it. */
export function timeRange(start: string, end: string): string {
  return `${start}–${end}`;
}

/** `MM-DD` of a calendar date. */
export function monthDay(date: string): string {
  return date.slice(5);
}

/** Remaining time as `m:ss` (or `h:mm:ss`); 0:00 once past. */
export function countdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
