import { ERRORS, type ErrorCode } from '@hospital/shared';

/**
 * The one error type services throw for anything a client did or can act on. The error handler turns it
 * into `{ error: { code, message, details } }` with the code's status. `message` overrides the code's default
 * (Chinese) text when a more specific sentence helps the person reading it.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? ERRORS[code].zh);
    this.name = 'AppError';
    this.status = ERRORS[code].status;
  }

  /** True when the caller supplied its own message rather than the code's default. */
  get hasCustomMessage(): boolean {
    return this.message !== ERRORS[this.code].zh;
  }
}

export const notFound = (what?: string) => new AppError('NOT_FOUND', what ? `${what}不存在` : undefined);
