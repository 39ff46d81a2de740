import { type HttpHandler, HttpResponse, http } from 'msw';

/** Where the real WeChat login client sends requests unless told otherwise. */
export const WECHAT_API_BASE_URL = 'https://api.weixin.qq.com';
/** The code2Session endpoint, for handlers and for filtering msw request events. */
export const JSCODE2SESSION_URL = `${WECHAT_API_BASE_URL}/sns/jscode2session`;

/** The errcodes jscode2session is known to answer, with the errmsg WeChat sends (minus its request id). */
export const WECHAT_ERRCODES = {
  systemBusy: { errcode: -1, errmsg: 'system error' },
  invalidCredential: { errcode: 40001, errmsg: 'invalid credential' },
  invalidAppId: { errcode: 40013, errmsg: 'invalid appid' },
  invalidCode: { errcode: 40029, errmsg: 'invalid code' },
  invalidSecret: { errcode: 40125, errmsg: 'invalid appsecret' },
  codeUsed: { errcode: 40163, errmsg: 'code been used' },
  ipNotAllowed: { errcode: 40164, errmsg: 'invalid ip, not in whitelist' },
  userBlocked: { errcode: 40226, errmsg: 'code blocked' },
  rateLimited: { errcode: 45011, errmsg: 'api minute-quota reach limit  mustslower  retry next minute' },
} as const;

/**
 * A jscode2session reply as WeChat sends it: HTTP 200, JSON labelled text/plain. Mimicking the label keeps
 * code that trusts Content-Type from passing tests and failing against WeChat.
 */
export function wechatReply(body: unknown, init?: { status?: number }): Response {
  return new HttpResponse(JSON.stringify(body), {
    status: init?.status ?? 200,
    headers: { 'Content-Type': 'text/plain' },
  });
}

/** Answers every jscode2session call with one errcode, e.g. `wechatErrorHandler(WECHAT_ERRCODES.codeUsed)`. */
export function wechatErrorHandler(
  error: { errcode: number; errmsg: string },
  baseUrl = WECHAT_API_BASE_URL,
): HttpHandler {
  return http.get(`${baseUrl}/sns/jscode2session`, () =>
    wechatReply({ errcode: error.errcode, errmsg: `${error.errmsg}, rid: 00000000-test` }),
  );
}

/** A WeChat user the fake knows, keyed by the wx.login() code that signs them in. */
export interface FakeWechatUser {
  openid: string;
  unionid?: string;
}

/** What the fake WeChat saw, so a test can assert on calls without reaching into msw internals. */
export interface FakeWechat {
  handler: HttpHandler;
  /** Query strings of every jscode2session call, in order. */
  calls: URLSearchParams[];
}

/**
 * A jscode2session that behaves like WeChat for a fixed cast of users, for tests of login flows: a wrong
 * appid or secret gets 40013/40125, an unknown code 40029, and each known code works once and then gets
 * 40163, as real codes do. Install with `server.use(fake.handler)`.
 */
export function fakeWechatLogin(opts: {
  appId: string;
  appSecret: string;
  users: Record<string, FakeWechatUser>;
  baseUrl?: string;
}): FakeWechat {
  const used = new Set<string>();
  const calls: URLSearchParams[] = [];
  const handler = http.get(`${opts.baseUrl ?? WECHAT_API_BASE_URL}/sns/jscode2session`, ({ request }) => {
    const query = new URL(request.url).searchParams;
    calls.push(query);
    if (query.get('appid') !== opts.appId) return wechatReply(WECHAT_ERRCODES.invalidAppId);
    if (query.get('secret') !== opts.appSecret) return wechatReply(WECHAT_ERRCODES.invalidSecret);
    const code = query.get('js_code') ?? '';
    const user = opts.users[code];
    if (!user) return wechatReply(WECHAT_ERRCODES.invalidCode);
    if (used.has(code)) return wechatReply(WECHAT_ERRCODES.codeUsed);
    used.add(code);
    return wechatReply({
      openid: user.openid,
      session_key: `session-key-of-${user.openid}`,
      ...(user.unionid ? { unionid: user.unionid } : {}),
    });
  });
  return { handler, calls };
}
