import { ERRORS } from '@hospital/shared';
import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { AppError } from '../../server/src/core/errors';
import {
  createLocalWechatLoginClient,
  createRealWechatLoginClient,
  WECHAT_USER_BLOCKED_MESSAGE,
} from '../../server/src/integrations/wechat/login';
import {
  fakeWechatLogin,
  JSCODE2SESSION_URL,
  WECHAT_ERRCODES,
  wechatErrorHandler,
  wechatReply,
} from '../support/msw/wechat';

const APP_ID = 'wx0123456789abcdef';
const APP_SECRET = 'sekrit-0123456789abcdef0123456789';
const SESSION_KEY = 'tiihtNczf5v6AKRyjwEUhQ==';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function realClient(extra: Partial<Parameters<typeof createRealWechatLoginClient>[0]> = {}) {
  return createRealWechatLoginClient({ appId: APP_ID, appSecret: APP_SECRET, ...extra });
}

/** The AppError a promise rejects with; fails the test if it resolves or rejects with anything else. */
async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(AppError);
  return outcome.error as AppError;
}

/** Everything an AppError carries that could end up in a log or a response. */
function everythingIn(error: AppError): string {
  const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
  return `${error.message} ${cause} ${JSON.stringify(error.details ?? null)}`;
}

describe('real WeChat login client', () => {
  it('returns openid and unionid, and leaves session_key out', async () => {
    server.use(
      http.get(JSCODE2SESSION_URL, () =>
        wechatReply({ openid: 'oUser1', session_key: SESSION_KEY, unionid: 'uUnion1' }),
      ),
    );
    const session = await realClient().exchangeCode('code-1');
    expect(session).toStrictEqual({ openid: 'oUser1', unionid: 'uUnion1' });
    expect(JSON.stringify(session)).not.toContain(SESSION_KEY);
  });

  it('returns unionid null when WeChat sends none', async () => {
    server.use(
      http.get(JSCODE2SESSION_URL, () => wechatReply({ openid: 'oUser2', session_key: SESSION_KEY })),
    );
    await expect(realClient().exchangeCode('code-2')).resolves.toStrictEqual({
      openid: 'oUser2',
      unionid: null,
    });
  });

  it('accepts the documented success shape with errcode 0 and a JSON content type', async () => {
    server.use(
      http.get(JSCODE2SESSION_URL, () =>
        HttpResponse.json({ openid: 'oUser3', session_key: SESSION_KEY, errcode: 0, errmsg: 'ok' }),
      ),
    );
    await expect(realClient().exchangeCode('code-3')).resolves.toStrictEqual({
      openid: 'oUser3',
      unionid: null,
    });
  });

  it('sends exactly appid, secret, js_code and grant_type', async () => {
    let seen: URL | undefined;
    server.use(
      http.get(JSCODE2SESSION_URL, ({ request }) => {
        seen = new URL(request.url);
        return wechatReply({ openid: 'oUser4', session_key: SESSION_KEY });
      }),
    );
    // A code with URL-special characters proves it is encoded rather than spliced into the URL.
    await realClient().exchangeCode('0a1B+c/d=&e');
    expect(seen?.origin + (seen?.pathname ?? '')).toBe(JSCODE2SESSION_URL);
    expect(Object.fromEntries(seen?.searchParams ?? [])).toStrictEqual({
      appid: APP_ID,
      secret: APP_SECRET,
      js_code: '0a1B+c/d=&e',
      grant_type: 'authorization_code',
    });
  });

  it('uses baseUrl, keeping its path', async () => {
    server.use(
      http.get('https://gw.example.test/wechat/sns/jscode2session', () =>
        wechatReply({ openid: 'oProxied', session_key: SESSION_KEY }),
      ),
    );
    const client = realClient({ baseUrl: 'https://gw.example.test/wechat/' });
    await expect(client.exchangeCode('c')).resolves.toStrictEqual({ openid: 'oProxied', unionid: null });
  });

  it('uses an injected fetch', async () => {
    const fakeFetch = jest.fn<Promise<Response>, Parameters<typeof fetch>>(async () =>
      Response.json({ openid: 'oInjected', session_key: SESSION_KEY }),
    );
    const client = realClient({ fetch: fakeFetch });
    await expect(client.exchangeCode('c')).resolves.toStrictEqual({ openid: 'oInjected', unionid: null });
    expect(fakeFetch).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['invalid code', WECHAT_ERRCODES.invalidCode, 'WECHAT_CODE_INVALID', 401],
    ['code already used', WECHAT_ERRCODES.codeUsed, 'WECHAT_CODE_INVALID', 401],
    ['rate limited', WECHAT_ERRCODES.rateLimited, 'WECHAT_UNAVAILABLE', 503],
    ['system busy', WECHAT_ERRCODES.systemBusy, 'WECHAT_UNAVAILABLE', 503],
    ['invalid appid', WECHAT_ERRCODES.invalidAppId, 'WECHAT_UNAVAILABLE', 503],
    ['invalid secret', WECHAT_ERRCODES.invalidSecret, 'WECHAT_UNAVAILABLE', 503],
    ['server IP not allowed', WECHAT_ERRCODES.ipNotAllowed, 'WECHAT_UNAVAILABLE', 503],
    ['high-risk user blocked', WECHAT_ERRCODES.userBlocked, 'FORBIDDEN', 403],
    ['an errcode nobody documented', { errcode: 99999, errmsg: 'surprise' }, 'WECHAT_UNAVAILABLE', 503],
  ])('maps %s (%j) to %s / %i', async (_label, wechatError, code, status) => {
    server.use(wechatErrorHandler(wechatError));
    const error = await appErrorOf(realClient().exchangeCode('code-x'));
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
  });

  it('tells a blocked user, in Chinese, why, and marks it apart from a role check', async () => {
    server.use(wechatErrorHandler(WECHAT_ERRCODES.userBlocked));
    const error = await appErrorOf(realClient().exchangeCode('code-x'));
    expect(error.message).toBe(WECHAT_USER_BLOCKED_MESSAGE);
    expect(error.message).toMatch(/微信/);
    expect(error.details).toStrictEqual({ reason: 'WECHAT_USER_BLOCKED' });
  });

  it('reports 40013 and 40125 to onMisconfigured but gives the patient the plain message', async () => {
    const onMisconfigured = jest.fn();
    const client = realClient({ onMisconfigured });

    server.use(wechatErrorHandler(WECHAT_ERRCODES.invalidAppId));
    const first = await appErrorOf(client.exchangeCode('code-x'));
    server.use(wechatErrorHandler(WECHAT_ERRCODES.invalidSecret));
    await appErrorOf(client.exchangeCode('code-y'));

    expect(onMisconfigured.mock.calls).toEqual([
      [40013, expect.stringContaining('invalid appid')],
      [40125, expect.stringContaining('invalid appsecret')],
    ]);
    // The patient is told the code's plain message, nothing of WeChat's answer.
    expect(first.messageIn('zh-CN')).toBe(ERRORS[first.code].zh);
    expect(first.details).toBeUndefined();
    expect(String((first.cause as Error).message)).toContain('40013');
  });

  it('does not call onMisconfigured for a patient-side error', async () => {
    const onMisconfigured = jest.fn();
    server.use(wechatErrorHandler(WECHAT_ERRCODES.invalidCode));
    await appErrorOf(realClient({ onMisconfigured }).exchangeCode('code-x'));
    expect(onMisconfigured).not.toHaveBeenCalled();
  });

  it('still answers 503 when the onMisconfigured hook throws', async () => {
    server.use(wechatErrorHandler(WECHAT_ERRCODES.invalidSecret));
    const client = realClient({
      onMisconfigured: () => {
        throw new Error('pager down');
      },
    });
    expect((await appErrorOf(client.exchangeCode('code-x'))).code).toBe('WECHAT_UNAVAILABLE');
  });

  it('treats HTTP 500 as unavailable, even with a valid-looking body', async () => {
    server.use(
      http.get(JSCODE2SESSION_URL, () =>
        wechatReply({ openid: 'oUser', session_key: SESSION_KEY }, { status: 500 }),
      ),
    );
    const error = await appErrorOf(realClient().exchangeCode('code-x'));
    expect(error.code).toBe('WECHAT_UNAVAILABLE');
    expect((error.cause as Error).message).toContain('500');
  });

  it('treats a non-JSON body as unavailable', async () => {
    server.use(http.get(JSCODE2SESSION_URL, () => HttpResponse.html('<html>502 Bad Gateway</html>')));
    expect((await appErrorOf(realClient().exchangeCode('code-x'))).code).toBe('WECHAT_UNAVAILABLE');
  });

  it.each([
    ['an empty openid', { openid: '', session_key: SESSION_KEY }],
    ['no openid', { session_key: SESSION_KEY }],
    ['a numeric openid', { openid: 42, session_key: SESSION_KEY }],
    ['a JSON array', [1, 2]],
    ['a string errcode', { errcode: '40029', errmsg: 'invalid code' }],
  ])('treats a reply with %s as unavailable, without quoting the session_key', async (_label, body) => {
    server.use(http.get(JSCODE2SESSION_URL, () => wechatReply(body)));
    const error = await appErrorOf(realClient().exchangeCode('code-x'));
    expect(error.code).toBe('WECHAT_UNAVAILABLE');
    expect(everythingIn(error)).not.toContain(SESSION_KEY);
  });

  it('treats a network error as unavailable, without the secret in the cause', async () => {
    server.use(http.get(JSCODE2SESSION_URL, () => HttpResponse.error()));
    const error = await appErrorOf(realClient().exchangeCode('code-x'));
    expect(error.code).toBe('WECHAT_UNAVAILABLE');
    expect((error.cause as Error).message).toMatch(/request failed/);
    expect(everythingIn(error)).not.toContain(APP_SECRET);
  });

  it('scrubs the secret from a fetch error that quotes the URL', async () => {
    // undici does quote the URL in some errors (e.g. "Failed to parse URL from …"), and the URL holds the secret.
    const client = realClient({
      fetch: async (input) => {
        throw new TypeError(`Failed to parse URL from ${String(input)}`);
      },
    });
    const error = await appErrorOf(client.exchangeCode('code-x'));
    expect(error.code).toBe('WECHAT_UNAVAILABLE');
    expect((error.cause as Error).message).toContain('Failed to parse URL');
    expect(everythingIn(error)).not.toContain(APP_SECRET);
  });

  it('gives up after timeoutMs and answers unavailable', async () => {
    server.use(
      http.get(JSCODE2SESSION_URL, async () => {
        await delay('infinite');
        return wechatReply({ openid: 'oTooLate', session_key: SESSION_KEY });
      }),
    );
    const error = await appErrorOf(realClient({ timeoutMs: 20 }).exchangeCode('code-x'));
    expect(error.code).toBe('WECHAT_UNAVAILABLE');
    expect((error.cause as Error).message).toMatch(/timed out after 20 ms/);
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['absurdly long', 'x'.repeat(513)],
  ])('refuses a code that is %s without calling WeChat', async (_label, code) => {
    // No handler is installed and unhandled requests error, so a call would surface as WECHAT_UNAVAILABLE.
    expect((await appErrorOf(realClient().exchangeCode(code))).code).toBe('WECHAT_CODE_INVALID');
  });

  it.each(['api.weixin.qq.com', 'ftp://api.weixin.qq.com'])(
    'rejects baseUrl %s at construction',
    (baseUrl) => {
      expect(() => realClient({ baseUrl })).toThrow(/baseUrl must be an absolute http\(s\) URL/);
    },
  );

  it('works against the reusable fake: one use per code, then 40163', async () => {
    const fake = fakeWechatLogin({
      appId: APP_ID,
      appSecret: APP_SECRET,
      users: { 'code-alice': { openid: 'oAlice', unionid: 'uAlice' } },
    });
    server.use(fake.handler);
    const client = realClient();
    await expect(client.exchangeCode('code-alice')).resolves.toStrictEqual({
      openid: 'oAlice',
      unionid: 'uAlice',
    });
    expect((await appErrorOf(client.exchangeCode('code-alice'))).code).toBe('WECHAT_CODE_INVALID');
    expect(fake.calls).toHaveLength(2);
  });

  it('has kind "wechat"', () => {
    expect(realClient().kind).toBe('wechat');
  });
});

describe('local WeChat login client', () => {
  const client = createLocalWechatLoginClient();

  it('has kind "local"', () => {
    expect(client.kind).toBe('local');
  });

  it('signs the same name into the same account every time, and another name elsewhere', async () => {
    const alice1 = await client.exchangeCode('dev:alice');
    const alice2 = await createLocalWechatLoginClient().exchangeCode('dev:alice');
    const bob = await client.exchangeCode('dev:bob');
    expect(alice1).toStrictEqual(alice2);
    expect(bob.openid).not.toBe(alice1.openid);
    expect(alice1.unionid).toBeNull();
  });

  it('derives the openid as dev_ + 28 hex of sha256(name)', async () => {
    // sha256('alice') = 2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90
    await expect(client.exchangeCode('dev:alice')).resolves.toStrictEqual({
      openid: 'dev_2bd806c97f0e00af1a1fc3328fa7',
      unionid: null,
    });
  });

  it.each(['dev:张三', 'dev:Tester_01-b', `dev:${'a'.repeat(64)}`, `dev:${'测'.repeat(64)}`])(
    'accepts %s',
    async (code) => {
      const session = await client.exchangeCode(code);
      expect(session.openid).toMatch(/^dev_[0-9a-f]{28}$/);
    },
  );

  it.each([
    ['a code too short to come from wx.login', '0a1b2c3d4e5f'],
    ['a wx.login-length code with a space', '0a1b2c3d4e5f 0a1b2c3d4e5f0a1b2'],
    ['no name', 'dev:'],
    ['a space', 'dev:alice smith'],
    ['a name of 65 chars', `dev:${'a'.repeat(65)}`],
    ['another prefix', 'test:alice'],
    ['upper-case prefix', 'DEV:alice'],
    ['a trailing newline', 'dev:alice\n'],
    ['punctuation', 'dev:alice!'],
  ])('refuses %s with a hint about dev:<name>', async (_label, code) => {
    const error = await appErrorOf(client.exchangeCode(code));
    expect(error.code).toBe('WECHAT_CODE_INVALID');
    expect(error.status).toBe(401);
    expect(error.message).toContain('dev:<名字>');
  });

  // WeChat DevTools (tourist appid included) runs the real wx.login(), whose code no WeChat server will exchange
  // for this hospital: the local client takes it as a new person, once.
  it('takes a code from a real wx.login() as a new person, and refuses it a second time', async () => {
    const local = createLocalWechatLoginClient();
    const first = await local.exchangeCode('0e3Kqh000ivYbV1B4S000PZ5Xd1Kqh0w');
    const second = await local.exchangeCode('0c3Qn31w3o5Kx93Rcm4w3tcXQl2Qn31N');
    expect(first.openid).toMatch(/^wxl_[0-9a-f]{28}$/);
    expect(second.openid).not.toBe(first.openid);
    const replay = await appErrorOf(local.exchangeCode('0e3Kqh000ivYbV1B4S000PZ5Xd1Kqh0w'));
    expect(replay.code).toBe('WECHAT_CODE_INVALID');
  });
});
