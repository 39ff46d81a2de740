import { DateTime, IANAZone } from 'luxon';

/** True for an IANA zone name luxon can compute with (Asia/Shanghai, Europe/Berlin …). */
export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

/** Hospital-local wall-clock time (HH:mm) of an instant. */
export function localTime(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('HH:mm');
}

/**
 * The instant of a wall-clock time on a day in a zone. In a daylight-saving gap (02:30 on a spring-forward
 * day in Berlin) luxon moves forward to the first valid time, which is what a roster means.
 */
export function zonedInstant(date: string, time: string, zone: string): Date {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!dt.isValid) throw new RangeError(`invalid local date/time ${date} ${time} in ${zone}`);
  return dt.toJSDate();
}

/** `date` plus `days` calendar days (YYYY-MM-DD arithmetic, zone-independent). */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday;
}
