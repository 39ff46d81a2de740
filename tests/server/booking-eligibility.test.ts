import { fixedClock } from '../../server/src/core/clock';
import { createTestApp, type TestApp } from '../support/app';
import { createSession, residentId } from '../support/factories';

// Eligibility (docs/decisions/018-eligibility.md): 妇产科 female only, 儿科 up to the hospital's pediatric age
// (14 by default), 经腹妇科超声 female only — on every path that gives a place.
// 10:00 in Beijing on Monday 23 Nov 2026; the booking window reaches Sunday 29 Nov.
const clock = fixedClock('2026-11-23T02:00:00Z');
let t: TestApp;
let n = 300;
beforeAll(async () => {
  t = await createTestApp({ clock });
}, 60_000);
afterAll(() => t.close());

/**
 * A patient whose one profile has this birth date and sex (the sex is the ID number's 17th digit: odd for
 * men). The number is unique per call.
 */
async function patient(birth: string, sex: 'MALE' | 'FEMALE') {
  n += 1;
  if ((n % 2 === 1) !== (sex === 'MALE')) n += 1;
  const token = await t.patientToken(`eligible-${n}`);
  const auth = { Authorization: `Bearer ${token}` };
  const res = await t.http
    .post('/api/v1/me/profiles')
    .set(auth)
    .send({
      name: '测试患者',
      idType: 'RESIDENT_ID',
      idNumber: residentId(n, birth.replaceAll('-', '')),
      phone: '13800138000',
      relationship: 'SELF',
    })
    .expect(201);
  expect(res.body).toMatchObject({ sex, birthDate: birth });
  return { auth, token, profileId: res.body.id as string };
}

const book = (auth: Record<string, string>, slotId: string, profileId: string) =>
  t.http.post('/api/v1/bookings').set(auth).send({ slotId, profileId });
const booked = async (slotId: string) =>
  (await t.db.prisma.slot.findUniqueOrThrow({ where: { id: slotId } })).booked;
const admin = async () => ({ Authorization: `Bearer ${await t.staffToken('admin')}` });

describe('booking', () => {
  test('a 66-year-old man is refused at 妇产科 and 儿科 with NOT_ELIGIBLE, in both languages', async () => {
    // In English the refusal names the department by its English name (the demo's 妇产科, 儿科 have one).
    const man = await patient('1960-03-12', 'MALE');
    const obgyn = await createSession(t.db, { doctorCode: 'D017', date: '2026-11-25' });
    const ped = await createSession(t.db, { doctorCode: 'D014', date: '2026-11-25' });

    const atObgyn = await book(man.auth, obgyn.slots[0]!.id, man.profileId).expect(422);
    expect(atObgyn.body.error).toMatchObject({
      code: 'NOT_ELIGIBLE',
      message: '妇产科仅限女性患者，该就诊人为男性，不能预约',
    });
    const atPed = await book(man.auth, ped.slots[0]!.id, man.profileId)
      .set('Accept-Language', 'en')
      .expect(422);
    expect(atPed.body.error).toMatchObject({
      code: 'NOT_ELIGIBLE',
      message: 'Pediatrics is only for patients aged 14 or younger; this patient is 66 and cannot be booked',
    });
    const atObgynEn = await book(man.auth, obgyn.slots[0]!.id, man.profileId)
      .set('Accept-Language', 'en')
      .expect(422);
    expect(atObgynEn.body.error.message).toBe(
      'Obstetrics and Gynecology is only for female patients; this patient is male and cannot be booked',
    );
    expect(await booked(obgyn.slots[0]!.id)).toBe(0);
    expect(await booked(ped.slots[0]!.id)).toBe(0);
  });

  test('a child is booked at 儿科; a woman at 妇产科', async () => {
    const child = await patient('2019-06-01', 'MALE');
    const woman = await patient('1990-05-05', 'FEMALE');
    const ped = await createSession(t.db, { doctorCode: 'D015', date: '2026-11-25' });
    const obgyn = await createSession(t.db, { doctorCode: 'D018', date: '2026-11-25' });
    await book(child.auth, ped.slots[0]!.id, child.profileId).expect(201);
    await book(woman.auth, obgyn.slots[0]!.id, woman.profileId).expect(201);
  });

  test('儿科 takes a patient up to the day before their 15th birthday (the session day, hospital time)', async () => {
    const teen = await patient('2011-11-27', 'FEMALE');
    const before = await createSession(t.db, { doctorCode: 'D016', date: '2026-11-26' });
    const on = await createSession(t.db, { doctorCode: 'D016', date: '2026-11-27' });
    await book(teen.auth, before.slots[0]!.id, teen.profileId).expect(201);
    const refused = await book(teen.auth, on.slots[0]!.id, teen.profileId).expect(422);
    expect(refused.body.error.message).toBe('儿科仅限 14 周岁及以下的患者，该就诊人 15 周岁，不能预约');
  });

  test('an exam restricted by sex refuses the other sex', async () => {
    const man = await patient('1980-01-01', 'MALE');
    const { slots } = await createSession(t.db, { examCode: 'US-PELVIS', date: '2026-11-25' });
    const res = await book(man.auth, slots[0]!.id, man.profileId).expect(422);
    expect(res.body.error).toMatchObject({
      code: 'NOT_ELIGIBLE',
      message: '经腹妇科超声（子宫及附件）仅限女性患者，该就诊人为男性，不能预约',
    });
    const inEnglish = await book(man.auth, slots[0]!.id, man.profileId)
      .set('Accept-Language', 'en')
      .expect(422);
    expect(inEnglish.body.error.message).toBe(
      'Transabdominal pelvic ultrasound is only for female patients; this patient is male and cannot be booked',
    );
  });

  test('the window cannot book an ineligible patient either, not even as 加号', async () => {
    const man = await patient('1958-08-08', 'MALE');
    const { slots } = await createSession(t.db, { doctorCode: 'D019', date: '2026-11-24', capacity: 1 });
    const clerk = { Authorization: `Bearer ${await t.staffToken('clerk')}` };
    for (const extra of [{}, { extraReason: '患者现场要求加号' }]) {
      const res = await t.http
        .post('/api/v1/staff/bookings')
        .set(clerk)
        .send({ slotId: slots[0]!.id, profileId: man.profileId, channel: 'WINDOW', ...extra })
        .expect(422);
      expect(res.body.error.code).toBe('NOT_ELIGIBLE');
    }
    // By real-name details too (a new patient for the window).
    const res = await t.http
      .post('/api/v1/staff/bookings')
      .set(clerk)
      .send({
        slotId: slots[0]!.id,
        channel: 'PHONE',
        patient: {
          name: '赵大爷',
          idType: 'RESIDENT_ID',
          idNumber: residentId(951, '19500101'),
          phone: '13900002222',
          relationship: 'SELF',
        },
      })
      .expect(422);
    expect(res.body.error.code).toBe('NOT_ELIGIBLE');
    expect(await t.db.prisma.slot.findUniqueOrThrow({ where: { id: slots[0]!.id } })).toMatchObject({
      booked: 0,
      extra: 0,
    });
  });
});

describe('waitlist', () => {
  test('an ineligible profile cannot join the waitlist of a full session', async () => {
    const child = await patient('2020-02-02', 'FEMALE');
    const man = await patient('1960-01-01', 'MALE');
    const { session, slots } = await createSession(t.db, {
      doctorCode: 'D014',
      date: '2026-11-26',
      slots: 1,
      capacity: 1,
    });
    await book(child.auth, slots[0]!.id, child.profileId).expect(201);
    const res = await t.http
      .post('/api/v1/waitlist')
      .set(man.auth)
      .send({ sessionId: session.id, profileId: man.profileId })
      .expect(422);
    expect(res.body.error.code).toBe('NOT_ELIGIBLE');
  });

  test('a freed place skips a waiting profile no longer eligible (closed like a limit breach)', async () => {
    const holder = await patient('1985-01-01', 'FEMALE');
    const man = await patient('1975-01-01', 'MALE');
    const woman = await patient('1988-01-01', 'FEMALE');
    const { session, slots } = await createSession(t.db, {
      doctorCode: 'D020',
      date: '2026-11-26',
      slots: 1,
      capacity: 1,
    });
    const held = await book(holder.auth, slots[0]!.id, holder.profileId).expect(201);
    for (const p of [man, woman]) {
      await t.http
        .post('/api/v1/waitlist')
        .set(p.auth)
        .send({ sessionId: session.id, profileId: p.profileId })
        .expect(201);
    }
    // The doctor now sees women only (an admin's change after both joined).
    const doctor = await t.db.prisma.doctor.findUniqueOrThrow({ where: { code: 'D020' } });
    const auth = await admin();
    await t.http
      .patch(`/api/v1/admin/doctors/${doctor.id}`)
      .set(auth)
      .send({ allowedSex: 'FEMALE' })
      .expect(200);
    try {
      await t.http.post(`/api/v1/bookings/${held.body.id}/cancel`).set(holder.auth).send({}).expect(200);
      const mine = async (p: { auth: Record<string, string> }) =>
        (await t.http.get('/api/v1/me/waitlist').set(p.auth).expect(200)).body.items[0].status;
      expect(await mine(man)).toBe('CANCELLED');
      expect(await mine(woman)).toBe('OFFERED');
      const event = await t.db.prisma.domainEvent.findFirst({
        where: { type: 'waitlist.cancelled', payload: { path: ['profileId'], equals: man.profileId } },
      });
      expect(event?.payload).toMatchObject({ cause: 'limit', reason: expect.stringContaining('仅限女性') });
    } finally {
      await t.http
        .patch(`/api/v1/admin/doctors/${doctor.id}`)
        .set(auth)
        .send({ allowedSex: null })
        .expect(200);
    }
  });
});

describe('catalog', () => {
  test('departments, doctors and exams answer their restrictions, resolved with the hospital rule', async () => {
    const departments = (await t.http.get('/api/v1/departments').expect(200)).body.items as {
      code: string;
      id: string;
      pediatric: boolean;
      allowedSex: string | null;
      restrictions: unknown[];
    }[];
    const ped = departments.find((d) => d.code === 'PED')!;
    const obgyn = departments.find((d) => d.code === 'OBGYN')!;
    expect(ped).toMatchObject({ pediatric: true, maxAge: null, allowedSex: null });
    expect(ped.restrictions).toEqual([
      {
        scope: 'DEPARTMENT',
        name: '儿科',
        nameEn: 'Pediatrics',
        allowedSex: null,
        minAge: null,
        maxAge: 14,
      },
    ]);
    expect(obgyn.restrictions).toEqual([
      {
        scope: 'DEPARTMENT',
        name: '妇产科',
        nameEn: 'Obstetrics and Gynecology',
        allowedSex: 'FEMALE',
        minAge: null,
        maxAge: null,
      },
    ]);
    expect(departments.find((d) => d.code === 'CARDIO')!.restrictions).toEqual([]);

    const doctors = (await t.http.get(`/api/v1/departments/${obgyn.id}/doctors`).expect(200)).body.items;
    expect(doctors[0]).toMatchObject({
      allowedSex: null,
      restrictions: [{ scope: 'DEPARTMENT', name: '妇产科' }],
    });
    const exam = (await t.http.get('/api/v1/exam-types/US-PELVIS').expect(200)).body;
    expect(exam).toMatchObject({
      allowedSex: 'FEMALE',
      restrictions: [{ scope: 'EXAM_TYPE', allowedSex: 'FEMALE', name: '经腹妇科超声（子宫及附件）' }],
    });
  });

  test('the pediatric age is the hospital rule: raised to 17, a 16-year-old is booked at 儿科', async () => {
    const auth = await admin();
    const teen = await patient('2010-01-01', 'MALE');
    const { slots } = await createSession(t.db, { doctorCode: 'D014', date: '2026-11-27' });
    expect((await book(teen.auth, slots[0]!.id, teen.profileId).expect(422)).body.error.code).toBe(
      'NOT_ELIGIBLE',
    );
    await t.http
      .patch('/api/v1/admin/hospital')
      .set(auth)
      .send({ rules: { eligibility: { pediatricsMaxAge: 17 } } })
      .expect(200);
    try {
      const ped = (await t.http.get('/api/v1/departments').expect(200)).body.items.find(
        (d: { code: string }) => d.code === 'PED',
      );
      expect(ped.restrictions[0].maxAge).toBe(17);
      await book(teen.auth, slots[0]!.id, teen.profileId).expect(201);
    } finally {
      await t.http
        .patch('/api/v1/admin/hospital')
        .set(auth)
        .send({ rules: { eligibility: { pediatricsMaxAge: 14 } } })
        .expect(200);
    }
  });

  test('admins set restrictions; an empty age range is refused on create and on update', async () => {
    const auth = await admin();
    const created = await t.http
      .post('/api/v1/admin/departments')
      .set(auth)
      .send({ code: 'ANDRO', name: '男科', allowedSex: 'MALE', minAge: 18 })
      .expect(201);
    expect(created.body).toMatchObject({
      allowedSex: 'MALE',
      minAge: 18,
      maxAge: null,
      pediatric: false,
      restrictions: [
        { scope: 'DEPARTMENT', name: '男科', nameEn: null, allowedSex: 'MALE', minAge: 18, maxAge: null },
      ],
    });
    const bad = await t.http
      .post('/api/v1/admin/departments')
      .set(auth)
      .send({ code: 'BAD', name: '错误', minAge: 30, maxAge: 20 })
      .expect(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ path: 'body.maxAge' })]);
    const patched = await t.http
      .patch(`/api/v1/admin/departments/${created.body.id}`)
      .set(auth)
      .send({ maxAge: 10 })
      .expect(400);
    expect(patched.body.error.details).toEqual([
      { path: 'body.maxAge', message: '最大年龄不能小于最小年龄' },
    ]);
    await t.http
      .patch(`/api/v1/admin/departments/${created.body.id}`)
      .set(auth)
      .send({ minAge: null, maxAge: 60 })
      .expect(200);
  });
});
