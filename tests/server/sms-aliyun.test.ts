import { Writable } from 'node:stream';
import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { AppError } from '../../server/src/core/errors';
import { createLogger } from '../../server/src/core/logger';
import { createSmsSender } from '../../server/src/integrations/sms';
import { createAliyunSmsSender, rpcSignature } from '../../server/src/integrations/sms/aliyun';
import { ALIYUN_SMS_URL, aliyunError, fakeAliyunSms } from '../support/msw/aliyun-sms';

const KEY_ID = 'LTAI5tTestKeyId0000';
const SECRET = 'sekrit-AccessKeySecret-0123456789';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function client(extra: Partial<Parameters<typeof createAliyunSmsSender>[0]> = {}) {
  return createAliyunSmsSender({
    accessKeyId: KEY_ID,
    accessKeySecret: SECRET,
    signName: '测试医院',
    templateCode: 'SMS_123456789',
    ...extra,
  });
}

/** The AppError a promise rejects with; fails the test if it resolves or rejects with anything else. */
async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    () => ({ error: undefined }),
    (error: unknown) => ({ error }),
  );
  expect(outcome.error).toBeInstanceOf(AppError);
  return outcome.error as AppError;
}

/** Everything an AppError carries that could end up in a log or an answer. */
function everythingIn(error: AppError): string {
  const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
  return `${error.message} ${cause} ${JSON.stringify(error.details ?? null)}`;
}

/** The fake Aliyun answering `reply` to correctly signed requests. */
function aliyunAnswering(reply: () => Response) {
  const fake = fakeAliyunSms({ accessKeyId: KEY_ID, accessKeySecret: SECRET, answer: reply });
  server.use(fake.handler);
  return fake;
}

describe('Aliyun SMS signature', () => {
  it("reproduces the example in Aliyun's RPC signature documentation", () => {
    const params = {
      TimeStamp: '2016-02-23T12:46:24Z',
      Format: 'XML',
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      Version: '2014-05-26',
      SignatureVersion: '1.0',
    };
    expect(rpcSignature('GET', params, 'testsecret')).toBe('CT9X0VtwR86fNWSnsc6v8YGOjuE=');
  });
});

describe('real Aliyun SMS client', () => {
  it('sends the code with our signature and template, signed as Aliyun recomputes it', async () => {
    const fake = fakeAliyunSms({ accessKeyId: KEY_ID, accessKeySecret: SECRET });
    server.use(fake.handler);
    await client().sendCode('13800138000', '042917');
    await client().sendCode('13800138000', '553201');
    expect(fake.signaturesChecked()).toBe(2);
    expect(fake.sent).toEqual([
      expect.objectContaining({
        phoneNumbers: '13800138000',
        signName: '测试医院',
        templateCode: 'SMS_123456789',
        templateParam: { code: '042917' },
        accessKeyId: KEY_ID,
      }),
      expect.objectContaining({ templateParam: { code: '553201' } }),
    ]);
    expect(fake.sent[0]!.nonce).not.toBe(fake.sent[1]!.nonce);
  });

  it('puts neither the signature nor the secret in the URL', async () => {
    const urls: string[] = [];
    server.events.on('request:start', ({ request }) => void urls.push(request.url));
    server.use(fakeAliyunSms({ accessKeyId: KEY_ID, accessKeySecret: SECRET }).handler);
    await client().sendCode('13800138000', '111111');
    server.events.removeAllListeners();
    expect(urls).toEqual([ALIYUN_SMS_URL]);
  });

  it('with a wrong secret Aliyun refuses the signature: 503, and the operator is told', async () => {
    server.use(fakeAliyunSms({ accessKeyId: KEY_ID, accessKeySecret: SECRET }).handler);
    const onMisconfigured = jest.fn();
    const error = await appErrorOf(
      client({ accessKeySecret: 'not-the-secret', onMisconfigured }).sendCode('13800138000', '123456'),
    );
    expect(error).toMatchObject({ code: 'SMS_UNAVAILABLE', status: 503 });
    expect(onMisconfigured).toHaveBeenCalledWith('SignatureDoesNotMatch', expect.any(String));
  });

  it('an invalid number is the patient’s to fix: 422 SMS_MOBILE_INVALID', async () => {
    aliyunAnswering(() => aliyunError(200, 'isv.MOBILE_NUMBER_ILLEGAL', '非法手机号'));
    const error = await appErrorOf(client().sendCode('10000000000', '123456'));
    expect(error).toMatchObject({ code: 'SMS_MOBILE_INVALID', status: 422 });
  });

  it("Aliyun's per-number flow control is 429, telling the patient to wait", async () => {
    aliyunAnswering(() => aliyunError(200, 'isv.BUSINESS_LIMIT_CONTROL', '触发分钟级流控Permits:1'));
    const error = await appErrorOf(client().sendCode('13800138000', '123456'));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(error.messageIn('zh-CN')).toContain('过于频繁');
  });

  it.each([
    ['isv.SMS_TEMPLATE_ILLEGAL', '模板不合法'],
    ['isv.SMS_SIGNATURE_ILLEGAL', '签名不合法'],
    ['isv.AMOUNT_NOT_ENOUGH', '账户余额不足'],
    ['isv.OUT_OF_SERVICE', '业务停机'],
    ['isp.RAM_PERMISSION_DENY', 'RAM权限DENY'],
  ])('%s (our account, signature or template) → 503 and an operator alert', async (code, message) => {
    aliyunAnswering(() => aliyunError(200, code, message));
    const onMisconfigured = jest.fn();
    const error = await appErrorOf(client({ onMisconfigured }).sendCode('13800138000', '123456'));
    expect(error).toMatchObject({ code: 'SMS_UNAVAILABLE', status: 503 });
    expect(onMisconfigured).toHaveBeenCalledWith(code, message);
  });

  it('a broken alert hook still answers the patient 503', async () => {
    aliyunAnswering(() => aliyunError(200, 'isv.SMS_TEMPLATE_ILLEGAL', '模板不合法'));
    const onMisconfigured = () => {
      throw new Error('pager down');
    };
    const error = await appErrorOf(client({ onMisconfigured }).sendCode('13800138000', '123456'));
    expect(error.code).toBe('SMS_UNAVAILABLE');
  });

  it.each([
    ['a system error', () => aliyunError(200, 'isp.SYSTEM_ERROR', 'isp.SYSTEM_ERROR'), /isp\.SYSTEM_ERROR/],
    [
      'API throttling',
      () => aliyunError(400, 'Throttling.User', 'Request was denied due to user flow control.'),
      /Throttling/,
    ],
    [
      'an HTML error page',
      () => new HttpResponse('<html>502 Bad Gateway</html>', { status: 502 }),
      /HTTP 502/,
    ],
    ['a network failure', () => HttpResponse.error(), /request failed/],
  ])('%s is transient: 503 without an alert, the cause kept for the log', async (_what, reply, cause) => {
    aliyunAnswering(reply);
    const onMisconfigured = jest.fn();
    const error = await appErrorOf(client({ onMisconfigured }).sendCode('13800138000', '123456'));
    expect(error).toMatchObject({ code: 'SMS_UNAVAILABLE', status: 503 });
    expect((error.cause as Error).message).toMatch(cause);
    expect(onMisconfigured).not.toHaveBeenCalled();
  });

  it('gives up at its timeout: 503', async () => {
    server.use(
      http.post(ALIYUN_SMS_URL, async () => {
        await delay('infinite');
        return HttpResponse.json({ Code: 'OK' });
      }),
    );
    const error = await appErrorOf(client({ timeoutMs: 50 }).sendCode('13800138000', '123456'));
    expect(error).toMatchObject({ code: 'SMS_UNAVAILABLE' });
    expect((error.cause as Error).message).toContain('timed out after 50 ms');
  });

  it('never keeps the secret, whatever Aliyun or the network say', async () => {
    const error = await appErrorOf(
      createAliyunSmsSender({
        accessKeyId: KEY_ID,
        accessKeySecret: SECRET,
        signName: 's',
        templateCode: 't',
        fetch: async () => aliyunError(400, 'SignatureDoesNotMatch', `expected key ${SECRET}&`),
      }).sendCode('13800138000', '123456'),
    );
    expect(everythingIn(error)).not.toContain(SECRET);
    const failing = createAliyunSmsSender({
      accessKeyId: KEY_ID,
      accessKeySecret: SECRET,
      signName: 's',
      templateCode: 't',
      fetch: async () => {
        throw new TypeError(`fetch failed for secret ${SECRET}`);
      },
    });
    expect(everythingIn(await appErrorOf(failing.sendCode('13800138000', '1')))).not.toContain(SECRET);
  });

  it('refuses a bad endpoint at construction', () => {
    expect(() => client({ endpoint: 'dysmsapi.aliyuncs.com' })).toThrow(/absolute http\(s\) URL/);
    expect(() => client({ endpoint: 'ftp://dysmsapi.aliyuncs.com' })).toThrow(/absolute http\(s\) URL/);
  });
});

describe('local SMS stand-in', () => {
  it('sends nothing and logs the code with the number masked', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const sender = createSmsSender({ kind: 'local' }, createLogger('info', sink))!;
    expect(sender.kind).toBe('local');
    await sender.sendCode('13800138000', '246810');
    expect(lines).toEqual([expect.objectContaining({ smsCode: '246810', mobileMasked: '*******8000' })]);
    expect(JSON.stringify(lines)).not.toContain('13800138000');
  });
});
