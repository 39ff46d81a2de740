import type { Middleware } from 'koa';
import { AppError } from '../../core/errors';
import { createLoad, type Load } from '../../core/load';
import type { AppState } from '../state';

/**
 * Load shedding: at most `maxInFlight` API requests are answered at once by this instance; one more is
 * refused at once with 503 SERVER_BUSY and `Retry-After: 1`, before it costs anything (no token check, no
 * counter, no connection). The apps retry such an answer after the pause (shared/src/api/client.ts), an
 * idempotent request with its same key. So a release-time rush waits on the phones, a second at a time,
 * instead of in a queue here whose every request would wait for all the others: the requests let in keep
 * their latency, and memory stays bounded. `exempt` requests (health checks, WeChat Pay's notifications, which
 * WeChat would retry on its own schedule) are never refused nor counted.
 */
/** One error for every refusal: thrown as it is, it costs no stack trace per request. */
const BUSY = new AppError('SERVER_BUSY', undefined, { retryAfterSeconds: 1 });

export function admission(opts: {
  maxInFlight: number;
  exempt: (ctx: { method: string; path: string }) => boolean;
  /** Where the count is kept (the services read it); a gauge of its own unless given. */
  load?: Load;
}): Middleware<AppState> {
  const load = opts.load ?? createLoad();
  let shed = 0;
  let since = Date.now();
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/api/') || opts.exempt(ctx)) return next();
    if (load.inFlight >= opts.maxInFlight) {
      ctx.state.shed = true;
      if (shed === 0) since = Date.now();
      shed++;
      // One line every ten seconds while shedding, instead of one per request.
      if (Date.now() - since >= 10_000) {
        ctx.state.log.warn(
          { shed, seconds: Math.round((Date.now() - since) / 1000), maxInFlight: opts.maxInFlight },
          'shedding load: answered 503 SERVER_BUSY',
        );
        shed = 0;
        since = Date.now();
      }
      throw BUSY;
    }
    load.inFlight++;
    try {
      await next();
    } finally {
      load.inFlight--;
    }
  };
}
