import {
  type ErrorBody,
  type ErrorCode,
  errorMessage,
  fieldError,
  type Locale,
  localFieldMessage,
} from '@hospital/shared';
import type { Middleware } from 'koa';
import { AppError } from '../../core/errors';
import { fromDatabaseError } from '../../db/errors';
import type { AppState } from '../state';

/**
 * Errors thrown by the body parser. co-body / raw-body's carry an http-errors `type`; an unknown
 * `Content-Encoding` is refused by `inflation` with a bare Error of status 415; a body that is not what its
 * `Content-Encoding` says fails in node:zlib (`Z_DATA_ERROR`, `Z_BUF_ERROR`, brotli's `ERR__ERROR_…`), and
 * nothing but the body parser inflates in this server.
 */
function fromParserError(error: {
  type?: string;
  status?: number;
  message?: string;
  code?: unknown;
  errno?: unknown;
}): AppError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  if (error.status === 415 && /^Unsupported Content-Encoding/.test(error.message ?? '')) {
    return new AppError('UNSUPPORTED_CONTENT_ENCODING');
  }
  if (
    typeof error.errno === 'number' &&
    typeof error.code === 'string' &&
    /^(Z_|ERR__ERROR_)/.test(error.code)
  ) {
    return new AppError('INVALID_CONTENT_ENCODING');
  }
  if (error instanceof SyntaxError && (error as { status?: number }).status === 400) {
    // co-body in strict mode refuses scalars ("just a string") with this message; they are JSON, just not an object.
    return /only supports object and array/.test(error.message)
      ? new AppError('VALIDATION_FAILED', fieldError('notAnObject'))
      : new AppError('MALFORMED_JSON');
  }
  switch (error.type) {
    case 'entity.parse.failed':
      return new AppError('MALFORMED_JSON');
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    case 'request.aborted':
      return new AppError('VALIDATION_FAILED', '请求被中断');
    default:
      return undefined;
  }
}

/**
 * A list of field issues (`[{ path, message }]`) with each message in the reader's locale: services write
 * them with the Chinese field messages of shared/src/field-messages.ts. Other details are left as they are.
 */
function localDetails(details: unknown, locale: Locale): unknown {
  if (!Array.isArray(details)) return details;
  return details.map((d: unknown) =>
    typeof d === 'object' && d !== null && typeof (d as { message?: unknown }).message === 'string'
      ? { ...d, message: localFieldMessage((d as { message: string }).message, locale) }
      : d,
  );
}

/**
 * The only place that writes error bodies: `{ error: { code, message, details, requestId } }`. Anything
 * that is not an AppError is a bug on our side: logged with its stack, answered 500 without internals.
 */
export function errorHandler(): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new AppError('ROUTE_NOT_FOUND');
    } catch (caught) {
      const error =
        caught instanceof AppError
          ? caught
          : (fromParserError(caught as Parameters<typeof fromParserError>[0]) ??
            fromDatabaseError(caught) ??
            (caught as Error));
      const known = error instanceof AppError;
      const code: ErrorCode = known ? error.code : 'INTERNAL';
      if (!known) ctx.state.log?.error({ err: error }, 'unhandled error');
      const message = known ? error.messageIn(ctx.state.locale) : errorMessage(code, ctx.state.locale);
      const body: ErrorBody = {
        error: { code, message, requestId: ctx.state.requestId },
      };
      if (known && error.details !== undefined)
        body.error.details = localDetails(error.details, ctx.state.locale);
      ctx.status = known ? error.status : 500;
      ctx.body = body;
      if (
        (ctx.status === 429 || ctx.status === 503) &&
        known &&
        typeof error.details === 'object' &&
        error.details
      ) {
        const retry = (error.details as { retryAfterSeconds?: number }).retryAfterSeconds;
        if (retry) ctx.set('Retry-After', String(retry));
      }
    }
  };
}
