import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from '../../core/logger';
import { inLocale } from '../../i18n';
import type { AppState } from '../state';

const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Request id (kept from a trusted upstream `X-Request-Id` when well-formed), a child logger carrying it,
 * the locale from Accept-Language, and one access-log line per request. No bodies or query strings are
 * logged: they may carry personal data.
 */
export function requestContext(logger: Logger): Middleware<AppState> {
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    const requestId = INCOMING_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.log = logger.child({ requestId });
    ctx.state.locale = /^en\b/i.test(ctx.get('accept-language')) ? 'en' : 'zh-CN';
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    // Debug only (a no-op otherwise): shows which requests had begun, e.g. when the process is told to stop.
    ctx.state.log.debug({ method: ctx.method, path: ctx.path }, 'request received');
    try {
      await inLocale(ctx.state.locale, next);
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const level = ctx.status >= 500 ? 'error' : 'info';
      ctx.state.log[level](
        { method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10, ip: ctx.ip },
        'request',
      );
    }
  };
}
