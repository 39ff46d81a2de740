import { fixedClock } from '../../server/src/core/clock';
import { AppError } from '../../server/src/core/errors';
import type { SmsSender } from '../../server/src/integrations/sms';
import { PRIVACY_POLICY_VERSION } from '../../shared/src/privacy';
import { createTestApp, SAMPLE_IDS, type TestApp } from '../support/app';

// The H5 sign-in by text message, through the API, on the local SMS stand-in (its codes come back as
// `demoCode`) and an injected clock. On PGlite and, with `npm test`, on PostgreSQL.

const clock = fixedClock('2026-12-01T08:00:00.000Z');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(() => t.close());

const SECOND = 1000;
const MINUTE = 60 * SECOND;
let n = 0;
/** A number no other test has used (each test starts with a clean slate per number). */
const newNumber = () => `139${String(++n).padStart(8, '0')}`;

/** The page sends the privacy notice's version it showed, once its box is ticked. */
const privacyVersion = PRIVACY_POLICY_VERSION;
const send = (mobile: string) => t.http.post('/api/v1/auth/sms/send').send({ mobile, privacyVersion });
const login = (mobile: string, code: string) =>
  t.http.post('/api/v1/auth/sms/login').send({ mobile, code, privacyVersion });
/** A code other than `code`. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

async function codeFor(mobile: string): Promise<string> {
  const res = await send(mobile).expect(200);
  return res.body.demoCode as string;
}

describe('SMS sign-in', () => {
  it('texts a 6-digit code and signs into the number’s own account with it', async () => {
    const mobile = newNumber();
    const sent = await send(mobile).expect(200);
    expect(sent.body).toEqual({
      expiresIn: 300,
      resendAfter: 60,
      demoCode: expect.stringMatching(/^\d{6}$/),
    });

    const res = await login(mobile, sent.body.demoCode).expect(200);
    expect(res.body).toMatchObject({
      tokenType: 'Bearer',
      account: { profileCount: 0 },
      mobileMasked: `*******${mobile.slice(-4)}`,
    });
    const me = await t.http
      .get('/api/v1/me')
      .set('authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body.id).toBe(res.body.account.id);

    // The same number again (typed another way) reaches the same account; another number, another account.
    clock.advance(MINUTE);
    const again = await login(
      `+86 ${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}`,
      await codeFor(mobile),
    );
    expect(again.status).toBe(200);
    expect(again.body.account.id).toBe(res.body.account.id);
    const other = newNumber();
    const someoneElse = await login(other, await codeFor(other)).expect(200);
    expect(someoneElse.body.account.id).not.toBe(res.body.account.id);
  });

  it('keeps neither the number nor the code in clear', async () => {
    const mobile = newNumber();
    const code = await codeFor(mobile);
    const { body } = await login(mobile, code).expect(200);
    const rows = await t.db.sql.query<Record<string, unknown>>('SELECT * FROM sms_code');
    const account = await t.db.sql.query<{ openid: string }>(
      'SELECT openid FROM patient_account WHERE id = $1::uuid',
      [body.account.id],
    );
    expect(account[0]!.openid).toMatch(/^sms:[0-9a-f]{64}$/);
    const stored = JSON.stringify([rows, account]);
    expect(stored).not.toContain(mobile);
    expect(stored).not.toContain(`"${code}"`);
  });

  it('refuses bad input with field messages', async () => {
    const bad = await send('12345').expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const badCode = await login(newNumber(), '12ab').expect(400);
    expect(badCode.body.error.details[0].path).toBe('body.code');
  });

  it('a code signs in once', async () => {
    const mobile = newNumber();
    const code = await codeFor(mobile);
    await login(mobile, code).expect(200);
    const replay = await login(mobile, code).expect(401);
    expect(replay.body.error.code).toBe('SMS_CODE_INVALID');
  });

  it('a code expires after 5 minutes', async () => {
    const mobile = newNumber();
    const code = await codeFor(mobile);
    clock.advance(5 * MINUTE);
    const late = await login(mobile, code).expect(401);
    expect(late.body.error.code).toBe('SMS_CODE_INVALID');
  });

  it('only the newest code counts', async () => {
    const mobile = newNumber();
    const first = await codeFor(mobile);
    clock.advance(MINUTE);
    const second = await codeFor(mobile);
    if (first !== second) expect((await login(mobile, first)).body.error.code).toBe('SMS_CODE_INVALID');
    await login(mobile, second).expect(200);
  });

  it('sends at most one code a minute and five an hour to a number, saying how long to wait', async () => {
    const mobile = newNumber();
    await send(mobile).expect(200);
    clock.advance(20 * SECOND);
    const soon = await send(mobile).expect(429);
    expect(soon.body.error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 40 } });
    expect(soon.body.error.message).toBe('验证码发送过于频繁，请 40 秒后再试');
    expect(soon.headers['retry-after']).toBe('40');

    for (let i = 2; i <= 5; i++) {
      clock.advance(MINUTE);
      await send(mobile).expect(200);
    }
    clock.advance(MINUTE);
    // Five sent, the first 4 min 20 s ago: the sixth may go when it is an hour old.
    const sixth = await send(mobile).expect(429);
    expect(sixth.body.error.details.retryAfterSeconds).toBe(3600 - (4 * 60 + 20 + 60));
    clock.advance(sixth.body.error.details.retryAfterSeconds * SECOND);
    await send(mobile).expect(200);
  });

  it('five wrong codes spend the code and lock the number for 15 minutes', async () => {
    const mobile = newNumber();
    const code = await codeFor(mobile);
    for (const left of [4, 3, 2, 1]) {
      const res = await login(mobile, wrong(code)).expect(401);
      expect(res.body.error).toMatchObject({ code: 'SMS_CODE_INVALID', details: { attemptsLeft: left } });
    }
    const fifth = await login(mobile, wrong(code)).expect(429);
    expect(fifth.body.error).toMatchObject({ code: 'SMS_LOCKED', details: { retryAfterSeconds: 900 } });
    expect(fifth.headers['retry-after']).toBe('900');

    // Locked: the right code no longer works, and no new one is sent.
    expect((await login(mobile, code).expect(429)).body.error.code).toBe('SMS_LOCKED');
    clock.advance(10 * MINUTE);
    const meanwhile = await send(mobile).expect(429);
    expect(meanwhile.body.error).toMatchObject({ code: 'SMS_LOCKED', details: { retryAfterSeconds: 300 } });

    // 15 minutes on: a new code, which signs in; the spent one stays spent.
    clock.advance(5 * MINUTE);
    const fresh = await codeFor(mobile);
    if (fresh !== code)
      expect((await login(mobile, code).expect(401)).body.error.code).toBe('SMS_CODE_INVALID');
    await login(mobile, fresh).expect(200);
  });

  it('counts wrong codes sent at once, each of them', async () => {
    const mobile = newNumber();
    const code = await codeFor(mobile);
    const answers = await Promise.all(Array.from({ length: 8 }, () => login(mobile, wrong(code))));
    const codes = answers.map((a) => a.body.error.code).sort();
    expect(codes).toEqual([...Array(4).fill('SMS_CODE_INVALID'), ...Array(4).fill('SMS_LOCKED')]);
  });

  it('of codes asked for at once, one is sent', async () => {
    const mobile = newNumber();
    const answers = await Promise.all(Array.from({ length: 4 }, () => send(mobile)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 429, 429, 429]);
  });

  it('answers the same whether or not the number has an account', async () => {
    const known = newNumber();
    await login(known, await codeFor(known)).expect(200);
    clock.advance(MINUTE);
    const unknown = newNumber();
    const [a, b] = [await send(known), await send(unknown)];
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(Object.keys(a.body).sort()).toEqual(Object.keys(b.body).sort());
    expect({ ...a.body, demoCode: 'x' }).toEqual({ ...b.body, demoCode: 'x' });
    const [wa, wb] = [
      await login(known, wrong(a.body.demoCode)),
      await login(unknown, wrong(b.body.demoCode)),
    ];
    expect([wa.status, wa.body.error]).toEqual([
      wb.status,
      { ...wb.body.error, requestId: wa.body.error.requestId },
    ]);
    const [sa, sb] = [await send(known), await send(unknown)];
    expect([sa.status, sa.body.error.details]).toEqual([sb.status, sb.body.error.details]);
  });

  it('takes no number before the privacy notice is ticked, nor for an old notice', async () => {
    const mobile = newNumber();
    const none = await t.http.post('/api/v1/auth/sms/send').send({ mobile }).expect(409);
    expect(none.body.error.code).toBe('PRIVACY_CONSENT_REQUIRED');
    const old = await t.http
      .post('/api/v1/auth/sms/send')
      .send({ mobile, privacyVersion: '2020-01-01' })
      .expect(409);
    expect(old.body.error.code).toBe('PRIVACY_POLICY_OUTDATED');
    // Nothing was sent: the first code with the notice ticked goes at once.
    const code = await codeFor(mobile);
    const refused = await t.http.post('/api/v1/auth/sms/login').send({ mobile, code }).expect(409);
    expect(refused.body.error.code).toBe('PRIVACY_CONSENT_REQUIRED');
    // Refused before the code is looked at: it still signs in.
    await login(mobile, code).expect(200);
  });

  it('records the consent to the notice at sign-in, but not the separate one an ID number needs', async () => {
    const mobile = newNumber();
    const { body } = await login(mobile, await codeFor(mobile)).expect(200);
    const auth = { authorization: `Bearer ${body.accessToken}` };
    const status = await t.http.get('/api/v1/me/privacy').set(auth).expect(200);
    expect(status.body).toMatchObject({
      accepted: false,
      consents: [{ version: PRIVACY_POLICY_VERSION, scope: 'NOTICE', acceptedAt: clock.now().toISOString() }],
    });
    const audit = await t.db.prisma.auditLog.findMany({
      where: { action: 'privacy.consent', entityId: body.account.id },
    });
    expect(audit).toHaveLength(1);

    // The profile form still asks for the consent to the sensitive information first.
    const profile = {
      name: '短信患者',
      idType: 'RESIDENT_ID',
      idNumber: SAMPLE_IDS.beijing1949,
      phone: mobile,
      relationship: 'SELF',
    };
    const early = await t.http.post('/api/v1/me/profiles').set(auth).send(profile).expect(409);
    expect(early.body.error.code).toBe('PRIVACY_CONSENT_REQUIRED');
    await t.http
      .post('/api/v1/me/privacy/consent')
      .set(auth)
      .send({ version: PRIVACY_POLICY_VERSION })
      .expect(201);
    await t.http.post('/api/v1/me/profiles').set(auth).send(profile).expect(201);

    // Signing in again keeps the first consent.
    clock.advance(MINUTE);
    await login(mobile, await codeFor(mobile)).expect(200);
    const after = await t.http.get('/api/v1/me/privacy').set(auth).expect(200);
    expect(after.body).toMatchObject({ accepted: true });
    expect(after.body.consents.map((c: { scope: string }) => c.scope).sort()).toEqual([
      'NOTICE',
      'NOTICE_AND_SENSITIVE',
    ]);
  });

  it('a disabled account cannot sign in by SMS', async () => {
    const mobile = newNumber();
    const { body } = await login(mobile, await codeFor(mobile)).expect(200);
    const admin = await t.staffToken('admin');
    await t.http
      .post(`/api/v1/admin/patients/${body.account.id}/disable`)
      .set('authorization', `Bearer ${admin}`)
      .send({ reason: '测试停用' })
      .expect(200);
    clock.advance(MINUTE);
    const res = await login(mobile, await codeFor(mobile)).expect(403);
    expect(res.body.error.code).toBe('ACCOUNT_DISABLED');
  });
});

describe('SMS sign-in with a real sender', () => {
  let real: TestApp;
  const delivered: { mobile: string; code: string }[] = [];
  let failNext = false;
  const sender: SmsSender = {
    kind: 'aliyun',
    async sendCode(mobile, code) {
      if (failNext) {
        failNext = false;
        throw new AppError('SMS_UNAVAILABLE');
      }
      delivered.push({ mobile, code });
    },
  };
  beforeAll(async () => {
    real = await createTestApp({ clock, sms: sender, env: { SMS_SEND_PER_IP_PER_HOUR: '3' } });
  });
  afterAll(() => real.close());

  it('never answers the code; the texted one signs in', async () => {
    const mobile = newNumber();
    const res = await real.http.post('/api/v1/auth/sms/send').send({ mobile, privacyVersion }).expect(200);
    expect(res.body).toEqual({ expiresIn: 300, resendAfter: 60 });
    expect(delivered.at(-1)?.mobile).toBe(mobile);
    await real.http
      .post('/api/v1/auth/sms/login')
      .send({ mobile, code: delivered.at(-1)!.code, privacyVersion })
      .expect(200);
  });

  it('a code the provider did not send neither signs in nor makes the patient wait', async () => {
    const mobile = newNumber();
    failNext = true;
    const failed = await real.http.post('/api/v1/auth/sms/send').send({ mobile, privacyVersion }).expect(503);
    expect(failed.body.error.code).toBe('SMS_UNAVAILABLE');
    await real.http.post('/api/v1/auth/sms/send').send({ mobile, privacyVersion }).expect(200);
  });

  it('limits the codes one IP address asks for in an hour, whatever the numbers', async () => {
    // This app's limit is 3 an hour; the tests above used 3 of them (the failed send included).
    const res = await real.http
      .post('/api/v1/auth/sms/send')
      .send({ mobile: newNumber(), privacyVersion })
      .expect(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('SMS sign-in switched off (SMS_SIGN_IN=off)', () => {
  let off: TestApp;
  beforeAll(async () => {
    off = await createTestApp({ clock, env: { SMS_SIGN_IN: 'off' } });
  });
  afterAll(() => off.close());

  it('answers both SMS endpoints with a stable refusal, in the patient’s language', async () => {
    const mobile = newNumber();
    const sent = await off.http.post('/api/v1/auth/sms/send').send({ mobile, privacyVersion }).expect(403);
    expect(sent.body.error).toMatchObject({
      code: 'SMS_SIGN_IN_DISABLED',
      message: '本院未开通手机号登录，请在微信中搜索医院小程序使用',
    });
    const login = await off.http
      .post('/api/v1/auth/sms/login')
      .set('accept-language', 'en')
      .send({ mobile, code: '123456', privacyVersion })
      .expect(403);
    expect(login.body.error).toMatchObject({
      code: 'SMS_SIGN_IN_DISABLED',
      message: 'This hospital does not offer sign-in by mobile number; use its WeChat mini-program instead',
    });
    // WeChat sign-in is unaffected.
    await off.http.post('/api/v1/auth/wechat').send({ code: 'dev:sms-off' }).expect(200);
  });
});
