import { ERRORS, type ErrorCode, type FieldIssue } from '../errors';

/** Client-side codes beside the server's: no answer at all, or an answer that is not our error shape. */
export type ClientErrorCode = 'NETWORK' | 'BAD_RESPONSE';
/** A server code (shared/src/errors.ts), a client one, or a code this client does not know yet. */
export type ApiErrorCode = ErrorCode | ClientErrorCode | (string & Record<never, never>);

export type MessageLocale = 'zh-CN' | 'en';

const CLIENT_MESSAGES: Record<ClientErrorCode, Record<MessageLocale, string>> = {
  NETWORK: {
    'zh-CN': '网络连接失败，请检查网络后重试',
    en: 'Cannot reach the hospital server; check your connection and retry',
  },
  BAD_RESPONSE: {
    'zh-CN': '服务器返回了无法识别的内容，请稍后重试',
    en: 'The server sent an unexpected answer; try again later',
  },
};

const GENERIC: Record<MessageLocale, string> = {
  'zh-CN': '系统繁忙，请稍后重试',
  en: 'Something went wrong; try again later',
};

function isServerCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERRORS, code);
}

/** The message for a code when the server gave none: shared ERRORS first, then the client's own. */
export function fallbackMessage(code: string, locale: MessageLocale): string {
  if (isServerCode(code)) return locale === 'en' ? ERRORS[code].en : ERRORS[code].zh;
  if (Object.hasOwn(CLIENT_MESSAGES, code)) return CLIENT_MESSAGES[code as ClientErrorCode][locale];
  return GENERIC[locale];
}

/**
 * Every failure of an API call: the server's `{ error: { code, message, details, requestId } }` with the
 * HTTP status (0 when no answer came), its message already in the caller's language.
 */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly details: FieldIssue[];
  readonly requestId?: string;
  /** A 429's or 503's wait (the server's `details.retryAfterSeconds`): when to ask again. */
  readonly retryAfterSeconds?: number;

  constructor(init: {
    code: ApiErrorCode;
    message: string;
    status: number;
    details?: FieldIssue[];
    requestId?: string;
    retryAfterSeconds?: number;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.details = init.details ?? [];
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** Field messages keyed by the field name: `body.idNumber` → `idNumber`. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const issue of this.details) {
      const field = issue.path.replace(/^(body|query|params)\./, '');
      out[field] ??= issue.message;
    }
    return out;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

interface ErrorBody {
  error: {
    code: string;
    message?: string;
    details?: FieldIssue[] | { retryAfterSeconds?: unknown };
    requestId?: string;
  };
}

function isErrorBody(data: unknown): data is ErrorBody {
  if (typeof data !== 'object' || data === null || !('error' in data)) return false;
  const error = (data as { error: unknown }).error;
  return (
    typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
  );
}

/** Turns a non-2xx answer into an ApiError, keeping the server's (already localised) message. */
export function errorFromResponse(status: number, data: unknown, locale: MessageLocale): ApiError {
  if (isErrorBody(data)) {
    const { code, message, details, requestId } = data.error;
    return new ApiError({
      code,
      status,
      message: message?.trim() ? message : fallbackMessage(code, locale),
      details: Array.isArray(details) ? details : [],
      requestId,
      retryAfterSeconds:
        details && !Array.isArray(details) && typeof details.retryAfterSeconds === 'number'
          ? details.retryAfterSeconds
          : undefined,
    });
  }
  const code = status >= 500 ? 'INTERNAL' : 'BAD_RESPONSE';
  return new ApiError({ code, status, message: fallbackMessage(code, locale) });
}

export function networkError(locale: MessageLocale): ApiError {
  return new ApiError({ code: 'NETWORK', status: 0, message: fallbackMessage('NETWORK', locale) });
}

/** A message to show for anything thrown, never an empty string or a stack trace. */
export function messageOf(error: unknown, locale: MessageLocale = 'zh-CN'): string {
  if (isApiError(error)) return error.message;
  return GENERIC[locale];
}
