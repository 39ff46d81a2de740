import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { alertSafely, fetchTextOrFail } from '../http';

/** Who signed in through wx.login(). The session_key is deliberately absent: we never use it and it is a secret. */
export interface WechatSession {
  openid: string;
  /** Present only when the mini-program is bound to a WeChat Open Platform account. */
  unionid: string | null;
}

/**
 * Turns a wx.login() code into the user's WeChat identity. Two implementations: the real one calls WeChat's
 * jscode2session; the local one (embedded default when no app secret is configured) accepts `dev:<name>`.
 */
export interface WechatLoginClient {
  /**
   * Exchanges a wx.login() code for the user's openid. Throws AppError('WECHAT_CODE_INVALID') for a
   * bad/used/expired code, AppError('WECHAT_UNAVAILABLE') when WeChat is busy, unreachable, times out, or
   * answers garbage, and AppError('WECHAT_UNAVAILABLE') with a logged cause for misconfiguration (wrong
   * appid/secret, errcode 40013/40125 etc.) since the patient cannot fix it. A user WeChat blocks as high-risk
   * (40226) gets AppError('FORBIDDEN') with `details.reason = 'WECHAT_USER_BLOCKED'`.
   */
  exchangeCode(code: string): Promise<WechatSession>;
  readonly kind: 'wechat' | 'local';
}

/** Options of the real client. Only `appId` and `appSecret` are needed in production. */
export interface RealWechatLoginOptions {
  appId: string;
  appSecret: string;
  /** Default https://api.weixin.qq.com; tests and proxies override it. */
  baseUrl?: string;
  /** Covers connecting and reading the body. Default 5000 ms. */
  timeoutMs?: number;
  /** Default: the global fetch, looked up on every call. */
  fetch?: typeof fetch;
  /** Told about errcodes that mean our appid/secret/IP allow-list is wrong, so an operator gets alerted. */
  onMisconfigured?: (errcode: number, errmsg: string) => void;
}

const DEFAULT_BASE_URL = 'https://api.weixin.qq.com';
const DEFAULT_TIMEOUT_MS = 5000;
// Real codes are ~32 characters; the cap only keeps a hostile client from making us send huge URLs.
const MAX_CODE_LENGTH = 512;

/** The message for 40226: WeChat's risk control blocked this user, which neither we nor a new code can fix. */
export const WECHAT_USER_BLOCKED_MESSAGE =
  '当前微信账号被微信安全策略拦截，暂时无法登录。请在微信「安全中心」检查账号状态后再试，或到医院人工窗口办理。';

/**
 * Errcodes that mean the deployment is wrong, not the patient: invalid credential (40001), invalid appid
 * (40013), invalid secret (40125), server IP not on the allow-list (40164), appid or secret missing
 * (41002/41004), API not authorised for this account (48001).
 */
const MISCONFIGURATION_ERRCODES: ReadonlySet<number> = new Set([
  40001, 40013, 40125, 40164, 41002, 41004, 48001,
]);

const errorReplySchema = z.object({
  errcode: z.number().int(),
  errmsg: z.string().catch(''),
});

// Only the fields we keep are declared, so the parsed value cannot carry session_key onwards. The docs'
// example success reply also has `errcode: 0`, which the error branch lets through to here.
const sessionReplySchema = z.object({
  openid: z.string().min(1),
  unionid: z.string().nullish(),
});

/**
 * The client that calls WeChat's `GET /sns/jscode2session`. Throws at construction when `baseUrl` is not an
 * absolute URL, so a typo fails at start-up instead of on a patient's first login.
 */
export function createRealWechatLoginClient(opts: RealWechatLoginOptions): WechatLoginClient {
  const endpoint = jscode2sessionEndpoint(opts.baseUrl ?? DEFAULT_BASE_URL);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Resolved per call rather than captured here: msw and other interceptors replace globalThis.fetch after
  // the client may already have been built.
  const doFetch: typeof fetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));

  // The URL carries the app secret and some fetch errors quote the URL; scrub it from anything we keep. (The
  // code is single-use and spent by then, and scrubbing a short one would mangle the message.)
  const redact = (text: string): string => (opts.appSecret ? text.split(opts.appSecret).join('***') : text);

  const reportMisconfigured = (errcode: number, errmsg: string): void =>
    alertSafely(opts.onMisconfigured, errcode, errmsg);

  return {
    kind: 'wechat',
    async exchangeCode(code) {
      // Answering locally spares a round trip (WeChat would say 41008 "missing code") and keeps junk off the wire.
      if (code.trim() === '' || code.length > MAX_CODE_LENGTH) {
        throw new AppError('WECHAT_CODE_INVALID');
      }

      const url = new URL(endpoint);
      url.search = new URLSearchParams({
        appid: opts.appId,
        secret: opts.appSecret,
        js_code: code,
        grant_type: 'authorization_code',
      }).toString();

      const { status, text } = await fetchTextOrFail(
        'jscode2session',
        { doFetch, url, init: { method: 'GET' }, timeoutMs },
        (reason) => unavailable(reason),
        redact,
      );

      if (status < 200 || status >= 300) {
        throw unavailable(`jscode2session answered HTTP ${status}`);
      }

      // WeChat labels this JSON as text/plain, so the body is parsed whatever the content type says.
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw unavailable(`jscode2session answered a non-JSON body (${text.length} chars)`);
      }

      const errorReply = errorReplySchema.safeParse(body);
      if (errorReply.success && errorReply.data.errcode !== 0) {
        throw mapErrcode(errorReply.data.errcode, errorReply.data.errmsg, reportMisconfigured);
      }

      const reply = sessionReplySchema.safeParse(body);
      if (!reply.success) {
        // Issue paths and codes only: the body itself may hold a session_key.
        const issues = reply.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`).join(', ');
        throw unavailable(`jscode2session answered an unexpected shape (${issues})`);
      }
      return { openid: reply.data.openid, unionid: reply.data.unionid || null };
    },
  };
}

/**
 * Maps a jscode2session errcode to the error the patient sees.
 *
 * - 40029 invalid code, 40163 code already used → WECHAT_CODE_INVALID (401): the mini-program calls
 *   wx.login() again. (40029 is also what a code minted for another appid gets; if every login fails with it,
 *   check that APPID matches the mini-program's.)
 * - 40226 high-risk user blocked → FORBIDDEN (403) with a Chinese message and `details.reason`. Not 401,
 *   because the client would answer that with a fresh wx.login() and loop: the block is on the WeChat user,
 *   not the code. Not 503, because retrying will not help either; the user has to sort it out in WeChat.
 * - 45011 frequency limit, -1 system busy → WECHAT_UNAVAILABLE (503): transient; retry later.
 * - misconfiguration (see MISCONFIGURATION_ERRCODES) → WECHAT_UNAVAILABLE with the default message plus
 *   onMisconfigured: the patient cannot fix our secret, and telling them about it would only leak our state.
 * - anything else → WECHAT_UNAVAILABLE with the errcode kept in the cause for the logs.
 */
function mapErrcode(
  errcode: number,
  errmsg: string,
  reportMisconfigured: (errcode: number, errmsg: string) => void,
): AppError {
  switch (errcode) {
    case 40029:
    case 40163:
      return new AppError('WECHAT_CODE_INVALID');
    case 40226:
      return new AppError('FORBIDDEN', WECHAT_USER_BLOCKED_MESSAGE, { reason: 'WECHAT_USER_BLOCKED' });
    case 45011:
      return unavailable(`jscode2session rate limited: 45011 ${errmsg}`, '微信登录请求过于频繁，请稍后再试');
    case -1:
      return unavailable(`jscode2session system busy: -1 ${errmsg}`);
    default:
      if (MISCONFIGURATION_ERRCODES.has(errcode)) {
        reportMisconfigured(errcode, errmsg);
        return unavailable(`jscode2session rejected our configuration: ${errcode} ${errmsg}`);
      }
      return unavailable(`jscode2session answered unknown errcode ${errcode} ${errmsg}`);
  }
}

/** `{baseUrl}/sns/jscode2session`, appended rather than resolved so a proxy base's path survives. */
function jscode2sessionEndpoint(baseUrl: string): URL {
  let endpoint: URL;
  try {
    endpoint = new URL(`${baseUrl.replace(/\/+$/, '')}/sns/jscode2session`);
  } catch {
    throw new Error(`WeChat login baseUrl must be an absolute http(s) URL, got "${baseUrl}"`);
  }
  if (endpoint.protocol !== 'https:' && endpoint.protocol !== 'http:') {
    throw new Error(`WeChat login baseUrl must be an absolute http(s) URL, got "${baseUrl}"`);
  }
  return endpoint;
}

/** A 503 whose `cause` tells the operator what went wrong; the patient only sees `message`. */
function unavailable(reason: string, message?: string): AppError {
  const error = new AppError('WECHAT_UNAVAILABLE', message);
  error.cause = new Error(reason);
  return error;
}

// Letters and digits, `_` and `-`, and CJK (Han, kana, Hangul) so testers can sign in as 张三; counted in
// code points, not UTF-16 units.
const LOCAL_CODE =
  /^dev:([A-Za-z0-9_\-\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{1,64})$/u;

// What wx.login() hands out: WeChat's codes are 32 letters, digits, `_` or `-` today; the bounds leave room.
const WECHAT_CODE = /^[A-Za-z0-9_-]{16,128}$/;
// A local client remembers this many spent codes (a session's worth), so a replayed code is refused as WeChat does.
const SPENT_CODES_KEPT = 10_000;

/**
 * The embedded default when no app secret is configured. Accepts two kinds of code:
 *
 * - `dev:<name>` (H5, tests, scripts): the account derived from the name (`dev_` + 28 hex of sha256(name);
 *   case-sensitive), so the same name always returns the same openid;
 * - a code from a real `wx.login()` (the weapp in WeChat DevTools, tourist appid included), which no WeChat
 *   server can exchange for us: each code is a new person (`wxl_` + 28 hex of sha256(code)) and spent once, like
 *   WeChat's (40163). The mini-program keeps its refresh token, so the DevTools patient stays who they were.
 *
 * The prefixes keep these accounts apart from real WeChat ones. Anyone can be anyone here: the config must never
 * choose it in production.
 */
export function createLocalWechatLoginClient(): WechatLoginClient {
  const spent = new Set<string>();
  return {
    kind: 'local',
    async exchangeCode(code) {
      // NFC so a name typed with composed or decomposed characters reaches the same account.
      const name = LOCAL_CODE.exec(code.normalize('NFC'))?.[1];
      if (name !== undefined) {
        const digest = createHash('sha256').update(name, 'utf8').digest('hex');
        return { openid: `dev_${digest.slice(0, 28)}`, unionid: null };
      }
      if (!WECHAT_CODE.test(code)) {
        throw new AppError(
          'WECHAT_CODE_INVALID',
          '本地登录模式只接受 wx.login() 的登录码或 dev:<名字>（名字为 1–64 个字母、数字、_、- 或中日韩文字），例如 dev:alice',
        );
      }
      if (spent.has(code)) throw new AppError('WECHAT_CODE_INVALID');
      spent.add(code);
      if (spent.size > SPENT_CODES_KEPT) {
        const oldest = spent.values().next().value;
        if (oldest !== undefined) spent.delete(oldest);
      }
      const digest = createHash('sha256').update(code, 'utf8').digest('hex');
      return { openid: `wxl_${digest.slice(0, 28)}`, unionid: null };
    },
  };
}
