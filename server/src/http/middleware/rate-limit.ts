import type { Middleware, ParameterizedContext } from 'koa';
import { AppError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type { SqlExecutor } from '../../db/sql';
import type { AppState } from '../state';
import { windowCounters } from './window-counters';

/**
 * Fixed-window limits per minute. The key is the signed-in principal when there is one (so a ward's shared
 * Wi-Fi does not lock everybody out), else the client IP.
 *
 * With `store` the counters live in the database, shared by every instance behind the load balancer, and
 * written in one statement for many requests (window-counters.ts: no write per request; exact near the limit);
 * should the database fail, each instance falls back to its own counts rather than refusing or failing
 * requests. Without it they live in this process's memory.
 */
export function rateLimit(opts: {
  /** Requests a minute — or, with `perHour` instead, an hour. */
  perMinute?: number;
  perHour?: number;
  keyPrefix: string;
  by: 'principal-or-ip' | 'ip';
  store?: SqlExecutor;
  logger?: Logger;
  /** Requests this limiter never counts nor refuses (they pass straight on). */
  exempt?: (ctx: ParameterizedContext<AppState>) => boolean;
}): Middleware<AppState> {
  const points = opts.perMinute ?? opts.perHour;
  if (!points) throw new Error('rateLimit: give perMinute or perHour');
  let warnedAt = 0;
  const counters = windowCounters({
    points,
    durationMs: (opts.perMinute ? 60 : 3600) * 1000,
    keyPrefix: opts.keyPrefix,
    store: opts.store,
    onStoreError: (err) => {
      if (Date.now() - warnedAt < 60_000) return;
      warnedAt = Date.now();
      opts.logger?.warn({ err, limiter: opts.keyPrefix }, 'rate-limit store failed; counting per instance');
    },
  });
  return async (ctx, next) => {
    if (opts.exempt?.(ctx)) return next();
    const p = ctx.state.principal;
    const key =
      opts.by === 'principal-or-ip' && p
        ? p.kind === 'patient'
          ? `p:${p.accountId}`
          : `s:${p.staffId}`
        : `ip:${ctx.ip}`;
    const { rank, msBeforeNext } = await counters.count(key);
    if (rank > points) {
      throw new AppError('RATE_LIMITED', undefined, {
        retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)),
      });
    }
    ctx.set('RateLimit-Limit', String(points));
    ctx.set('RateLimit-Remaining', String(points - rank));
    await next();
  };
}
