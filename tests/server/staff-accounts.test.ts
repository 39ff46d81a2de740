// The admin's staff accounts (issue 11, item 2): open one with a first password, change its roles and
// department, set a temporary password, the list with its filters and pages, and the hospital never locking
// itself out. Audited, never with a password or hash.
import type { AuditEntry, StaffAccount } from '@hospital/shared';
import { createTestApp, type TestApp } from '../support/app';
import { DEMO_PASSWORD } from '../support/template';

let t: TestApp;
let admin: string;
let adminId: string;
let cardiology: { id: string; name: string };
let dermatology: { id: string; name: string };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.staffToken('admin');
  adminId = (await t.http.get('/api/v1/staff/me').set('Authorization', `Bearer ${admin}`).expect(200)).body
    .id;
  const departments = (
    await t.http.get('/api/v1/admin/departments').set('Authorization', `Bearer ${admin}`).expect(200)
  ).body.items as { id: string; name: string }[];
  cardiology = departments.find((d) => d.name === '心血管内科')!;
  dermatology = departments.find((d) => d.name === '皮肤科')!;
}, 60_000);
afterAll(() => t.close());

type Method = 'get' | 'post' | 'patch';
const asAdmin = (method: Method, path: string, locale = 'zh-CN') =>
  t.http[method](path).set('Authorization', `Bearer ${admin}`).set('Accept-Language', locale);
const signIn = (username: string, password: string) =>
  t.http.post('/api/v1/auth/staff/login').send({ username, password });
const staffMe = (accessToken: string) =>
  t.http.get('/api/v1/staff/me').set('Authorization', `Bearer ${accessToken}`);
const codeOf = (res: { body: { error?: { code?: string } } }) => res.body.error?.code;
const fieldsOf = (res: { body: { error?: { details?: { path: string }[] } } }) =>
  (res.body.error?.details ?? []).map((d) => d.path);

async function auditOf(entityId: string): Promise<AuditEntry[]> {
  return (await asAdmin('get', `/api/v1/admin/audit?entityType=staff&entityId=${entityId}`).expect(200)).body
    .items;
}

async function create(body: Record<string, unknown>): Promise<StaffAccount> {
  return (await asAdmin('post', '/api/v1/admin/staff').send(body).expect(201)).body;
}

describe('opening a staff account', () => {
  test('a clerk without a department signs in with the first password; the audit row has no password', async () => {
    const made = await create({
      username: 'window.chen',
      displayName: '挂号窗口 陈静',
      roles: ['clerk'],
      password: 'Window2026a',
    });
    expect(made).toMatchObject({
      username: 'window.chen',
      displayName: '挂号窗口 陈静',
      roles: ['clerk'],
      departmentId: null,
      departmentName: null,
      active: true,
      lastLoginAt: null,
      activeSessions: 0,
    });
    const login = (await signIn('window.chen', 'Window2026a').expect(200)).body;
    const me = (await staffMe(login.accessToken).expect(200)).body;
    expect(me.permissions['booking.checkIn']).toBe('any');
    expect(me.permissions['account.manage']).toBeUndefined();

    const [entry] = await auditOf(made.id);
    expect(entry).toMatchObject({ action: 'staff.create', actorName: 'admin' });
    expect(entry!.changes).toMatchObject({ username: { from: null, to: 'window.chen' } });
    const text = JSON.stringify(entry);
    expect(text).not.toContain('Window2026a');
    expect(text).not.toMatch(/argon|passwordHash/i);
  });

  test('a doctor needs a department, which must exist; the name comes back in the list', async () => {
    const noDepartment = await asAdmin('post', '/api/v1/admin/staff')
      .send({ username: 'dr.li', displayName: '李医生', roles: ['doctor'], password: 'Doctor2026a' })
      .expect(400);
    expect(fieldsOf(noDepartment)).toEqual(['body.departmentId']);
    expect(noDepartment.body.error.details[0].message).toBe('医生等按科室授权的角色须指定所属科室');

    const unknown = await asAdmin('post', '/api/v1/admin/staff', 'en')
      .send({
        username: 'dr.li',
        displayName: '李医生',
        roles: ['doctor'],
        departmentId: '00000000-0000-4000-8000-000000000000',
        password: 'Doctor2026a',
      })
      .expect(400);
    expect(unknown.body.error.details).toEqual([
      { path: 'body.departmentId', message: 'There is no such department, or it is closed' },
    ]);

    const doctor = await create({
      username: 'dr.li',
      displayName: '李医生',
      roles: ['doctor'],
      departmentId: cardiology.id,
      password: 'Doctor2026a',
    });
    expect(doctor.departmentName).toBe('心血管内科');
  });

  test('a taken username is a 409 naming it; a weak password, no role or a bad username are refused at the field', async () => {
    const taken = await asAdmin('post', '/api/v1/admin/staff')
      .send({ username: 'clerk', displayName: '重名', roles: ['clerk'], password: 'Another2026a' })
      .expect(409);
    expect(codeOf(taken)).toBe('ALREADY_EXISTS');
    expect(taken.body.error.message).toContain('用户名 clerk 已被使用');

    const weak = await asAdmin('post', '/api/v1/admin/staff')
      .send({ username: 'weak.one', displayName: '弱密码', roles: [], password: 'short1' })
      .expect(400);
    expect(fieldsOf(weak).sort()).toEqual(['body.password', 'body.roles']);

    const badName = await asAdmin('post', '/api/v1/admin/staff')
      .send({ username: 'Has Space', displayName: 'x', roles: ['clerk'], password: 'Window2026a' })
      .expect(400);
    expect(fieldsOf(badName)).toEqual(['body.username']);
    expect((await signIn('weak.one', 'short1').expect(401)).body.error.code).toBe('INVALID_CREDENTIALS');
  });
});

describe('changing an account', () => {
  test('new roles and department end the member’s sign-ins; the next sign-in has the new reach', async () => {
    const made = await create({
      username: 'sched.wang',
      displayName: '排班 王',
      roles: ['scheduler'],
      password: 'Schedule2026a',
    });
    const before = (await signIn('sched.wang', 'Schedule2026a').expect(200)).body;

    const changed = await asAdmin('patch', `/api/v1/admin/staff/${made.id}`)
      .send({ displayName: '皮肤科 王医生', roles: ['doctor'], departmentId: dermatology.id })
      .expect(200);
    expect(changed.body).toMatchObject({
      username: 'sched.wang',
      displayName: '皮肤科 王医生',
      roles: ['doctor'],
      departmentName: '皮肤科',
      activeSessions: 0,
    });
    expect(codeOf(await staffMe(before.accessToken).expect(401))).toBe('SESSION_REVOKED');
    const after = (await signIn('sched.wang', 'Schedule2026a').expect(200)).body;
    const me = (await staffMe(after.accessToken).expect(200)).body;
    expect(me.permissions).toMatchObject({ 'booking.complete': 'department' });
    expect(me.permissions['roster.manage']).toBeUndefined();

    expect((await auditOf(made.id))[0]).toMatchObject({
      action: 'staff.update',
      changes: {
        roles: { from: ['scheduler'], to: ['doctor'] },
        departmentId: { from: null, to: dermatology.id },
        endedSessions: { from: null, to: 1 },
      },
    });

    // Only the name: the sign-in goes on. The username cannot change; a doctor cannot lose the department.
    await asAdmin('patch', `/api/v1/admin/staff/${made.id}`).send({ displayName: '王医生' }).expect(200);
    await staffMe(after.accessToken).expect(200);
    await asAdmin('patch', `/api/v1/admin/staff/${made.id}`).send({ username: 'renamed' }).expect(400);
    const orphan = await asAdmin('patch', `/api/v1/admin/staff/${made.id}`)
      .send({ departmentId: null })
      .expect(400);
    expect(fieldsOf(orphan)).toEqual(['body.departmentId']);
  });

  test('a temporary password ends every sign-in of the member; the old password no longer works', async () => {
    const made = await create({
      username: 'forgot.zhao',
      displayName: '赵',
      roles: ['complaints_officer'],
      password: 'Original2026a',
    });
    const one = (await signIn('forgot.zhao', 'Original2026a').expect(200)).body;
    const two = (await signIn('forgot.zhao', 'Original2026a').expect(200)).body;

    const weak = await asAdmin('post', `/api/v1/admin/staff/${made.id}/password`)
      .send({ password: 'onlyletters' })
      .expect(400);
    expect(fieldsOf(weak)).toEqual(['body.password']);

    const res = await asAdmin('post', `/api/v1/admin/staff/${made.id}/password`)
      .send({ password: 'Temporary2026b' })
      .expect(200);
    expect(res.body).toEqual({ revoked: 2 });
    for (const s of [one, two]) {
      expect(codeOf(await staffMe(s.accessToken).expect(401))).toBe('SESSION_REVOKED');
      expect(
        codeOf(await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401)),
      ).toBe('SESSION_REVOKED');
    }
    await signIn('forgot.zhao', 'Original2026a').expect(401);
    await signIn('forgot.zhao', 'Temporary2026b').expect(200);

    const [entry] = await auditOf(made.id);
    expect(entry).toMatchObject({ action: 'staff.password_reset', changes: { endedSessions: { to: 2 } } });
    expect(JSON.stringify(entry)).not.toContain('Temporary2026b');
  });

  test('an admin cannot disable themself or drop their own admin role (409 SELF_LOCKOUT, in both languages)', async () => {
    const disable = await asAdmin('post', `/api/v1/admin/staff/${adminId}/disable`)
      .send({ reason: '误操作' })
      .expect(409);
    expect(codeOf(disable)).toBe('SELF_LOCKOUT');
    expect(disable.body.error.message).toContain('不能停用自己的账号');
    const drop = await asAdmin('patch', `/api/v1/admin/staff/${adminId}`, 'en')
      .send({ roles: ['scheduler'] })
      .expect(409);
    expect(codeOf(drop)).toBe('SELF_LOCKOUT');
    expect(drop.body.error.message).toMatch(/remove your own admin role/);
    // Adding a role to oneself is fine, and so is renaming oneself.
    await asAdmin('patch', `/api/v1/admin/staff/${adminId}`)
      .send({ roles: ['admin', 'quality_officer'] })
      .expect(200);
    await staffMe(admin).expect(200);
    await asAdmin('patch', `/api/v1/admin/staff/${adminId}`)
      .send({ roles: ['admin'] })
      .expect(200);
    await signIn('admin', DEMO_PASSWORD).expect(200);
  });
});

describe('the staff list', () => {
  test('filters by text, role, department and status, a page at a time, with live sessions', async () => {
    const list = async (query: string) =>
      (await asAdmin('get', `/api/v1/admin/staff?${query}`).expect(200)).body as {
        items: StaffAccount[];
        total: number;
        page: number;
        pageSize: number;
      };
    await create({
      username: 'gone.sun',
      displayName: '孙（离职）',
      roles: ['clerk'],
      password: 'Leaving2026a',
    });
    const gone = (await list('q=gone.sun')).items[0]!;
    await asAdmin('post', `/api/v1/admin/staff/${gone.id}/disable`).send({ reason: '离职' }).expect(200);

    const everyone = await list('pageSize=100');
    expect(everyone.total).toBe(everyone.items.length);
    expect(everyone.items.map((s) => s.username)).toEqual([...everyone.items.map((s) => s.username)].sort());

    const pageTwo = await list('pageSize=2&page=2');
    expect(pageTwo).toMatchObject({ page: 2, pageSize: 2, total: everyone.total });
    expect(pageTwo.items.map((s) => s.id)).toEqual(everyone.items.slice(2, 4).map((s) => s.id));

    expect(
      (await list('q=%E6%8C%82%E5%8F%B7%E7%AA%97%E5%8F%A3')).items.map((s) => s.username).sort(),
    ).toEqual(['clerk', 'window.chen']); // 挂号窗口, in the display names
    expect((await list('q=CLERK')).items.map((s) => s.username)).toEqual(['clerk']);
    expect((await list('role=doctor')).items.every((s) => s.roles.includes('doctor'))).toBe(true);
    expect((await list(`departmentId=${cardiology.id}`)).items.map((s) => s.username).sort()).toEqual([
      'doctor',
      'dr.li',
    ]);
    expect((await list('active=false')).items.map((s) => s.username)).toEqual(['gone.sun']);
    expect((await list('active=true')).items.some((s) => s.username === 'gone.sun')).toBe(false);

    const adminRow = everyone.items.find((s) => s.username === 'admin')!;
    expect(adminRow.activeSessions).toBeGreaterThanOrEqual(1);
    expect(adminRow.lastLoginAt).not.toBeNull();
    await asAdmin('get', '/api/v1/admin/staff?role=nurse').expect(400);
  });
});
