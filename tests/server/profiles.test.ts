import { createTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Valid resident IDs (GB 11643 check digits). */
const IDS = [
  '440306198510121236',
  '310101200002294526',
  '110101201001010015',
  '51010219300505123X',
  '11010519491231002X',
];

const profile = (over: Record<string, unknown> = {}) => ({
  name: '李华',
  idType: 'RESIDENT_ID',
  idNumber: IDS[0],
  phone: '13800138000',
  relationship: 'SELF',
  ...over,
});

async function signIn(name: string) {
  const token = await t.patientToken(name);
  const auth = { Authorization: `Bearer ${token}` };
  return {
    list: () => t.http.get('/api/v1/me/profiles').set(auth),
    create: (body: object) => t.http.post('/api/v1/me/profiles').set(auth).send(body),
    get: (id: string) => t.http.get(`/api/v1/me/profiles/${id}`).set(auth),
    patch: (id: string, body: object) => t.http.patch(`/api/v1/me/profiles/${id}`).set(auth).send(body),
    remove: (id: string) => t.http.delete(`/api/v1/me/profiles/${id}`).set(auth),
  };
}

test('add a profile: birth date and sex come from the ID, ID and phone come back masked', async () => {
  const me = await signIn('masking');
  const res = await me.create(profile()).expect(201);
  expect(res.body).toMatchObject({
    name: '李华',
    idType: 'RESIDENT_ID',
    idNumberMasked: '4****************6',
    phoneMasked: '*******8000',
    birthDate: '1985-10-12',
    sex: 'MALE',
    relationship: 'SELF',
  });
  const listed = await me.list().expect(200);
  expect(listed.body.max).toBe(5);
  const text = JSON.stringify(listed.body);
  expect(text).not.toContain(IDS[0]);
  expect(text).not.toContain('13800138000');
});

test('the owner sees the birth date, so the masked ID hides its birth-date, region and sequence digits', async () => {
  const me = await signIn('mask-vs-birth-date');
  const { body } = await me.create(profile({ idNumber: IDS[4] })).expect(201);
  expect(body.birthDate).toBe('1949-12-31');
  // Only the first and last character: nothing of 110105 (region), 19491231 (birth date) or 002 (sequence).
  expect(body.idNumberMasked).toBe('1****************X');
  expect(body.idNumberMasked).toMatch(/^\d\*{16}[\dX]$/);
});

test('masks stored under the earlier, looser rule are answered with today’s', async () => {
  const me = await signIn('legacy-masks');
  const { body } = await me.create(profile({ idNumber: IDS[2] })).expect(201);
  await t.db.prisma.profile.update({
    where: { id: body.id },
    data: { idNumberMasked: '1101**********0015', phoneMasked: '138****8000' },
  });
  const res = await me.get(body.id).expect(200);
  expect(res.body).toMatchObject({ idNumberMasked: '1****************5', phoneMasked: '*******8000' });
});

test('the database holds no clear ID number or phone', async () => {
  const me = await signIn('at-rest');
  const { body } = await me.create(profile({ idNumber: IDS[1] })).expect(201);
  const rows = await t.db.sql.query<Record<string, unknown>>('SELECT * FROM profile WHERE id = $1', [
    body.id,
  ]);
  const raw = JSON.stringify(rows[0]);
  expect(raw).not.toContain(IDS[1]);
  expect(raw).not.toContain('13800138000');
});

test('a passport profile needs birth date and sex', async () => {
  const me = await signIn('passport');
  const missing = await me.create(profile({ idType: 'PASSPORT', idNumber: 'E12345678' })).expect(400);
  expect(missing.body.error.details.map((d: { path: string }) => d.path)).toEqual(
    expect.arrayContaining(['body.birthDate', 'body.sex']),
  );
  const ok = await me
    .create(
      profile({
        idType: 'PASSPORT',
        idNumber: 'e12345678',
        birthDate: '1990-05-06',
        sex: 'FEMALE',
        name: 'Anna Smith',
      }),
    )
    .expect(201);
  expect(ok.body).toMatchObject({ idNumberMasked: 'E1*****78', birthDate: '1990-05-06', sex: 'FEMALE' });
});

describe('ID-number checks', () => {
  let me: Awaited<ReturnType<typeof signIn>>;
  beforeAll(async () => {
    me = await signIn('id-checks');
  });
  test.each([
    ['wrong check digit', '440306198510121235', '身份证号码校验失败，请核对后重新输入'],
    ['17 digits', '44030619851012123', '身份证号码格式不正确，应为18位'],
    ['old 15-digit number', '440306851012123', '身份证号码格式不正确，应为18位'],
    ['29 Feb in a non-leap year', '440306198502291234', '身份证号码中的出生日期无效'],
    ['birth date in the future', '440306209901011234', '身份证号码中的出生日期无效'],
  ])('%s is refused', async (_label, idNumber, message) => {
    const res = await me.create(profile({ idNumber })).expect(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message });
  });

  test('a lowercase x check character is accepted and normalised', async () => {
    const res = await me.create(profile({ idNumber: IDS[3]!.toLowerCase() })).expect(201);
    expect(res.body.idNumberMasked).toBe('5****************X');
  });

  test('a birth date that disagrees with the ID is refused', async () => {
    const res = await me.create(profile({ idNumber: IDS[2], birthDate: '2010-01-02' })).expect(400);
    expect(res.body.error.details[0]).toEqual({
      path: 'body.birthDate',
      message: '出生日期与证件号码不一致',
    });
  });

  test('a mobile number is checked', async () => {
    const res = await me.create(profile({ idNumber: IDS[4], phone: '1234567' })).expect(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: '请输入正确的11位手机号码' });
  });
});

test('at most 5 profiles per account, and the same ID cannot be added twice', async () => {
  const me = await signIn('family');
  for (const id of IDS) await me.create(profile({ idNumber: id })).expect(201);
  const sixth = await me
    .create(profile({ idType: 'PASSPORT', idNumber: 'G99887766', birthDate: '1970-01-01', sex: 'MALE' }))
    .expect(422);
  expect(sixth.body.error).toMatchObject({ code: 'PROFILE_LIMIT_REACHED' });
  expect(sixth.body.error.message).toContain('最多添加 5 位就诊人');
  const list = await me.list().expect(200);
  expect(list.body.items).toHaveLength(5);

  const { id } = list.body.items[0];
  await me.remove(id).expect(204);
  const dup = await me.create(profile({ idNumber: IDS[1] })).expect(409);
  expect(dup.body.error.code).toBe('PROFILE_DUPLICATE_ID');
  // After removing a profile its ID may be added again.
  await me.create(profile({ idNumber: IDS[0] })).expect(201);
});

test('five concurrent additions to one account never exceed the limit', async () => {
  const me = await signIn('racing-family');
  const results = await Promise.all(
    [...IDS, '110101200001011237'].map((idNumber) => me.create(profile({ idNumber }))),
  );
  const statuses = results.map((r) => r.status).sort();
  expect(statuses.filter((s) => s === 201)).toHaveLength(5);
  expect((await me.list()).body.items).toHaveLength(5);
});

test('edit name, phone and relationship; the ID number cannot be edited', async () => {
  const me = await signIn('editor');
  const { body } = await me.create(profile()).expect(201);
  const res = await me
    .patch(body.id, { name: '李小华', phone: '+86 139-0013-9000', relationship: 'CHILD' })
    .expect(200);
  expect(res.body).toMatchObject({
    name: '李小华',
    phoneMasked: '*******9000',
    relationship: 'CHILD',
    idNumberMasked: body.idNumberMasked,
  });
  const refused = await me.patch(body.id, { idNumber: IDS[1] }).expect(400);
  expect(refused.body.error.code).toBe('VALIDATION_FAILED');
  await me.patch(body.id, {}).expect(400);
});

test('one account can never read, change or remove another account’s profile (404, not 403)', async () => {
  const owner = await signIn('owner');
  const intruder = await signIn('intruder');
  const { body } = await owner.create(profile()).expect(201);

  for (const res of [
    await intruder.get(body.id),
    await intruder.patch(body.id, { name: '黑客' }),
    await intruder.remove(body.id),
  ]) {
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  }
  expect((await intruder.list()).body.items).toEqual([]);
  const still = await owner.get(body.id).expect(200);
  expect(still.body.name).toBe('李华');
});

test('a removed profile is gone for the patient but kept for history', async () => {
  const me = await signIn('remover');
  const { body } = await me.create(profile()).expect(201);
  await me.remove(body.id).expect(204);
  await me.get(body.id).expect(404);
  await me.remove(body.id).expect(404);
  const row = await t.db.prisma.profile.findUnique({ where: { id: body.id } });
  expect(row?.deletedAt).not.toBeNull();
});
