import type { AuditEntry } from '@hospital/shared';
import { createTestApp, type TestApp } from '../support/app';
import { DEMO_PASSWORD } from '../support/template';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(() => t.close());

interface StaffTokens {
  accessToken: string;
  refreshToken: string;
  staff: { id: string };
}
const login = (username: string, password = DEMO_PASSWORD) =>
  t.http.post('/api/v1/auth/staff/login').send({ username, password });
const signIn = async (username: string, password = DEMO_PASSWORD): Promise<StaffTokens> =>
  (await login(username, password).expect(200)).body;
const change = (accessToken: string, body: object, lang = 'zh-CN') =>
  t.http
    .post('/api/v1/staff/me/password')
    .set('Authorization', `Bearer ${accessToken}`)
    .set('Accept-Language', lang)
    .send(body);
const codeOf = (res: { body: { error?: { code?: string } } }) => res.body.error?.code;

describe('a member of staff changes their own password', () => {
  test('the new password signs in, the old one no longer does, and the other sign-ins end', async () => {
    const here = await signIn('complaints');
    const elsewhere = await signIn('complaints');
    const res = await change(here.accessToken, {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'Harbour2026quay',
    }).expect(200);
    expect(res.body).toEqual({ endedSessions: 1 });

    expect(codeOf(await login('complaints').expect(401))).toBe('INVALID_CREDENTIALS');
    await signIn('complaints', 'Harbour2026quay');
    // The sign-in that made the change goes on; the one on another computer is over, access token and all.
    await t.http.get('/api/v1/staff/me').set('Authorization', `Bearer ${here.accessToken}`).expect(200);
    const ended = await t.http
      .get('/api/v1/staff/me')
      .set('Authorization', `Bearer ${elsewhere.accessToken}`);
    expect(ended.status).toBe(401);
    const refused = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: elsewhere.refreshToken });
    expect(refused.status).toBe(401);
    expect(codeOf(refused)).toBe('SESSION_REVOKED');
    const sessions = await t.db.prisma.authSession.findMany({ where: { staffId: here.staff.id } });
    expect(sessions.filter((s) => s.revokedAt).map((s) => s.revokedReason)).toEqual(['PASSWORD_CHANGED']);

    // Audited, with neither password nor hash in the entry.
    const admin = await signIn('admin');
    const audit = await t.http
      .get(`/api/v1/admin/audit?entityType=staff&entityId=${here.staff.id}&action=staff.password_change`)
      .set('Authorization', `Bearer ${admin.accessToken}`)
      .expect(200);
    const [entry] = audit.body.items as AuditEntry[];
    expect(entry).toMatchObject({ actorName: 'complaints', action: 'staff.password_change' });
    expect(entry!.changes).toMatchObject({ endedSessions: { from: null, to: 1 } });
    const text = JSON.stringify(audit.body);
    expect(text).not.toContain('Harbour2026quay');
    expect(text).not.toContain('argon2');
  });

  test('a wrong current password changes nothing and says so in the reader’s language', async () => {
    const { accessToken } = await signIn('scheduler');
    const zh = await change(accessToken, { currentPassword: 'not-it', newPassword: 'Lantern2026road' });
    expect(zh.status).toBe(403);
    expect(zh.body.error).toMatchObject({
      code: 'CURRENT_PASSWORD_WRONG',
      message: '当前密码不正确，密码未修改',
    });
    const en = await change(accessToken, { currentPassword: 'not-it', newPassword: 'Lantern2026road' }, 'en');
    expect(en.body.error.message).toBe('The current password is wrong; the password was not changed');
    await signIn('scheduler');
  });

  test.each([
    ['too short', DEMO_PASSWORD, 'Abc12345', 'The new password needs at least 10 characters'],
    ['without a digit', DEMO_PASSWORD, 'onlyletterswords', 'The new password needs both letters and digits'],
    ['without a letter', DEMO_PASSWORD, '12345678901', 'The new password needs both letters and digits'],
    [
      'the current one',
      'Current2026pass',
      'Current2026pass',
      'The new password must differ from the current one',
    ],
  ])('a new password %s is refused at the field', async (_what, currentPassword, newPassword, english) => {
    const { accessToken } = await signIn('clerk');
    const res = await change(accessToken, { currentPassword, newPassword }, 'en').expect(400);
    expect(codeOf(res)).toBe('VALIDATION_FAILED');
    const issues = res.body.error.details as { path: string; message: string }[];
    expect(issues).toContainEqual({ path: 'body.newPassword', message: english });
    await signIn('clerk');
  });

  test('patients cannot call it', async () => {
    const token = await t.patientToken('password-prober');
    await change(token, { currentPassword: 'x', newPassword: 'Lantern2026road' }).expect(403);
  });
});

describe('the audit log is searched by who, what and when', () => {
  test('actor, action prefix and a time window narrow the list', async () => {
    const { accessToken } = await signIn('admin');
    const list = (query: string) =>
      t.http.get(`/api/v1/admin/audit?${query}`).set('Authorization', `Bearer ${accessToken}`).expect(200);
    const all = (await list('pageSize=200')).body as { items: AuditEntry[]; total: number };
    expect(all.total).toBeGreaterThan(0);

    const byActor = (await list('actor=COMPLAINTS&pageSize=200')).body.items as AuditEntry[];
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((e) => e.actorName === 'complaints')).toBe(true);

    const byPrefix = (await list('action=staff&pageSize=200')).body.items as AuditEntry[];
    expect(byPrefix.length).toBeGreaterThan(0);
    expect(byPrefix.every((e) => e.action.startsWith('staff.'))).toBe(true);

    const newest = all.items[0]!;
    const window = (await list(`from=${encodeURIComponent(newest.at)}&pageSize=200`)).body
      .items as AuditEntry[];
    expect(window.map((e) => e.id)).toContain(newest.id);
    const before = (await list(`to=${encodeURIComponent(newest.at)}&pageSize=200`)).body
      .items as AuditEntry[];
    expect(before.map((e) => e.id)).not.toContain(newest.id);
  });
});
