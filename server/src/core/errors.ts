import {
  ERROR_MESSAGES_WITH,
  ERRORS,
  type ErrorCode,
  errorMessage,
  FIELD_MESSAGES,
  type FieldMessageKey,
  type Locale,
  type LocalizedText,
  localFieldMessage,
} from '@hospital/shared';
import { currentLocale } from '../i18n';

type CodeWithParams = keyof typeof ERROR_MESSAGES_WITH;

/**
 * The one error type services throw for anything a client did or can act on. The error handler turns it
 * into `{ error: { code, message, details } }` with the code's status. `message` overrides the code's default
 * text when a more specific sentence helps the person reading it: in every locale, or (a plain string) in
 * Chinese only, English readers then getting its English when it is a field message of shared/src/field-messages.ts
 * and the code's default otherwise.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly status: number;
  private readonly localized?: LocalizedText;

  constructor(code: ErrorCode, message?: string | LocalizedText, details?: unknown) {
    // A refusal (4xx) is an answer, not a fault: capturing its stack was a measurable part of a rush's
    // SLOT_FULL answers, and nobody reads it. Server errors keep theirs.
    const stackTraceLimit = Error.stackTraceLimit;
    if (ERRORS[code].status < 500) Error.stackTraceLimit = 0;
    super(typeof message === 'object' ? message.zh : (message ?? ERRORS[code].zh));
    Error.stackTraceLimit = stackTraceLimit;
    this.code = code;
    this.details = details;
    this.name = 'AppError';
    this.status = ERRORS[code].status;
    if (typeof message === 'object') this.localized = message;
  }

  /** The code's message that states the hospital's own numbers (`ERROR_MESSAGES_WITH`). */
  static with<C extends CodeWithParams>(
    code: C,
    params: Parameters<(typeof ERROR_MESSAGES_WITH)[C]>[0],
    details?: unknown,
  ): AppError {
    const text = (ERROR_MESSAGES_WITH[code] as (p: typeof params) => LocalizedText)(params);
    return new AppError(code, text, details);
  }

  /** What a reader in `locale` is told. */
  messageIn(locale: Locale): string {
    if (this.localized) return locale === 'en' ? this.localized.en : this.localized.zh;
    if (this.message === ERRORS[this.code].zh) return errorMessage(this.code, locale);
    if (locale !== 'en') return this.message;
    // A field message of shared/src/field-messages.ts is known in English too; another sentence is not.
    const known = localFieldMessage(this.message, locale);
    return known !== this.message ? known : errorMessage(this.code, locale);
  }
}

/**
 * A field's 400 in the reader's language: a message of FIELD_MESSAGES by its key, or one written in both
 * languages where it states numbers of its own (docs/decisions/026). `path`: `body.roomId`, `query.from`…
 */
export function invalid(path: string, message: FieldMessageKey | LocalizedText): AppError {
  const text = typeof message === 'string' ? FIELD_MESSAGES[message] : message;
  return new AppError('VALIDATION_FAILED', text, [
    { path, message: currentLocale() === 'en' ? text.en : text.zh },
  ]);
}

export const notFound = (what?: string) => new AppError('NOT_FOUND', what ? `${what}不存在` : undefined);
