import type { Middleware } from 'koa';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../errors';
import type { AppState } from '../state';

/**
 * Fixed-window limits per minute. The key is the signed-in principal when there is one (so a ward's shared
 * Wi-Fi does not lock everybody out), else the client IP. The memory store is per instance; with several
 * instances swap in rate-limiter-flexible's PostgreSQL or Redis store (README, "Scaling").
 */
export function rateLimit(opts: {
  perMinute: number;
  keyPrefix: string;
  by: 'principal-or-ip' | 'ip';
}): Middleware<AppState> {
  const limiter = new RateLimiterMemory({ points: opts.perMinute, duration: 60, keyPrefix: opts.keyPrefix });
  return async (ctx, next) => {
    const p = ctx.state.principal;
    const key =
      opts.by === 'principal-or-ip' && p
        ? p.kind === 'patient'
          ? `p:${p.accountId}`
          : `s:${p.staffId}`
        : `ip:${ctx.ip}`;
    try {
      const res = await limiter.consume(key);
      ctx.set('RateLimit-Limit', String(opts.perMinute));
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
