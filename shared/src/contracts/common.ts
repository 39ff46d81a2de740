import { z } from 'zod';
import { isStorableDate, isStorableInstant } from '../dates';
import { fieldError } from '../field-messages';

/** Database ids are UUIDs; a malformed id is a 400, not a 404, so typos are told apart from absence. */
export const idSchema = z.uuid({ message: fieldError('id') });
export const idParams = z.strictObject({ id: idSchema });

const DATE_RANGE = fieldError('dateRange');

/**
 * ISO-8601 instant with offset, e.g. 2026-11-23T00:00:00.000Z. Every date and instant of the API is bounded
 * here (see EARLIEST_DATE): the database refuses year 0000, and nothing the hospital records predates 1900.
 */
export const instantSchema = z.iso.datetime({ offset: true }).refine(isStorableInstant, DATE_RANGE);
/** Calendar day in the hospital's time zone, from EARLIEST_DATE to LATEST_DATE. */
export const localDateSchema = z.iso.date().refine(isStorableDate, DATE_RANGE);
/** Wall-clock time of day (HH:mm) in the hospital's time zone. */
export const localTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, fieldError('timeOfDay'));

/** Money is always an integer number of fen (分). */
export const fenSchema = z.number().int().min(0).max(100_000_000);

export const codeSchema = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9_-]{0,31}$/, fieldError('code'));

export const paginationQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const okResponse = z.object({ ok: z.literal(true) });

type WithoutDefault<S> =
  S extends z.ZodDefault<infer Inner> ? Inner : S extends z.ZodPrefault<infer Inner> ? Inner : S;

function stripDefaults(field: z.ZodType): z.ZodType {
  const bare =
    field instanceof z.ZodDefault || field instanceof z.ZodPrefault ? (field.unwrap() as z.ZodType) : field;
  // Nested groups (rules.fees.registrationFen) become patches too, so a patch never resets a sibling.
  return bare instanceof z.ZodObject ? patchOf(bare.shape) : bare;
}

/**
 * The PATCH form of a create schema: every field optional and *without* its default, at every depth, and
 * unknown keys refused. (A `.partial()` of fields with defaults would fill the defaults in and silently reset
 * what the client did not send.)
 */
export function patchOf<Shape extends z.ZodRawShape>(shape: Shape) {
  const entries = Object.entries(shape).map(([key, field]) => [
    key,
    stripDefaults(field as z.ZodType).optional(),
  ]);
  return z.strictObject(
    Object.fromEntries(entries) as { [K in keyof Shape]: z.ZodOptional<WithoutDefault<Shape[K]>> },
  );
}

/** Merges a patch into a value, object by object; arrays and scalars in the patch replace. */
export function deepMerge<T>(base: T, patch: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(patch)) return (patch === undefined ? base : patch) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) out[key] = deepMerge(out[key], value);
  }
  return out as T;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
