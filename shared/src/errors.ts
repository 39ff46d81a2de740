/**
 * Stable error codes of the API. The server answers `{ error: { code, message, details? } }`; clients key
 * their behaviour on `code` and may show `message` as is. Each code has one HTTP status and a default
 * message per locale, so the server, the mini-program and the console never drift apart.
 */
export const ERRORS = {
  VALIDATION_FAILED: {
    status: 400,
    zh: '提交的信息有误，请检查后重试',
    en: 'Some fields are invalid; check them and try again',
  },
  MALFORMED_JSON: { status: 400, zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '请求内容类型不受支持，请使用 JSON',
    en: 'Send the request body as application/json',
  },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'The request body is too large' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Sign in first' },
  TOKEN_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'Your session has expired; sign in again' },
  TOKEN_INVALID: {
    status: 401,
    zh: '登录凭证无效，请重新登录',
    en: 'The sign-in token is invalid; sign in again',
  },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, zh: '未找到相关内容', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  METHOD_NOT_ALLOWED: { status: 405, zh: '不支持该请求方式', en: 'Method not allowed on this endpoint' },
  CONFLICT: {
    status: 409,
    zh: '数据已被修改，请刷新后重试',
    en: 'The data changed meanwhile; reload and retry',
  },
  ALREADY_EXISTS: { status: 409, zh: '记录已存在', en: 'This record already exists' },
  PROFILE_LIMIT_REACHED: {
    status: 422,
    zh: '每个账号最多添加 5 位就诊人，请先删除不再使用的就诊人',
    en: 'An account holds at most 5 patient profiles; remove one first',
  },
  PROFILE_DUPLICATE_ID: {
    status: 409,
    zh: '该证件号码已添加为就诊人，无需重复添加',
    en: 'A profile with this ID number already exists on your account',
  },
  WECHAT_CODE_INVALID: {
    status: 401,
    zh: '微信登录凭证无效或已使用，请重新进入小程序',
    en: 'The WeChat login code is invalid or already used; reopen the mini-program',
  },
  WECHAT_UNAVAILABLE: {
    status: 503,
    zh: '微信服务暂时不可用，请稍后重试',
    en: 'WeChat is unavailable; try again shortly',
  },
  RATE_LIMITED: {
    status: 429,
    zh: '操作过于频繁，请稍后再试',
    en: 'Too many requests; wait a moment and retry',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    zh: '服务暂时不可用，请稍后重试',
    en: 'The service is temporarily unavailable',
  },
  INTERNAL: {
    status: 500,
    zh: '系统繁忙，请稍后重试',
    en: 'Something went wrong on our side; try again later',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;
export type Locale = 'zh-CN' | 'en';

/** The message for a code in a locale; Chinese is the default for patients and staff. */
export function errorMessage(code: ErrorCode, locale: Locale = 'zh-CN'): string {
  const entry = ERRORS[code];
  return locale === 'en' ? entry.en : entry.zh;
}

/** One field-level problem in a VALIDATION_FAILED answer. */
export interface FieldIssue {
  /** Where the problem is: `body.idNumber`, `query.page`, `params.id`. */
  path: string;
  message: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown; requestId?: string };
}
