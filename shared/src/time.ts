import { DateTime, IANAZone } from 'luxon';

/** True for an IANA zone name luxon can compute with (Asia/Shanghai, Europe/Berlin …). */
export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

const QUARTER_HOUR = 900_000;
const offsets = new Map<string, number>();

/**
 * The zone's UTC offset (minutes) at an instant, remembered per quarter of an hour: every zone's offsets and
 * transitions fall on quarter hours of UTC, so one quarter has one offset. Asking the platform (Intl) each time
 * was a sixth of the server's time in a release-time rush, a listing formatting hundreds of slots.
 */
function offsetMinutes(instant: Date, zone: string): number {
  const key = `${zone}|${Math.floor(instant.getTime() / QUARTER_HOUR)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = IANAZone.create(zone).offset(instant.getTime());
    if (offsets.size >= 10_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The wall clock of an instant in a zone, as an ISO string without offset (YYYY-MM-DDTHH:mm:ss.sss). */
const wallClock = (instant: Date, zone: string) =>
  new Date(instant.getTime() + offsetMinutes(instant, zone) * 60_000).toISOString();

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date, zone: string): string {
  return wallClock(instant, zone).slice(0, 10);
}

/** Hospital-local wall-clock time (HH:mm) of an instant. */
export function localTime(instant: Date, zone: string): string {
  return wallClock(instant, zone).slice(11, 16);
}

/**
 * The instant of a wall-clock time on a day in a zone. In a daylight-saving gap (02:30 on a spring-forward
 * day in Berlin) luxon moves forward to the first valid time, which is what a roster means.
 */
export function zonedInstant(date: string, time: string, zone: string): Date {
  const key = `${zone}|${date}|${time}`;
  let ms = instants.get(key);
  if (ms === undefined) {
    const dt = DateTime.fromISO(`${date}T${time}`, { zone });
    if (!dt.isValid) throw new RangeError(`invalid local date/time ${date} ${time} in ${zone}`);
    ms = dt.toMillis();
    if (instants.size >= 10_000) instants.clear();
    instants.set(key, ms);
  }
  return new Date(ms);
}
/** zonedInstant's answers: a listing asks for the same few release times for every slot. */
const instants = new Map<string, number>();

const DAY = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `date` plus `days` calendar days (YYYY-MM-DD arithmetic, zone-independent). */
export function addDays(date: string, days: number): string {
  const ms = ISO_DATE.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms)) return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
  return new Date(ms + days * DAY).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday;
}
