import { residentIdCheckChar } from '@hospital/shared';
import { fixedClock } from '../../server/src/core/clock';
import { createTestApp, type TestApp } from '../support/app';
import { createSession, payBooking, residentId } from '../support/factories';

/**
 * Identity as hospitals accept it (docs/decisions/019-identity-documents.md): five documents, and a child without
 * an ID of their own registered on a guardian's.
 */

const NOW = '2026-11-23T02:00:00Z'; // Monday 10:00 in Beijing
const clock = fixedClock(NOW);
let t: TestApp;
let n = 900;
beforeAll(async () => {
  t = await createTestApp({ clock });
}, 60_000);
afterAll(() => t.close());
beforeEach(() => clock.set(NOW));

async function signIn() {
  const token = await t.patientToken(`identity-docs-${n++}`);
  const auth = { Authorization: `Bearer ${token}` };
  return {
    auth,
    create: (body: object) =>
      t.http
        .post('/api/v1/me/profiles')
        .set(auth)
        .send({ phone: '13800138000', relationship: 'SELF', ...body }),
    list: () => t.http.get('/api/v1/me/profiles').set(auth),
  };
}

const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);
const paths = (res: { body: { error: { details: { path: string }[] } } }) =>
  res.body.error.details.map((d) => d.path);

test('each document is accepted with its own rule and comes back masked its own way', async () => {
  const me = await signIn();
  const adult = { birthDate: '1975-04-02', sex: 'FEMALE' };
  const cases = [
    [{ name: '陈美玲', idType: 'HK_MACAO_PERMIT', idNumber: 'h1234567801', ...adult }, 'H******78'],
    [{ name: '林志明', idType: 'TAIWAN_PERMIT', idNumber: '01234567', ...adult }, '0*****67'],
    [
      { name: 'John Smith', idType: 'FOREIGN_PERMANENT_ID', idNumber: 'usa310185031201', ...adult },
      'U************01',
    ],
  ] as const;
  for (const [body, masked] of cases) {
    const res = await me.create(body).expect(201);
    expect(res.body).toMatchObject({ idType: body.idType, idNumberMasked: masked, guardian: null, ...adult });
  }
  // The 2023 permanent-residence ID carries the birth date and sex, like a resident ID.
  const foreign = withCheck('93184019850315121');
  const res = await me
    .create({ name: 'Maria Lopez', idType: 'FOREIGN_PERMANENT_ID', idNumber: foreign })
    .expect(201);
  expect(res.body).toMatchObject({
    birthDate: '1985-03-15',
    sex: 'MALE',
    idNumberMasked: `9${'*'.repeat(16)}${foreign.at(-1)}`,
  });

  // The issue count after a 回乡证 number is not part of the person's number: the same permit is a duplicate.
  const dup = await me.create({ ...cases[0][0], idNumber: 'H12345678' }).expect(409);
  expect(dup.body.error.code).toBe('PROFILE_DUPLICATE_ID');
});

test('every field error comes at once, each at its field', async () => {
  const me = await signIn();
  const res = await me
    .create({ name: '', idType: 'HK_MACAO_PERMIT', idNumber: 'X123', phone: '12', birthDate: '2999-01-01' })
    .expect(400);
  expect(res.body.error.code).toBe('VALIDATION_FAILED');
  expect(res.body.error.details).toEqual([
    { path: 'body.name', message: '请输入就诊人姓名' },
    { path: 'body.phone', message: '请输入正确的11位手机号码' },
    { path: 'body.idNumber', message: '港澳居民来往内地通行证号码格式不正确，应为H或M加8位数字' },
    { path: 'body.birthDate', message: '出生日期无效，应在1900年1月1日至今天之间' },
    { path: 'body.sex', message: '请选择性别' },
  ]);
});

test('the same field errors in English for an English reader', async () => {
  const me = await signIn();
  const res = await t.http
    .post('/api/v1/me/profiles')
    .set(me.auth)
    .set('Accept-Language', 'en')
    .send({
      name: '李华',
      idType: 'TAIWAN_PERMIT',
      idNumber: '1234',
      phone: '13800138000',
      relationship: 'SELF',
    })
    .expect(400);
  expect(res.body.error.details).toEqual([
    { path: 'body.idNumber', message: 'A Taiwan resident’s Mainland Travel Permit number has 8 digits' },
    { path: 'body.birthDate', message: 'Choose the date of birth' },
    { path: 'body.sex', message: 'Choose the sex' },
  ]);
});

describe('a child without an ID of their own', () => {
  const mother = residentId(41, '19850721');
  const child = (over: Record<string, unknown> = {}) => ({
    name: '王小雨',
    idType: 'CHILD_NO_ID',
    birthDate: '2023-06-18',
    sex: 'FEMALE',
    relationship: 'CHILD',
    guardianName: '王芳',
    guardianIdType: 'RESIDENT_ID',
    guardianIdNumber: mother,
    ...over,
  });

  test('is registered on the guardian’s ID, kept like the profile’s own number, and answered masked', async () => {
    const me = await signIn();
    const res = await me.create(child()).expect(201);
    expect(res.body).toMatchObject({
      name: '王小雨',
      idType: 'CHILD_NO_ID',
      idNumberMasked: null,
      guardian: { name: '王芳', idType: 'RESIDENT_ID', idNumberMasked: `1${'*'.repeat(16)}${mother.at(-1)}` },
      birthDate: '2023-06-18',
      sex: 'FEMALE',
    });
    const row = await t.db.prisma.profile.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row).toMatchObject({
      idNumberHash: null,
      idNumberEnc: null,
      idNumberMasked: null,
      guardianIdType: 'RESIDENT_ID',
    });
    expect(JSON.stringify(row)).not.toContain(mother);
    // The guardian's hash is the one the guardian's own profile has: the two can be found together.
    const own = await me.create({ name: '王芳', idType: 'RESIDENT_ID', idNumber: mother }).expect(201);
    const ownRow = await t.db.prisma.profile.findUniqueOrThrow({ where: { id: own.body.id } });
    expect(row.guardianIdNumberHash).toBe(ownRow.idNumberHash);
  });

  test('the same child twice is a duplicate; a twin (same guardian and birthday, another name) is not', async () => {
    const me = await signIn();
    await me.create(child()).expect(201);
    const again = await me.create(child({ name: ' 王小雨 ' })).expect(409);
    expect(again.body.error.code).toBe('PROFILE_DUPLICATE_ID');
    await me.create(child({ name: '王小雪' })).expect(201);
  });

  test('needs the guardian and the child’s facts; no own number; under 16', async () => {
    const me = await signIn();
    const missing = await me
      .create(
        child({
          idNumber: mother,
          guardianName: undefined,
          guardianIdNumber: 'E1',
          guardianIdType: 'PASSPORT',
          birthDate: undefined,
          sex: undefined,
        }),
      )
      .expect(400);
    expect(paths(missing)).toEqual([
      'body.idNumber',
      'body.guardianName',
      'body.guardianIdNumber',
      'body.birthDate',
      'body.sex',
    ]);
    const old = await me.create(child({ birthDate: '2005-01-01' })).expect(400);
    expect(old.body.error.details).toEqual([
      { path: 'body.birthDate', message: '年满16周岁应使用本人证件，请选择本人的证件类型' },
    ]);
    const noChild = await me
      .create({
        name: '李华',
        idType: 'PASSPORT',
        idNumber: 'E12345678',
        birthDate: '1990-01-01',
        sex: 'MALE',
        guardianName: '王芳',
      })
      .expect(400);
    expect(paths(noChild)).toEqual(['body.guardianName']);
  });

  test('a clerk booking by details finds the same child, and refuses the same child with another sex', async () => {
    const me = await signIn();
    const own = await me.create(child({ guardianIdNumber: residentId(42, '19850721') })).expect(201);
    const clerk = { Authorization: `Bearer ${await t.staffToken('clerk')}` };
    const { slots } = await createSession(t.db, {
      doctorCode: 'D012',
      date: '2026-11-24',
      slots: 1,
      capacity: 3,
    });
    const patient = { ...child({ guardianIdNumber: residentId(42, '19850721') }), phone: '13900001111' };
    const booked = await t.http
      .post('/api/v1/staff/bookings')
      .set(clerk)
      .send({ slotId: slots[0]!.id, channel: 'PHONE', patient: { ...patient, name: '王 小雨' } })
      .expect(201);
    expect(booked.body.profile.id).toBe(own.body.id);
    const wrong = await t.http
      .post('/api/v1/staff/bookings')
      .set(clerk)
      .send({ slotId: slots[0]!.id, channel: 'PHONE', patient: { ...patient, sex: 'MALE' } })
      .expect(422);
    expect(wrong.body.error.code).toBe('IDENTITY_MISMATCH');
    // A child the hospital has never seen is added on a hospital-held account.
    const fresh = await t.http
      .post('/api/v1/staff/bookings')
      .set(clerk)
      .send({ slotId: slots[0]!.id, channel: 'PHONE', patient: { ...patient, name: '王小雪' } })
      .expect(201);
    const row = await t.db.prisma.profile.findUniqueOrThrow({
      where: { id: fresh.body.profile.id },
      include: { account: true },
    });
    expect(row).toMatchObject({ idType: 'CHILD_NO_ID', name: '王小雪' });
    expect(row.account.openid).toMatch(/^offline:/);
  });

  test('no-shows suspend the child who missed them, not a twin on the same guardian’s ID', async () => {
    const me = await signIn();
    const guardianIdNumber = residentId(43, '19850721');
    const missed = await me.create(child({ guardianIdNumber })).expect(201);
    const twin = await me.create(child({ guardianIdNumber, name: '王小雪' })).expect(201);
    for (const code of ['D014', 'D020', 'D026']) {
      const s = await createSession(t.db, { doctorCode: code, date: '2026-11-24', start: '08:00', slots: 1 });
      const res = await t.http
        .post('/api/v1/bookings')
        .set(me.auth)
        .send({ slotId: s.slots[0]!.id, profileId: missed.body.id })
        .expect(201);
      await payBooking(t, me.auth, res.body.id);
    }
    clock.set('2026-11-24T01:31:00Z');
    expect(await t.services.booking.markNoShows()).toBeGreaterThanOrEqual(3);
    const next = await createSession(t.db, { doctorCode: 'D022', date: '2026-11-26', capacity: 2 });
    const refused = await t.http
      .post('/api/v1/bookings')
      .set(me.auth)
      .send({ slotId: next.slots[0]!.id, profileId: missed.body.id })
      .expect(422);
    expect(refused.body.error.code).toBe('BOOKING_SUSPENDED');
    await t.http
      .post('/api/v1/bookings')
      .set(me.auth)
      .send({ slotId: next.slots[0]!.id, profileId: twin.body.id })
      .expect(201);
  });
});
