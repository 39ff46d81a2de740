import type { AuditEntry } from '@hospital/shared';
import jwt from 'jsonwebtoken';
import Koa from 'koa';
import request from 'supertest';
import type { Db } from '../../server/src/db/client';
import { authenticate } from '../../server/src/http/middleware/authenticate';
import type { AppState } from '../../server/src/http/state';
import { createRevocations, REVOCATION_CHANNEL } from '../../server/src/modules/auth/revocations';
import { ROTATION_RACE_MS } from '../../server/src/modules/auth/session.service';
import { createTestApp, type TestApp } from '../support/app';
import { TEST_DB_KIND } from '../support/db';
import { DEMO_PASSWORD, TEST_SECRETS } from '../support/template';

/** Real time, moved on by `later` past the window in which a replaced refresh token is a race, not a theft. */
let offset = 0;
const clock = { now: () => new Date(Date.now() + offset) };
const later = () => {
  offset += ROTATION_RACE_MS + 1_000;
};

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp({ clock });
  admin = await t.staffToken('admin');
}, 60_000);
afterAll(() => t.close());

interface Tokens {
  accessToken: string;
  refreshToken: string;
}
const patientLogin = async (name: string): Promise<Tokens & { account: { id: string } }> =>
  (
    await t.http
      .post('/api/v1/auth/wechat')
      .send({ code: `dev:${name}` })
      .expect(200)
  ).body;
const staffLogin = async (username: string): Promise<Tokens & { staff: { id: string } }> =>
  (await t.http.post('/api/v1/auth/staff/login').send({ username, password: DEMO_PASSWORD }).expect(200))
    .body;
const refresh = (refreshToken: string) => t.http.post('/api/v1/auth/refresh').send({ refreshToken });
const logout = (refreshToken: string) => t.http.post('/api/v1/auth/logout').send({ refreshToken });
const me = (accessToken: string) => t.http.get('/api/v1/me').set('Authorization', `Bearer ${accessToken}`);
const staffMe = (accessToken: string) =>
  t.http.get('/api/v1/staff/me').set('Authorization', `Bearer ${accessToken}`);
const asAdmin = (method: 'get' | 'post', path: string) =>
  t.http[method](path).set('Authorization', `Bearer ${admin}`);
const codeOf = (res: { body: { error?: { code?: string } } }) => res.body.error?.code;

async function auditOf(entityType: string, entityId: string): Promise<AuditEntry[]> {
  const res = await asAdmin(
    'get',
    `/api/v1/admin/audit?entityType=${entityType}&entityId=${entityId}`,
  ).expect(200);
  return res.body.items;
}

describe('refresh tokens rotate', () => {
  test('each refresh answers a new refresh token; the one used is refused from then on', async () => {
    const login = await patientLogin('rotator');
    const first = await refresh(login.refreshToken).expect(200);
    expect(first.body.refreshToken).not.toBe(login.refreshToken);
    await me(first.body.accessToken).expect(200);
    const second = await refresh(first.body.refreshToken).expect(200);
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    const row = await t.db.prisma.authSession.findFirstOrThrow({ where: { accountId: login.account.id } });
    expect(row).toMatchObject({ rotations: 2, revokedAt: null });
  });

  test('an old refresh token coming back ends the whole sign-in, its newest tokens included', async () => {
    const login = await patientLogin('reuse-victim');
    const rotated = (await refresh(login.refreshToken).expect(200)).body as Tokens;
    later();
    // Someone replays the first refresh token (stolen, or a copy left behind).
    const replay = await refresh(login.refreshToken).expect(401);
    expect(codeOf(replay)).toBe('SESSION_REVOKED');
    // The legitimate holder's newest tokens stop working too, at once.
    expect(codeOf(await refresh(rotated.refreshToken).expect(401))).toBe('SESSION_REVOKED');
    expect(codeOf(await me(rotated.accessToken).expect(401))).toBe('SESSION_REVOKED');
    expect(codeOf(await me(login.accessToken).expect(401))).toBe('SESSION_REVOKED');
    const session = await t.db.prisma.authSession.findFirstOrThrow({
      where: { accountId: login.account.id },
    });
    expect(session.revokedReason).toBe('REFRESH_REUSED');
    const [entry] = await auditOf('patient_account', login.account.id);
    expect(entry).toMatchObject({
      action: 'auth_session.refresh_reused',
      actorType: 'system',
      changes: { endedSession: { from: null, to: session.id } },
    });
    // Signing in again starts a new sign-in that works.
    const again = await patientLogin('reuse-victim');
    await me(again.accessToken).expect(200);
  });

  test('two refreshes with the same token at once: exactly one gets new tokens, which keep working', async () => {
    const login = await patientLogin('double-refresh');
    const answers = await Promise.all([refresh(login.refreshToken), refresh(login.refreshToken)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
    const winner = answers.find((a) => a.status === 200)!.body as Tokens;
    const loser = answers.find((a) => a.status === 401)!;
    // A race of one client (two tabs), not a theft: the sign-in goes on.
    expect(codeOf(loser)).toBe('TOKEN_INVALID');
    await me(winner.accessToken).expect(200);
    await refresh(winner.refreshToken).expect(200);
  });

  test('the token just replaced, sent again within moments, is refused without ending the sign-in; later it ends it', async () => {
    const login = await patientLogin('racing-tabs');
    const rotated = (await refresh(login.refreshToken).expect(200)).body as Tokens;
    const racing = await refresh(login.refreshToken).expect(401);
    expect(racing.body.error).toMatchObject({ code: 'TOKEN_INVALID', message: '登录凭证已更新，请重试' });
    await me(rotated.accessToken).expect(200);
    later();
    expect(codeOf(await refresh(login.refreshToken).expect(401))).toBe('SESSION_REVOKED');
    expect(codeOf(await me(rotated.accessToken).expect(401))).toBe('SESSION_REVOKED');
  });

  test('a token from before sign-ins were recorded (no sid) is refused', async () => {
    const login = await patientLogin('old-format');
    const old = jwt.sign({ sub: login.account.id, kind: 'patient', typ: 'access' }, TEST_SECRETS.jwtSecret, {
      algorithm: 'HS256',
      issuer: 'hospital-api',
      expiresIn: 600,
      jwtid: 'x',
    });
    expect(codeOf(await me(old).expect(401))).toBe('TOKEN_INVALID');
  });
});

describe('signing out', () => {
  test('a patient signs out: that sign-in ends (access token too), other sign-ins of the account do not', async () => {
    const phone = await patientLogin('two-devices');
    const tablet = await patientLogin('two-devices');
    await logout(phone.refreshToken).expect(204);
    expect(codeOf(await me(phone.accessToken).expect(401))).toBe('SESSION_REVOKED');
    expect(codeOf(await refresh(phone.refreshToken).expect(401))).toBe('SESSION_REVOKED');
    await me(tablet.accessToken).expect(200);
    await refresh(tablet.refreshToken).expect(200);
    // Again, or with the token after it was used: still fine.
    await logout(phone.refreshToken).expect(204);
  });

  test('staff sign out the same way', async () => {
    const clerk = await staffLogin('clerk');
    await staffMe(clerk.accessToken).expect(200);
    await logout(clerk.refreshToken).expect(204);
    expect(codeOf(await staffMe(clerk.accessToken).expect(401))).toBe('SESSION_REVOKED');
  });

  test('an expired refresh token still signs out; a forged one is refused', async () => {
    const login = await patientLogin('expired-logout');
    const claims = t.tokens.verifyRefresh(login.refreshToken);
    const expired = jwt.sign(
      {
        sub: claims.subject,
        kind: 'patient',
        typ: 'refresh',
        sid: claims.sessionId,
        exp: Math.floor(Date.now() / 1000) - 60,
      },
      TEST_SECRETS.jwtSecret,
      { algorithm: 'HS256', issuer: 'hospital-api', jwtid: claims.tokenId },
    );
    expect(codeOf(await refresh(expired).expect(401))).toBe('TOKEN_EXPIRED');
    await logout(expired).expect(204);
    expect(codeOf(await me(login.accessToken).expect(401))).toBe('SESSION_REVOKED');
    const forged = jwt.sign({ sub: claims.subject }, 'another-secret-another-secret-another-secret');
    expect(codeOf(await logout(forged).expect(401))).toBe('TOKEN_INVALID');
  });
});

describe('an admin disables a patient account', () => {
  test('its tokens are refused at once, it cannot sign in or refresh; re-enabled, it signs in again', async () => {
    const phone = await patientLogin('to-disable');
    const tablet = await patientLogin('to-disable');
    const id = phone.account.id;

    const res = await asAdmin('post', `/api/v1/admin/patients/${id}/disable`)
      .send({ reason: '冒用他人身份' })
      .expect(200);
    expect(res.body).toMatchObject({ id, disabledReason: '冒用他人身份', activeSessions: 0 });
    expect(res.body.disabledAt).toEqual(expect.any(String));
    expect(JSON.stringify(res.body)).not.toMatch(/openid|dev_/);

    for (const s of [phone, tablet]) {
      expect(codeOf(await me(s.accessToken).expect(401))).toBe('SESSION_REVOKED');
      expect(codeOf(await refresh(s.refreshToken).expect(401))).toBe('SESSION_REVOKED');
    }
    const refused = await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:to-disable' }).expect(403);
    expect(refused.body.error).toMatchObject({
      code: 'ACCOUNT_DISABLED',
      message: '该账号已被停用，如有疑问请联系医院',
    });
    const en = await t.http
      .post('/api/v1/auth/wechat')
      .set('Accept-Language', 'en')
      .send({ code: 'dev:to-disable' })
      .expect(403);
    expect(en.body.error.message).toBe('This account has been disabled; contact the hospital');

    // Disabling again changes nothing (and writes no second audit row).
    await asAdmin('post', `/api/v1/admin/patients/${id}/disable`).send({ reason: 'again' }).expect(200);
    const [disabled, ...rest] = await auditOf('patient_account', id);
    expect(rest).toEqual([]);
    expect(disabled).toMatchObject({
      action: 'patient_account.disable',
      actorType: 'staff',
      actorName: 'admin',
      changes: {
        disabledReason: { from: null, to: '冒用他人身份' },
        endedSessions: { from: null, to: 2 },
      },
    });

    const enabled = await asAdmin('post', `/api/v1/admin/patients/${id}/enable`).expect(200);
    expect(enabled.body).toMatchObject({ disabledAt: null, disabledReason: null });
    const back = await patientLogin('to-disable');
    expect(back.account.id).toBe(id);
    await me(back.accessToken).expect(200);
    expect((await auditOf('patient_account', id))[0]!.action).toBe('patient_account.enable');
  });

  test('only an admin may; a reason is required; an unknown account is 404', async () => {
    const victim = await patientLogin('not-yours-to-disable');
    const scheduler = await t.staffToken('scheduler');
    await t.http
      .post(`/api/v1/admin/patients/${victim.account.id}/disable`)
      .set('Authorization', `Bearer ${scheduler}`)
      .send({ reason: 'x' })
      .expect(403);
    await t.http
      .post(`/api/v1/admin/patients/${victim.account.id}/disable`)
      .set('Authorization', `Bearer ${victim.accessToken}`)
      .send({ reason: 'x' })
      .expect(403);
    await asAdmin('post', `/api/v1/admin/patients/${victim.account.id}/disable`)
      .send({ reason: ' ' })
      .expect(400);
    await asAdmin('post', '/api/v1/admin/patients/00000000-0000-4000-8000-000000000000/disable')
      .send({ reason: 'x' })
      .expect(404);
    await me(victim.accessToken).expect(200);
  });
});

describe('an admin ends a member of staff’s sessions', () => {
  test('revoking sessions: every current token is refused at once; signing in again works', async () => {
    const a = await staffLogin('doctor');
    const b = await staffLogin('doctor');
    const res = await asAdmin('post', `/api/v1/admin/staff/${a.staff.id}/sessions/revoke`).expect(200);
    expect(res.body.revoked).toBeGreaterThanOrEqual(2);
    for (const s of [a, b]) {
      expect(codeOf(await staffMe(s.accessToken).expect(401))).toBe('SESSION_REVOKED');
      expect(codeOf(await refresh(s.refreshToken).expect(401))).toBe('SESSION_REVOKED');
    }
    const again = await staffLogin('doctor');
    await staffMe(again.accessToken).expect(200);
    const [entry] = await auditOf('staff', a.staff.id);
    expect(entry).toMatchObject({
      action: 'staff.sessions_revoke',
      changes: { endedSessions: { to: res.body.revoked } },
    });
  });

  test('disabling a member of staff ends their sessions and refuses sign-in; an admin cannot disable themself', async () => {
    const quality = await staffLogin('quality');
    const listed = (await asAdmin('get', '/api/v1/admin/staff').expect(200)).body.items as {
      username: string;
      activeSessions: number;
    }[];
    expect(listed.find((s) => s.username === 'quality')?.activeSessions).toBeGreaterThanOrEqual(1);

    const res = await asAdmin('post', `/api/v1/admin/staff/${quality.staff.id}/disable`)
      .send({ reason: '离职' })
      .expect(200);
    expect(res.body).toMatchObject({ username: 'quality', active: false, activeSessions: 0 });
    expect(codeOf(await staffMe(quality.accessToken).expect(401))).toBe('SESSION_REVOKED');
    await t.http
      .post('/api/v1/auth/staff/login')
      .send({ username: 'quality', password: DEMO_PASSWORD })
      .expect(401);
    expect((await auditOf('staff', quality.staff.id))[0]).toMatchObject({
      action: 'staff.disable',
      changes: { active: { from: true, to: false }, reason: { from: null, to: '离职' } },
    });

    await asAdmin('post', `/api/v1/admin/staff/${quality.staff.id}/enable`).expect(200);
    await staffLogin('quality');

    const self = (await staffMe(admin).expect(200)).body.id as string;
    const refused = await asAdmin('post', `/api/v1/admin/staff/${self}/disable`)
      .send({ reason: 'oops' })
      .expect(409);
    expect(refused.body.error.code).toBe('SELF_LOCKOUT');
  });
});

describe('several instances', () => {
  test('another instance on the same database refuses an ended session once it has looked (sync)', async () => {
    const other = await createTestApp({ db: t.db });
    const login = await patientLogin('seen-elsewhere');
    const meThere = () => other.http.get('/api/v1/me').set('Authorization', `Bearer ${login.accessToken}`);
    await meThere().expect(200);
    await logout(login.refreshToken).expect(204);
    expect(await other.services.revocations.sync()).toBeGreaterThanOrEqual(1);
    expect(codeOf(await meThere().expect(401))).toBe('SESSION_REVOKED');
    // A third instance starting now reads the recent ones before its first request (bootstrap calls sync).
    const late = await createTestApp({ db: t.db });
    await late.services.revocations.sync();
    expect(late.services.revocations.isRevoked(t.tokens.verifyAccess(login.accessToken).sessionId)).toBe(
      true,
    );
  });

  (TEST_DB_KIND === 'postgres' ? test : test.skip)(
    'on PostgreSQL the others hear it at once (LISTEN/NOTIFY), without waiting for their poll',
    async () => {
      const other = await createTestApp({ db: t.db });
      const listener = await t.db.listen!(REVOCATION_CHANNEL, () => void other.services.revocations.sync());
      try {
        const login = await staffLogin('clerk');
        const meThere = () =>
          other.http.get('/api/v1/staff/me').set('Authorization', `Bearer ${login.accessToken}`);
        await meThere().expect(200);
        await asAdmin('post', `/api/v1/admin/staff/${login.staff.id}/sessions/revoke`).expect(200);
        const deadline = Date.now() + 5_000;
        let status = 200;
        while (status === 200 && Date.now() < deadline) {
          status = (await meThere()).status;
          if (status === 200) await new Promise((r) => setTimeout(r, 20));
        }
        expect(status).toBe(401);
      } finally {
        await listener.close();
      }
    },
  );
});

test('checking a token against ended sessions makes no database query', async () => {
  // A database that fails on any use: the check must be answered from memory.
  const noDb = new Proxy({} as Db, {
    get() {
      throw new Error('the database was used');
    },
  });
  const revocations = createRevocations({ db: noDb, clock: t.services.clock, accessTtlSeconds: 1800 });
  const app = new Koa<AppState>();
  app.use(authenticate(t.tokens, revocations));
  app.use((ctx) => {
    ctx.body = { principal: ctx.state.principal ?? null, authError: ctx.state.authError ?? null };
  });
  const login = await patientLogin('no-query');
  const ok = await request(app.callback())
    .get('/')
    .set('Authorization', `Bearer ${login.accessToken}`)
    .expect(200);
  expect(ok.body.principal).toEqual({ kind: 'patient', accountId: login.account.id });
  revocations.add([t.tokens.verifyAccess(login.accessToken).sessionId]);
  const ended = await request(app.callback())
    .get('/')
    .set('Authorization', `Bearer ${login.accessToken}`)
    .expect(200);
  expect(ended.body).toEqual({ principal: null, authError: 'SESSION_REVOKED' });
  // And it is cheap: a million checks well under a second.
  const sid = t.tokens.verifyAccess(login.accessToken).sessionId;
  const started = process.hrtime.bigint();
  for (let i = 0; i < 1_000_000; i++) revocations.isRevoked(i % 2 ? sid : 'other');
  expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
});

test('sessions whose refresh token expired over a day ago are purged', async () => {
  const login = await patientLogin('purged');
  const { sessionId } = t.tokens.verifyAccess(login.accessToken);
  await t.db.prisma.authSession.update({
    where: { id: sessionId },
    data: { expiresAt: new Date(Date.now() - 2 * 86_400_000) },
  });
  expect(await t.services.sessions.purgeExpired()).toBeGreaterThanOrEqual(1);
  expect(await t.db.prisma.authSession.findUnique({ where: { id: sessionId } })).toBeNull();
});
