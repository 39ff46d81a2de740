import jwt from 'jsonwebtoken';
import { createTestApp, type TestApp } from '../support/app';
import { TEST_SECRETS } from '../support/template';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('patient sign-in with the local WeChat stand-in', () => {
  test('dev:<name> signs in; the same name is the same account, another name another account', async () => {
    const first = await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:alice' }).expect(200);
    expect(first.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 1800, account: { profileCount: 0 } });
    const again = await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:alice' }).expect(200);
    const bob = await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:bob' }).expect(200);
    expect(again.body.account.id).toBe(first.body.account.id);
    expect(bob.body.account.id).not.toBe(first.body.account.id);
    const me = await t.http
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${first.body.accessToken}`)
      .expect(200);
    expect(me.body.id).toBe(first.body.account.id);
  });

  test('a code neither from wx.login() nor dev:<name> is refused with WECHAT_CODE_INVALID', async () => {
    const res = await t.http.post('/api/v1/auth/wechat').send({ code: 'not a code!' }).expect(401);
    expect(res.body.error.code).toBe('WECHAT_CODE_INVALID');
  });

  test('a code from wx.login() (WeChat DevTools) signs in once; the same code again is refused', async () => {
    const code = '0e3Kqh000ivYbV1B4S000PZ5Xd1Kqh0w';
    await t.http.post('/api/v1/auth/wechat').send({ code }).expect(200);
    const again = await t.http.post('/api/v1/auth/wechat').send({ code }).expect(401);
    expect(again.body.error.code).toBe('WECHAT_CODE_INVALID');
  });

  test('the openid is never in a response', async () => {
    const res = await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:carol' }).expect(200);
    expect(JSON.stringify(res.body)).not.toMatch(/openid|dev_/);
  });
});

describe('staff sign-in', () => {
  test('right password → tokens and roles; wrong password or unknown user → the same 401', async () => {
    const ok = await t.http
      .post('/api/v1/auth/staff/login')
      .send({ username: 'scheduler', password: 'demo1234' })
      .expect(200);
    expect(ok.body.staff).toMatchObject({ username: 'scheduler', roles: ['scheduler'] });
    expect(ok.body).not.toHaveProperty('staff.passwordHash');
    const wrong = await t.http
      .post('/api/v1/auth/staff/login')
      .send({ username: 'scheduler', password: 'nope' })
      .expect(401);
    const unknown = await t.http
      .post('/api/v1/auth/staff/login')
      .send({ username: 'ghost', password: 'nope' })
      .expect(401);
    expect(wrong.body.error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
    expect(unknown.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
  });

  test('a disabled account cannot sign in or refresh', async () => {
    const login = await t.http
      .post('/api/v1/auth/staff/login')
      .send({ username: 'quality', password: 'demo1234' })
      .expect(200);
    await t.db.prisma.staff.update({ where: { username: 'quality' }, data: { active: false } });
    try {
      await t.http
        .post('/api/v1/auth/staff/login')
        .send({ username: 'quality', password: 'demo1234' })
        .expect(401);
      const refresh = await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: login.body.refreshToken })
        .expect(401);
      expect(refresh.body.error.code).toBe('TOKEN_INVALID');
    } finally {
      await t.db.prisma.staff.update({ where: { username: 'quality' }, data: { active: true } });
    }
  });
});

describe('refresh', () => {
  test('a refresh token gives new working tokens', async () => {
    const login = await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:refresher' }).expect(200);
    const res = await t.http
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: login.body.refreshToken })
      .expect(200);
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
  });

  test('an access token is not accepted as a refresh token, nor the reverse', async () => {
    const login = await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:mixer' }).expect(200);
    const asRefresh = await t.http
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: login.body.accessToken })
      .expect(401);
    expect(asRefresh.body.error.code).toBe('TOKEN_INVALID');
    const asAccess = await t.http
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${login.body.refreshToken}`)
      .expect(401);
    expect(asAccess.body.error.code).toBe('TOKEN_INVALID');
  });
});

describe('forged and unusable tokens are refused', () => {
  let patientToken: string;
  let accountId: string;
  beforeAll(async () => {
    const login = await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:victim' }).expect(200);
    patientToken = login.body.accessToken;
    accountId = login.body.account.id;
  });
  const me = (token: string) => t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`);
  const claims = () => ({ sub: accountId, kind: 'patient', typ: 'access', iss: 'hospital-api' });

  test('a tampered payload (signature no longer matches)', async () => {
    const [h, , s] = patientToken.split('.');
    const forged = `${h}.${b64({ ...claims(), sub: '00000000-0000-4000-8000-000000000000' })}.${s}`;
    expect((await me(forged).expect(401)).body.error.code).toBe('TOKEN_INVALID');
  });

  test('alg: none', async () => {
    const forged = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`;
    expect((await me(forged).expect(401)).body.error.code).toBe('TOKEN_INVALID');
  });

  test('HS384 with the right secret (the algorithm is pinned to HS256)', async () => {
    const forged = jwt.sign(claims(), TEST_SECRETS.jwtSecret, { algorithm: 'HS384', expiresIn: 600 });
    expect((await me(forged).expect(401)).body.error.code).toBe('TOKEN_INVALID');
  });

  test('signed with another secret', async () => {
    const forged = jwt.sign(claims(), 'another-secret-another-secret-another-secret', { algorithm: 'HS256' });
    expect((await me(forged).expect(401)).body.error.code).toBe('TOKEN_INVALID');
  });

  test('expired → TOKEN_EXPIRED so the app knows to refresh', async () => {
    const expired = jwt.sign(
      { ...claims(), exp: Math.floor(Date.now() / 1000) - 60 },
      TEST_SECRETS.jwtSecret,
      {
        algorithm: 'HS256',
      },
    );
    const res = await me(expired).expect(401);
    expect(res.body.error).toMatchObject({ code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' });
  });

  test('a patient cannot claim staff roles by editing the token', async () => {
    const [, , s] = patientToken.split('.');
    const forged = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims(), kind: 'staff', roles: ['admin'] })}.${s}`;
    await t.http.get('/api/v1/admin/audit').set('Authorization', `Bearer ${forged}`).expect(401);
  });

  test('wrong kind: a patient token on a staff route → 403, a staff token on a patient route → 403', async () => {
    const res = await t.http
      .get('/api/v1/admin/audit')
      .set('Authorization', `Bearer ${patientToken}`)
      .expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    const clerk = await t.staffToken('clerk');
    await t.http.get('/api/v1/me/profiles').set('Authorization', `Bearer ${clerk}`).expect(403);
  });

  test('a staff role without the route’s role → 403; admin may do everything', async () => {
    const clerk = await t.staffToken('clerk');
    await t.http.get('/api/v1/admin/audit').set('Authorization', `Bearer ${clerk}`).expect(403);
    const admin = await t.staffToken('admin');
    await t.http.get('/api/v1/admin/audit').set('Authorization', `Bearer ${admin}`).expect(200);
  });

  test('a malformed Authorization header', async () => {
    const res = await t.http
      .get('/api/v1/me')
      .set('Authorization', `Basic ${Buffer.from('a:b').toString('base64')}`)
      .expect(401);
    expect(res.body.error.code).toBe('TOKEN_INVALID');
  });

  test('a bad token does not break public routes', async () => {
    await t.http.get('/api/v1/departments').set('Authorization', 'Bearer not.a.token').expect(200);
  });
});
