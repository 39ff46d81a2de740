import type { Middleware, ParameterizedContext } from 'koa';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { AppError } from '../../core/errors';
import type { SqlExecutor } from '../../db/sql';
import type { AppState } from '../state';

/** Table of the shared counters (prisma/schema.prisma, `RateLimitCounter`), created by a migration. */
const TABLE = 'rate_limit';

/**
 * Fixed-window limits per minute. The key is the signed-in principal when there is one (so a ward's shared
 * Wi-Fi does not lock everybody out), else the client IP.
 *
 * With `store` the counters live in the database, shared by every instance behind the load balancer (one
 * upsert per request); should the database fail, each instance falls back to its own memory counters rather
 * than refusing or failing requests. Without it they live in this process's memory.
 */
export function rateLimit(opts: {
  /** Requests a minute — or, with `perHour` instead, an hour. */
  perMinute?: number;
  perHour?: number;
  keyPrefix: string;
  by: 'principal-or-ip' | 'ip';
  store?: SqlExecutor;
  /** Requests this limiter never counts nor refuses (they pass straight on). */
  exempt?: (ctx: ParameterizedContext<AppState>) => boolean;
}): Middleware<AppState> {
  const points = opts.perMinute ?? opts.perHour;
  if (!points) throw new Error('rateLimit: give perMinute or perHour');
  const window = { points, duration: opts.perMinute ? 60 : 3600, keyPrefix: opts.keyPrefix };
  const limiter: RateLimiterAbstract = opts.store
    ? new RateLimiterPostgres({
        ...window,
        storeClient: postgresStoreClient(opts.store),
        storeType: 'pool', // it queries through `storeClient.query` directly, as on a pg Pool
        tableName: TABLE,
        tableCreated: true,
        insuranceLimiter: new RateLimiterMemory(window),
      })
    : new RateLimiterMemory(window);
  return async (ctx, next) => {
    if (opts.exempt?.(ctx)) return next();
    const p = ctx.state.principal;
    const key =
      opts.by === 'principal-or-ip' && p
        ? p.kind === 'patient'
          ? `p:${p.accountId}`
          : `s:${p.staffId}`
        : `ip:${ctx.ip}`;
    try {
      const res = await limiter.consume(key);
      ctx.set('RateLimit-Limit', String(points));
      ctx.set('RateLimit-Remaining', String(res.remainingPoints));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw new AppError('RATE_LIMITED', undefined, {
        retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
      });
    }
    await next();
  };
}

/**
 * The client shape rate-limiter-flexible's PostgreSQL store calls (`query({ text, values })` answering
 * `{ rows, rowCount }`), on the server's own SQL executor: the same pool, on PostgreSQL or PGlite.
 */
function postgresStoreClient(sql: SqlExecutor) {
  return {
    async query(q: { text: string; values?: unknown[] }) {
      const rows = await sql.query<{ points: number; expire: string | number | null }>(q.text, q.values);
      // BIGINT comes back as a string from pg; the store does arithmetic on it.
      const normalised = rows.map((r) => ({ ...r, expire: r.expire === null ? null : Number(r.expire) }));
      return { rows: normalised, rowCount: rows.length };
    },
  };
}
