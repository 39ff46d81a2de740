import zlib from 'node:zlib';
import type { ERRORS } from '@hospital/shared';
import { z } from 'zod';
import { unknownQueryKeys } from '../../server/src/http/input';
import { createTestApp, type TestApp } from '../support/app';
import { patientWithProfile } from '../support/factories';
import { DEMO_PASSWORD } from '../support/template';

/**
 * Bad input never makes a 5xx: each root cause the fuzz test (fuzz.test.ts) found, as a client sees it — the
 * status, the code, the field named — and that nothing was written.
 */
let t: TestApp;
let admin: string;
let patient: { token: string; profileId: string; auth: Record<string, string> };
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.staffToken('admin');
  patient = await patientWithProfile(t, 'bad-input', 801);
}, 60_000);
afterAll(() => t.close());

const asAdmin = () => ({ Authorization: `Bearer ${admin}` });
const login = { username: 'admin', password: DEMO_PASSWORD };

function expectError(res: { status: number; body: unknown }, status: number, code: keyof typeof ERRORS) {
  expect({ status: res.status, code: (res.body as { error?: { code?: string } }).error?.code }).toEqual({
    status,
    code,
  });
  const message = (res.body as { error: { message: string } }).error.message;
  expect(message.length).toBeGreaterThan(5);
}
const paths = (res: { body: { error: { details?: { path: string }[] } } }) =>
  (res.body.error.details ?? []).map((d) => d.path);
const auditRows = () => t.db.prisma.auditLog.count();

describe('Content-Encoding', () => {
  test('an unknown encoding is 415 UNSUPPORTED_CONTENT_ENCODING (it was a 500)', async () => {
    const res = await t.http
      .post('/api/v1/auth/staff/login')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'x-compress')
      .set('Accept-Language', 'en')
      .send(JSON.stringify(login));
    expectError(res, 415, 'UNSUPPORTED_CONTENT_ENCODING');
    expect(res.body.error.message).toMatch(/uncompressed, or as gzip, deflate or br/);
  });

  test('a body that is not what its encoding says is 400 INVALID_CONTENT_ENCODING (it was a 500)', async () => {
    for (const encoding of ['gzip', 'deflate', 'br']) {
      const res = await t.http
        .post('/api/v1/auth/staff/login')
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', encoding)
        .send(JSON.stringify(login));
      expectError(res, 400, 'INVALID_CONTENT_ENCODING');
    }
  });

  test('a gzipped body is still read', async () => {
    const res = await t.http
      .post('/api/v1/auth/staff/login')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      // superagent would JSON-encode a Buffer under a JSON content type; send the bytes as they are.
      .serialize((body: Buffer) => body as unknown as string)
      .send(zlib.gzipSync(JSON.stringify(login)));
    expect(res.status).toBe(200);
    expect(res.body.staff.username).toBe('admin');
  });
});

describe('text the database cannot store (NUL, lone surrogates) is refused, naming the field', () => {
  test('NUL in the staff login name is 400 body.username (it was a 500)', async () => {
    const res = await t.http.post('/api/v1/auth/staff/login').send({ ...login, username: 'admin\u0000' });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details).toEqual([
      { path: 'body.username', message: expect.stringContaining('无法保存的字符') },
    ]);
    expect(res.body.error.message).toBe(
      '内容中含有无法保存的字符（空字符或残缺的 Unicode 字符），请删除后重新提交',
    );
  });

  test('a lone surrogate in a free-text reason is 400 body.reason, and nothing reaches the audit log', async () => {
    const before = await auditRows();
    // JSON.stringify writes a lone surrogate as the escape "\ud800", which JSON.parse turns back into one.
    const res = await t.http
      .post(`/api/v1/admin/sessions/${crypto.randomUUID()}/suspend`)
      .set(asAdmin())
      .set('Accept-Language', 'en')
      .send({ reason: '医生临时出诊\ud800' });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(paths(res)).toEqual(['body.reason']);
    expect(res.body.error.message).toMatch(/cannot be stored/);
    expect(await auditRows()).toBe(before);
  });

  test('a NUL in a rule of the hospital (jsonb) is 400 at its path, and the rules are unchanged', async () => {
    const before = await t.db.prisma.hospital.findFirstOrThrow();
    const res = await t.http
      .patch('/api/v1/admin/hospital')
      .set(asAdmin())
      .send({ name: '滨江\u0000医院', rules: { booking: { 'hold\u0000Minutes': 20 } } });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(paths(res).sort()).toEqual(['body.name', 'body.rules.booking.hold\u0000Minutes']);
    expect(await t.db.prisma.hospital.findFirstOrThrow()).toEqual(before);
  });

  test('in a query string and in a path param too', async () => {
    const query = await t.http.get('/api/v1/admin/audit?entityType=room%00').set(asAdmin());
    expectError(query, 400, 'VALIDATION_FAILED');
    expect(paths(query)).toEqual(['query.entityType']);
    const path = await t.http.get('/api/v1/exam-types/CT%00');
    expectError(path, 400, 'VALIDATION_FAILED');
    expect(paths(path)).toEqual(['params.code']);
  });

  test('a body nested thousands deep is walked without overflowing the stack', async () => {
    const deep = `${'{"a":'.repeat(4000)}"\\u0000"${'}'.repeat(4000)}`;
    const res = await t.http
      .post('/api/v1/payments/wechat/notify')
      .set('Content-Type', 'application/json')
      .send(deep);
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(paths(res)[0]).toMatch(/^body(\.a){4000}$/);
  });
});

describe('dates outside 1900-01-01 … 9999-12-31 are refused with a field error', () => {
  test('year 0000 in a query is 400 query.date (it was a 500: PostgreSQL has no year 0)', async () => {
    for (const url of ['/api/v1/staff/bookings?date=0000-01-01', '/api/v1/admin/sessions?date=0000-01-01']) {
      const res = await t.http.get(url).set(asAdmin());
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.error.details).toEqual([
        { path: 'query.date', message: '日期应在 1900-01-01 至 9999-12-31 之间，请检查后重新填写' },
      ]);
    }
    const range = await t.http.get('/api/v1/admin/rosters/exceptions?from=1899-12-31').set(asAdmin());
    expectError(range, 400, 'VALIDATION_FAILED');
    expect(paths(range)).toEqual(['query.from']);
  });

  test('in a body: a birth date before 1900, a roster exception in year 0000', async () => {
    const profile = await t.http.post('/api/v1/me/profiles').set(patient.auth).send({
      name: '张三',
      idType: 'PASSPORT',
      idNumber: 'E12345678',
      phone: '13812345678',
      relationship: 'PARENT',
      birthDate: '1899-12-31',
      sex: 'MALE',
    });
    expectError(profile, 400, 'VALIDATION_FAILED');
    expect(paths(profile)).toEqual(['body.birthDate']);
    const doctor = await t.db.prisma.doctor.findUniqueOrThrow({ where: { code: 'D001' } });
    const exception = await t.http
      .post('/api/v1/admin/rosters/exceptions')
      .set(asAdmin())
      .send({ doctorId: doctor.id, date: '0000-01-01', kind: 'DAY_OFF' });
    expectError(exception, 400, 'VALIDATION_FAILED');
    expect(paths(exception)).toEqual(['body.date']);
  });

  test('the last day allowed is answered, not a 500', async () => {
    const department = await t.db.prisma.department.findFirstOrThrow();
    await t.http.get(`/api/v1/slots?departmentId=${department.id}&from=9999-12-31&to=9999-12-31`).expect(200);
    await t.http.get('/api/v1/admin/sessions?date=9999-12-31').set(asAdmin()).expect(200);
  });
});

describe('bodies on GET and DELETE are validated like any other', () => {
  test('malformed JSON on DELETE is 400 MALFORMED_JSON and nothing is deleted', async () => {
    const res = await t.http
      .delete(`/api/v1/me/profiles/${patient.profileId}`)
      .set(patient.auth)
      .set('Content-Type', 'application/json')
      .send('{"force": ');
    expectError(res, 400, 'MALFORMED_JSON');
    await t.http.get(`/api/v1/me/profiles/${patient.profileId}`).set(patient.auth).expect(200);
  });

  test('a body where none is expected is 400 and nothing is deleted', async () => {
    const res = await t.http
      .delete(`/api/v1/me/profiles/${patient.profileId}`)
      .set(patient.auth)
      .send({ force: true });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(paths(res)).toEqual(['body']);
    await t.http.get(`/api/v1/me/profiles/${patient.profileId}`).set(patient.auth).expect(200);
  });

  test('on GET: a body is 400, malformed JSON is 400 MALFORMED_JSON', async () => {
    const body = await t.http
      .get('/api/v1/departments')
      .set('Content-Type', 'application/json')
      .send('{"a":1}');
    expectError(body, 400, 'VALIDATION_FAILED');
    const malformed = await t.http
      .get('/api/v1/departments')
      .set('Content-Type', 'application/json')
      .send('{');
    expectError(malformed, 400, 'MALFORMED_JSON');
  });

  test('an array is not "no body": POST /admin/rosters/generate with [] is 400 and generates nothing', async () => {
    const before = await auditRows();
    const res = await t.http
      .post('/api/v1/admin/rosters/generate')
      .set(asAdmin())
      .set('Content-Type', 'application/json')
      .send('[]');
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(await auditRows()).toBe(before);
  });
});

describe('unknown query parameters are refused on every route', () => {
  test('on a route without a query schema, naming the parameter', async () => {
    const res = await t.http.get('/api/v1/departments?includeInactive=true').set('Accept-Language', 'en');
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details).toEqual([{ path: 'query.includeInactive', message: expect.any(String) }]);
    expect(res.body.error.message).toMatch(/does not take the query parameter\(s\) includeInactive/);
  });

  test('a query schema written without z.strictObject still refuses keys outside its shape', () => {
    const loose = z.object({ page: z.string().optional() }).refine(() => true);
    expect(unknownQueryKeys(loose, { page: '1', pgae: '2' })).toEqual(['pgae']);
    expect(unknownQueryKeys(undefined, { v: '1' })).toEqual(['v']);
  });

  test('DELETE with a query string is refused, and nothing is deleted', async () => {
    const res = await t.http.delete(`/api/v1/me/profiles/${patient.profileId}?force=1`).set(patient.auth);
    expectError(res, 400, 'VALIDATION_FAILED');
    await t.http.get(`/api/v1/me/profiles/${patient.profileId}`).set(patient.auth).expect(200);
  });

  test('the documentation and the H5 app are not API routes: their query strings are left alone', async () => {
    await t.http.get('/api/openapi.json?v=2').expect(200);
    await t.http.get('/api/docs?v=2').expect(200);
  });
});
