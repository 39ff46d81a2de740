import { type ErrorCode, errorMessage } from '@hospital/shared';
import type { Middleware } from 'koa';
import { createLoad, type Load } from '../../core/load';
import type { Logger } from '../../core/logger';
import type { AppState } from '../state';

const CODE: ErrorCode = 'SERVER_BUSY';
const RETRY_AFTER_SECONDS = 1;
/** The refusal, in each language, serialised once: `{ error: { code, message, details } }` as every error. */
const BODIES = {
  'zh-CN': JSON.stringify({
    error: {
      code: CODE,
      message: errorMessage(CODE, 'zh-CN'),
      details: { retryAfterSeconds: RETRY_AFTER_SECONDS },
    },
  }),
  en: JSON.stringify({
    error: {
      code: CODE,
      message: errorMessage(CODE, 'en'),
      details: { retryAfterSeconds: RETRY_AFTER_SECONDS },
    },
  }),
};

/**
 * Load shedding: at most `maxInFlight` API requests are answered at once by this instance; one more is
 * refused at once with 503 SERVER_BUSY and `Retry-After`, before it costs anything. The apps send it again
 * after a pause that doubles (shared/src/api/client.ts `busyPause`), an idempotent request with its same key.
 * So a release-time rush waits on the phones instead of in a queue here whose every request would wait for
 * all the others: the requests let in keep their latency, and memory stays bounded.
 *
 * First in the chain, and it answers by itself — the body written once per language in the error handler's
 * format, no request id, logger, security headers or error object — because in a rush most requests are
 * these, and each must cost next to nothing. (CORS still holds: a browser on an allowed origin gets its
 * `Access-Control-Allow-Origin`.) One warning every ten seconds says how many were shed. `exempt` requests
 * (WeChat Pay's notifications, which WeChat retries on its own schedule) are never refused nor counted;
 * health checks are outside `/api/`.
 */
export function admission(opts: {
  maxInFlight: number;
  exempt: (ctx: { method: string; path: string }) => boolean;
  logger: Logger;
  /** Origins whose browsers may read the answer (CORS_ORIGINS). */
  allowedOrigins?: ReadonlySet<string>;
  /** Where the count is kept (the services read it); a gauge of its own unless given. */
  load?: Load;
}): Middleware<AppState> {
  const load = opts.load ?? createLoad();
  let shed = 0;
  let since = 0;
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/api/') || opts.exempt(ctx)) return next();
    if (load.inFlight >= opts.maxInFlight) {
      const now = Date.now();
      if (shed === 0) since = now;
      shed++;
      if (now - since >= 10_000) {
        opts.logger.warn(
          { shed, seconds: Math.round((now - since) / 1000), maxInFlight: opts.maxInFlight },
          'shedding load: answered 503 SERVER_BUSY',
        );
        shed = 0;
      }
      const origin = ctx.get('origin');
      if (origin && opts.allowedOrigins?.has(origin)) {
        ctx.set('Access-Control-Allow-Origin', origin);
        ctx.set('Vary', 'Origin');
      }
      ctx.set('Retry-After', String(RETRY_AFTER_SECONDS));
      ctx.set('Cache-Control', 'no-store');
      ctx.status = 503;
      ctx.type = 'json';
      ctx.body = /^en\b/i.test(ctx.get('accept-language')) ? BODIES.en : BODIES['zh-CN'];
      return;
    }
    load.inFlight++;
    try {
      await next();
    } finally {
      load.inFlight--;
    }
  };
}
