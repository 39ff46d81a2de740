import type { Middleware } from 'koa';
import { AppError } from '../../core/errors';
import type { AppState } from '../state';

/** A request that carries a body must say it is JSON; anything else is refused before parsing. */
export function requireJson(): Middleware<AppState> {
  return async (ctx, next) => {
    const hasBody = Number(ctx.get('content-length') || 0) > 0 || ctx.get('transfer-encoding') !== '';
    if (hasBody && !ctx.is('application/json')) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
    await next();
  };
}
