import type { ERRORS } from '@hospital/shared';
import { createTestApp, type TestApp } from '../support/app';

let t: TestApp;
let patient: string;
let clerk: string;
beforeAll(async () => {
  t = await createTestApp({ env: { BODY_LIMIT: '2kb' } });
  patient = await t.patientToken('errors-patient');
  clerk = await t.staffToken('clerk');
});
afterAll(() => t.close());

const validProfile = {
  name: '张三',
  idType: 'RESIDENT_ID',
  idNumber: '11010519491231002X',
  phone: '13812345678',
  relationship: 'SELF',
};

async function profileCount(): Promise<number> {
  return t.db.prisma.profile.count();
}

function expectErrorShape(body: unknown, code: keyof typeof ERRORS) {
  expect(body).toEqual({
    error: expect.objectContaining({ code, message: expect.any(String), requestId: expect.any(String) }),
  });
  expect((body as { error: { message: string } }).error.message.length).toBeGreaterThan(2);
}

describe('every error answers { error: { code, message, requestId } } with its status', () => {
  test('400 VALIDATION_FAILED names the field and says what is wrong, in Chinese', async () => {
    const res = await t.http
      .post('/api/v1/me/profiles')
      .set('Authorization', `Bearer ${patient}`)
      .send({ ...validProfile, idNumber: '110105194912310021' })
      .expect(400);
    expectErrorShape(res.body, 'VALIDATION_FAILED');
    expect(res.body.error.message).toBe('身份证号码校验失败，请核对后重新输入');
    expect(res.body.error.details).toEqual([
      { path: 'body.idNumber', message: '身份证号码校验失败，请核对后重新输入' },
    ]);
  });

  test('the message follows Accept-Language: en', async () => {
    const res = await t.http.get('/api/v1/me/profiles').set('Accept-Language', 'en-GB,en;q=0.9').expect(401);
    expect(res.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Sign in first' });
  });

  test('401 UNAUTHENTICATED without a token', async () => {
    const res = await t.http.get('/api/v1/me/profiles').expect(401);
    expectErrorShape(res.body, 'UNAUTHENTICATED');
    expect(res.body.error.message).toBe('请先登录');
  });

  test('403 FORBIDDEN for a staff token on a patient route', async () => {
    const res = await t.http.get('/api/v1/me/profiles').set('Authorization', `Bearer ${clerk}`).expect(403);
    expectErrorShape(res.body, 'FORBIDDEN');
  });

  test('404 NOT_FOUND for a missing record and ROUTE_NOT_FOUND for a missing endpoint', async () => {
    const missing = await t.http.get('/api/v1/doctors/00000000-0000-4000-8000-000000000000').expect(404);
    expectErrorShape(missing.body, 'NOT_FOUND');
    expect(missing.body.error.message).toBe('医生不存在');
    const route = await t.http.get('/api/v1/no-such-thing').expect(404);
    expectErrorShape(route.body, 'ROUTE_NOT_FOUND');
  });

  test('405 METHOD_NOT_ALLOWED for a known path with the wrong method', async () => {
    const res = await t.http.put('/api/v1/departments').send({}).expect(405);
    expectErrorShape(res.body, 'METHOD_NOT_ALLOWED');
  });

  test('409 for a duplicate, 422 for a broken rule', async () => {
    const token = await t.patientToken('errors-409');
    await t.http
      .post('/api/v1/me/profiles')
      .set('Authorization', `Bearer ${token}`)
      .send(validProfile)
      .expect(201);
    const dup = await t.http
      .post('/api/v1/me/profiles')
      .set('Authorization', `Bearer ${token}`)
      .send(validProfile)
      .expect(409);
    expectErrorShape(dup.body, 'PROFILE_DUPLICATE_ID');
    const admin = { Authorization: `Bearer ${await t.staffToken('admin')}` };
    const limitTo = (max: number) =>
      t.http
        .patch('/api/v1/admin/hospital')
        .set(admin)
        .send({ rules: { accounts: { maxProfilesPerAccount: max } } })
        .expect(200);
    await limitTo(1);
    try {
      const limit = await t.http
        .post('/api/v1/me/profiles')
        .set('Authorization', `Bearer ${token}`)
        .send({
          ...validProfile,
          idType: 'PASSPORT',
          idNumber: 'E12345678',
          birthDate: '1990-01-01',
          sex: 'MALE',
        })
        .expect(422);
      expectErrorShape(limit.body, 'PROFILE_LIMIT_REACHED');
    } finally {
      await limitTo(5);
    }
  });

  test('413 PAYLOAD_TOO_LARGE for a body over the limit, and nothing is written', async () => {
    const before = await profileCount();
    const res = await t.http
      .post('/api/v1/me/profiles')
      .set('Authorization', `Bearer ${patient}`)
      .send({ ...validProfile, name: '张'.repeat(2000) })
      .expect(413);
    expectErrorShape(res.body, 'PAYLOAD_TOO_LARGE');
    expect(await profileCount()).toBe(before);
  });

  test('415 UNSUPPORTED_MEDIA_TYPE for a body that is not JSON', async () => {
    const res = await t.http
      .post('/api/v1/auth/staff/login')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('username=admin&password=demo1234')
      .expect(415);
    expectErrorShape(res.body, 'UNSUPPORTED_MEDIA_TYPE');
  });

  test('500 INTERNAL for a bug hides the internals', async () => {
    const original = t.services.catalog.getHospital;
    t.services.catalog.getHospital = async () => {
      throw new Error('secret internal detail: connection string postgres://user:pw@db');
    };
    try {
      const res = await t.http.get('/api/v1/hospital').expect(500);
      expectErrorShape(res.body, 'INTERNAL');
      expect(JSON.stringify(res.body)).not.toContain('secret internal detail');
    } finally {
      t.services.catalog.getHospital = original;
    }
  });

  test('503 SERVICE_UNAVAILABLE when the hospital is not set up yet', async () => {
    const code = await t.db.prisma.hospital.findFirstOrThrow();
    await t.db.prisma.hospital.update({ where: { id: code.id }, data: { code: 'RENAMED' } });
    const other = await createTestApp({ db: t.db, env: { HOSPITAL_CODE: 'NOPE' } });
    try {
      const res = await other.http.get('/api/v1/hospital').expect(503);
      expectErrorShape(res.body, 'SERVICE_UNAVAILABLE');
    } finally {
      await t.db.prisma.hospital.update({ where: { id: code.id }, data: { code: code.code } });
    }
  });
});

describe('bad input is refused with 400 and nothing is written', () => {
  const post = (body: string | object, type = 'application/json') =>
    t.http
      .post('/api/v1/me/profiles')
      .set('Authorization', `Bearer ${patient}`)
      .set('Content-Type', type)
      .send(body);

  test('malformed JSON → MALFORMED_JSON', async () => {
    const before = await profileCount();
    const res = await post('{"name": "张三", ').expect(400);
    expectErrorShape(res.body, 'MALFORMED_JSON');
    expect(await profileCount()).toBe(before);
  });

  test('a JSON scalar instead of an object → VALIDATION_FAILED', async () => {
    const res = await post('"just a string"').expect(400);
    expectErrorShape(res.body, 'VALIDATION_FAILED');
  });

  test('wrong types → VALIDATION_FAILED with one detail per field', async () => {
    const before = await profileCount();
    const res = await post({ ...validProfile, name: 42, relationship: 'NEIGHBOUR' }).expect(400);
    expectErrorShape(res.body, 'VALIDATION_FAILED');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.relationship']));
    expect(await profileCount()).toBe(before);
  });

  test('unknown fields are refused, not silently dropped', async () => {
    const before = await profileCount();
    const res = await post({ ...validProfile, isAdmin: true }).expect(400);
    expectErrorShape(res.body, 'VALIDATION_FAILED');
    expect(JSON.stringify(res.body.error.details)).toContain('isAdmin');
    expect(await profileCount()).toBe(before);
  });

  test('unknown query parameters are refused too', async () => {
    const admin = await t.staffToken('admin');
    const res = await t.http
      .get('/api/v1/admin/departments?includeInactiv=true')
      .set('Authorization', `Bearer ${admin}`)
      .expect(400);
    expectErrorShape(res.body, 'VALIDATION_FAILED');
  });
});

test('every response carries a request id and security headers', async () => {
  const res = await t.http.get('/api/v1/departments').set('X-Request-Id', 'trace-abc-12345').expect(200);
  expect(res.headers['x-request-id']).toBe('trace-abc-12345');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['content-security-policy']).toContain("default-src 'self'");
});

test('CORS allows the configured origins only', async () => {
  const ok = await t.http.get('/api/v1/departments').set('Origin', 'http://localhost:10086').expect(200);
  expect(ok.headers['access-control-allow-origin']).toBe('http://localhost:10086');
  const other = await t.http.get('/api/v1/departments').set('Origin', 'https://evil.example').expect(200);
  expect(other.headers['access-control-allow-origin']).toBeUndefined();
});
