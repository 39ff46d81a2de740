import { z } from 'zod';

/** Database ids are UUIDs; a malformed id is a 400, not a 404, so typos are told apart from absence. */
export const idSchema = z.uuid({ message: '编号格式不正确' });
export const idParams = z.strictObject({ id: idSchema });

/** ISO-8601 instant with offset, e.g. 2026-11-23T00:00:00.000Z. */
export const instantSchema = z.iso.datetime({ offset: true });
/** Calendar day in the hospital's time zone. */
export const localDateSchema = z.iso.date();
/** Wall-clock time of day (HH:mm) in the hospital's time zone. */
export const localTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm');

/** Money is always an integer number of fen (分). */
export const fenSchema = z.number().int().min(0).max(100_000_000);

export const codeSchema = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9_-]{0,31}$/, '编码只能包含大写字母、数字、下划线和连字符，最长 32 位');

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

/**
 * The PATCH form of a create schema: every field optional and *without* its default. (A `.partial()` of
 * fields with defaults would fill the defaults in and silently reset what the client did not send.)
 */
export function patchOf<Shape extends z.ZodRawShape>(shape: Shape) {
  const entries = Object.entries(shape).map(([key, field]) => {
    const bare = field instanceof z.ZodDefault || field instanceof z.ZodPrefault ? field.unwrap() : field;
    return [key, (bare as z.ZodType).optional()];
  });
  return z.strictObject(
    Object.fromEntries(entries) as { [K in keyof Shape]: z.ZodOptional<WithoutDefault<Shape[K]>> },
  );
}
