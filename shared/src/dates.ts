// Calendar days without a time-zone database: what the contracts and the mini-program need, kept apart from
// time.ts (luxon) so that importing a contract does not bring luxon into the mini-program's main package.

/**
 * The days any date sent to the API may fall on. PostgreSQL has no year 0 and refuses `0000-01-01`; nothing
 * the hospital records predates 1900 (birth dates included); and ISO dates have four-digit years.
 */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '9999-12-31';
const EARLIEST_MS = Date.parse(`${EARLIEST_DATE}T00:00:00Z`);
const LATEST_MS = Date.parse(`${LATEST_DATE}T23:59:59.999Z`);

/** A YYYY-MM-DD day within EARLIEST_DATE … LATEST_DATE. */
export function isStorableDate(date: string): boolean {
  return date >= EARLIEST_DATE && date <= LATEST_DATE;
}

/** An ISO-8601 instant (any offset) whose UTC day is within EARLIEST_DATE … LATEST_DATE. */
export function isStorableInstant(instant: string): boolean {
  const ms = Date.parse(instant);
  return ms >= EARLIEST_MS && ms <= LATEST_MS;
}

/**
 * A calendar day as the database's `date` columns hold it (Prisma reads and writes them as midnight UTC):
 * the one conversion between `YYYY-MM-DD` and those values. Not an instant — use `zonedInstant` for that.
 */
export function dateValue(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** The `YYYY-MM-DD` of a database `date` value (see `dateValue`). */
export function dateString(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (YYYY-MM-DD, zone-independent; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dateValue(to).getTime() - dateValue(from).getTime()) / 86_400_000);
}
