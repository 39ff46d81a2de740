import { randomUUID } from 'node:crypto';
import type { AuditEntry, Department, Doctor, ExamType, Hospital, Room } from '@hospital/shared';
import { createTestApp, type TestApp } from '../support/app';

let t: TestApp;
const tokens: Record<'admin' | 'scheduler' | 'clerk' | 'doctor' | 'patient', string> = {
  admin: '',
  scheduler: '',
  clerk: '',
  doctor: '',
  patient: '',
};

beforeAll(async () => {
  t = await createTestApp();
  for (const who of ['admin', 'scheduler', 'clerk', 'doctor'] as const) tokens[who] = await t.staffToken(who);
  tokens.patient = await t.patientToken('catalog-admin-patient');
}, 60_000); // five Argon2 sign-ins; generous so a loaded machine does not fail the suite
afterAll(() => t.close());

const bearer = (who: keyof typeof tokens) => ({ Authorization: `Bearer ${tokens[who]}` });

function get(path: string, who: keyof typeof tokens = 'admin') {
  return t.http.get(path).set(bearer(who));
}
function post(path: string, body: object, who: keyof typeof tokens = 'admin') {
  return t.http.post(path).set(bearer(who)).send(body);
}
function patch(path: string, body: object, who: keyof typeof tokens = 'admin') {
  return t.http.patch(path).set(bearer(who)).send(body);
}

async function auditOf(entityType: string, entityId: string): Promise<AuditEntry[]> {
  const res = await get(
    `/api/v1/admin/audit?entityType=${entityType}&entityId=${entityId}&pageSize=200`,
  ).expect(200);
  return res.body.items;
}
async function auditTotal(): Promise<number> {
  return (await get('/api/v1/admin/audit?pageSize=1').expect(200)).body.total;
}
async function counts() {
  const p = t.db.prisma;
  return {
    departments: await p.department.count(),
    doctors: await p.doctor.count(),
    rooms: await p.room.count(),
    examTypes: await p.examType.count(),
    audit: await p.auditLog.count(),
  };
}
async function publicDepartments(): Promise<Department[]> {
  return (await t.http.get('/api/v1/departments').expect(200)).body.items;
}
async function departmentId(code: string): Promise<string> {
  return (await t.db.prisma.department.findFirstOrThrow({ where: { code } })).id;
}
async function hospital(): Promise<Hospital> {
  return (await t.http.get('/api/v1/hospital').expect(200)).body;
}

describe('departments', () => {
  let geri: Department;

  it('creates a department (201) that then appears in the public list in its sort position', async () => {
    const res = await post(
      '/api/v1/admin/departments',
      {
        code: 'GERI',
        name: '老年医学科',
        nameEn: 'Geriatrics',
        description: '老年综合评估、多病共存管理',
        location: '门诊楼2层E区',
        sortOrder: 55,
      },
      'scheduler',
    ).expect(201);
    geri = res.body;
    expect(geri).toMatchObject({
      code: 'GERI',
      name: '老年医学科',
      sortOrder: 55,
      active: true,
      doctorCount: 0,
    });
    const list = await publicDepartments();
    const codes = list.map((d) => d.code);
    expect(codes).toContain('GERI');
    // sortOrder 55 sits between 骨科 (50) and 儿科 (60).
    expect(codes.indexOf('GERI')).toBe(codes.indexOf('ORTHO') + 1);
    expect(codes.indexOf('PED')).toBe(codes.indexOf('GERI') + 1);
  });

  it('refuses a duplicate code with 409 ALREADY_EXISTS and writes nothing, not even an audit entry', async () => {
    const before = await counts();
    const res = await post('/api/v1/admin/departments', { code: 'CARDIO', name: '另一个心内科' }).expect(409);
    expect(res.body.error.code).toBe('ALREADY_EXISTS');
    expect(await counts()).toEqual(before);
    const cardio = await t.db.prisma.department.findFirstOrThrow({ where: { code: 'CARDIO' } });
    expect(cardio.name).toBe('心血管内科');
  });

  it('PATCH of { name } changes only the name; other fields keep their values', async () => {
    const res = await patch(`/api/v1/admin/departments/${geri.id}`, { name: '老年病科' }, 'scheduler').expect(
      200,
    );
    expect(res.body).toEqual({ ...geri, name: '老年病科' });
    const listed = (await publicDepartments()).find((d) => d.id === geri.id);
    expect(listed).toEqual({ ...geri, name: '老年病科' });
    geri = res.body;
  });

  it('PATCH of { name } does not re-activate a deactivated department', async () => {
    const created = (
      await post('/api/v1/admin/departments', {
        code: 'SLEEP',
        name: '睡眠门诊',
        sortOrder: 9000,
        active: false,
      }).expect(201)
    ).body as Department;
    expect((await publicDepartments()).map((d) => d.code)).not.toContain('SLEEP');
    const res = await patch(`/api/v1/admin/departments/${created.id}`, { name: '睡眠医学门诊' }).expect(200);
    expect(res.body).toMatchObject({ active: false, sortOrder: 9000, description: '' });
    expect((await publicDepartments()).map((d) => d.code)).not.toContain('SLEEP');
    const admin = (await get('/api/v1/admin/departments?includeInactive=true').expect(200)).body
      .items as Department[];
    expect(admin.find((d) => d.code === 'SLEEP')).toMatchObject({ name: '睡眠医学门诊', active: false });
  });

  it('audits the creation with the new values', async () => {
    const entries = await auditOf('department', geri.id);
    const create = entries.filter((e) => e.action === 'department.create');
    expect(create).toHaveLength(1);
    expect(create[0]).toMatchObject({ actorType: 'staff', actorName: 'scheduler', entityId: geri.id });
    expect(create[0]!.changes).toMatchObject({
      code: { from: null, to: 'GERI' },
      name: { from: null, to: '老年医学科' },
      sortOrder: { from: null, to: 55 },
    });
  });

  it('audits the update with exactly the changed field', async () => {
    const update = (await auditOf('department', geri.id)).filter((e) => e.action === 'department.update');
    expect(update).toHaveLength(1);
    expect(update[0]).toMatchObject({ actorType: 'staff', actorName: 'scheduler', entityId: geri.id });
    // Only the name was sent and only the name changed: no derived field (doctorCount) may show up as a change.
    expect(update[0]!.changes).toEqual({ name: { from: '老年医学科', to: '老年病科' } });
  });

  it('answers 404 for PATCH of an unknown department and 400 for an unknown field', async () => {
    expect(
      (await patch(`/api/v1/admin/departments/${randomUUID()}`, { name: '无' }).expect(404)).body.error.code,
    ).toBe('NOT_FOUND');
    const res = await patch(`/api/v1/admin/departments/${geri.id}`, { name: 'x', colour: 'red' }).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const row = await t.db.prisma.department.findUniqueOrThrow({ where: { id: geri.id } });
    expect(row.name).toBe('老年病科');
  });
});

describe('doctors', () => {
  let doctor: Doctor;
  let gi: string;

  beforeAll(async () => {
    gi = await departmentId('GI');
  });

  it('creates a doctor (201) who appears in the public department list with the category fee', async () => {
    const before = (await publicDepartments()).find((d) => d.id === gi)!.doctorCount;
    const res = await post(
      '/api/v1/admin/doctors',
      {
        code: 'D900',
        departmentId: gi,
        name: '钱立新',
        title: 'ASSOCIATE_CHIEF_PHYSICIAN',
        feeCategory: 'EXPERT',
        specialty: '炎症性肠病',
        bio: '从事消化内科临床工作15年。',
      },
      'scheduler',
    ).expect(201);
    doctor = res.body;
    expect(doctor).toMatchObject({
      code: 'D900',
      departmentName: '消化内科',
      titleLabel: '副主任医师',
      feeFen: 3000,
      active: true,
      // Neither given: the Chinese name and the default picture.
      nameEn: null,
      photoUrl: null,
    });
    const listed = (await t.http.get(`/api/v1/departments/${gi}/doctors`).expect(200)).body.items as Doctor[];
    expect(listed.find((d) => d.id === doctor.id)).toEqual(doctor);
    expect((await publicDepartments()).find((d) => d.id === gi)!.doctorCount).toBe(before + 1);
  });

  it('refuses a duplicate doctor code with 409 and writes nothing', async () => {
    const before = await counts();
    const res = await post('/api/v1/admin/doctors', {
      code: 'D001',
      departmentId: gi,
      name: '重复',
      title: 'RESIDENT_PHYSICIAN',
      feeCategory: 'GENERAL',
    }).expect(409);
    expect(res.body.error.code).toBe('ALREADY_EXISTS');
    expect(await counts()).toEqual(before);
  });

  it('refuses a doctor in a department that does not exist with a 4xx (not 500) and writes nothing', async () => {
    const before = await counts();
    const res = await post('/api/v1/admin/doctors', {
      code: 'D901',
      departmentId: randomUUID(),
      name: '无科室',
      title: 'RESIDENT_PHYSICIAN',
      feeCategory: 'GENERAL',
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(['VALIDATION_FAILED', 'NOT_FOUND']).toContain(res.body.error.code);
    expect(await counts()).toEqual(before);
    expect(await t.db.prisma.doctor.findUnique({ where: { code: 'D901' } })).toBeNull();
  });

  it('refuses moving a doctor to a department that does not exist with a 4xx and changes nothing', async () => {
    const before = await counts();
    const res = await patch(`/api/v1/admin/doctors/${doctor.id}`, { departmentId: randomUUID() });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await counts()).toEqual(before);
    expect((await t.http.get(`/api/v1/doctors/${doctor.id}`).expect(200)).body).toEqual(doctor);
  });

  it('PATCH of { name } changes only the name and is audited with exactly that change', async () => {
    const res = await patch(`/api/v1/admin/doctors/${doctor.id}`, { name: '钱立' }, 'scheduler').expect(200);
    expect(res.body).toEqual({ ...doctor, name: '钱立' });
    const row = await t.db.prisma.doctor.findUniqueOrThrow({ where: { id: doctor.id } });
    expect(row).toMatchObject({
      specialty: '炎症性肠病',
      bio: '从事消化内科临床工作15年。',
      active: true,
      feeFenOverride: null,
    });
    doctor = res.body;

    const update = (await auditOf('doctor', doctor.id)).filter((e) => e.action === 'doctor.update');
    expect(update).toHaveLength(1);
    expect(update[0]).toMatchObject({
      actorType: 'staff',
      actorName: 'scheduler',
      entityType: 'doctor',
      entityId: doctor.id,
    });
    expect(update[0]!.actorId).toBeTruthy();
    expect(update[0]!.changes).toEqual({ name: { from: '钱立新', to: '钱立' } });
  });

  it("sets and clears a doctor's English name and photo (a URL or a storage key), refusing anything else", async () => {
    const url = 'https://cdn.example.com/doctors/d900.jpg';
    const set = await patch(`/api/v1/admin/doctors/${doctor.id}`, { nameEn: 'Qian Lixin', photoUrl: url });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ ...doctor, nameEn: 'Qian Lixin', photoUrl: url });
    const key = 'doctors/d900.png';
    const keyed = await patch(`/api/v1/admin/doctors/${doctor.id}`, { photoUrl: key }).expect(200);
    expect((await t.http.get(`/api/v1/doctors/${doctor.id}`).expect(200)).body.photoUrl).toBe(key);
    expect(keyed.body.photoUrl).toBe(key);
    for (const bad of ['javascript:alert(1)', 'doctors/../secrets', 'has space.png']) {
      const res = await patch(`/api/v1/admin/doctors/${doctor.id}`, { photoUrl: bad }).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const cleared = await patch(`/api/v1/admin/doctors/${doctor.id}`, { nameEn: null, photoUrl: null });
    expect(cleared.body).toEqual(doctor);
  });

  it("a fee override changes the doctor's fee, and the audit says so", async () => {
    const res = await patch(`/api/v1/admin/doctors/${doctor.id}`, { feeFenOverride: 6600 }).expect(200);
    expect(res.body).toEqual({ ...doctor, feeFen: 6600 });
    const entry = (await auditOf('doctor', doctor.id)).find(
      (e) => e.action === 'doctor.update' && e.changes && 'feeFenOverride' in e.changes,
    );
    expect(entry).toMatchObject({
      actorName: 'admin',
      changes: { feeFenOverride: { from: null, to: 6600 } },
    });
    expect(Object.keys(entry!.changes!)).toEqual(['feeFenOverride']);
    await patch(`/api/v1/admin/doctors/${doctor.id}`, { feeFenOverride: null }).expect(200);
  });

  it('deactivating a doctor hides them from public lists and their page, but admins still see them', async () => {
    const res = await patch(`/api/v1/admin/doctors/${doctor.id}`, { active: false }).expect(200);
    expect(res.body).toMatchObject({ id: doctor.id, active: false, name: '钱立' });

    const listed = (await t.http.get(`/api/v1/departments/${gi}/doctors`).expect(200)).body.items as Doctor[];
    expect(listed.map((d) => d.id)).not.toContain(doctor.id);
    const one = await t.http.get(`/api/v1/doctors/${doctor.id}`).expect(404);
    expect(one.body.error.code).toBe('NOT_FOUND');

    const adminDefault = (await get('/api/v1/admin/doctors').expect(200)).body.items as Doctor[];
    expect(adminDefault.map((d) => d.id)).not.toContain(doctor.id);
    const adminAll = (await get('/api/v1/admin/doctors?includeInactive=true').expect(200)).body
      .items as Doctor[];
    expect(adminAll.find((d) => d.id === doctor.id)).toMatchObject({ active: false, name: '钱立' });

    const entry = (await auditOf('doctor', doctor.id)).find((e) => e.changes && 'active' in e.changes);
    expect(entry!.changes).toEqual({ active: { from: true, to: false } });
  });

  it('answers 404 for PATCH of an unknown doctor', async () => {
    const res = await patch(`/api/v1/admin/doctors/${randomUUID()}`, { name: '无' }).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

describe('rooms', () => {
  let room: Room;

  it('creates a room (201) that the admin list shows', async () => {
    const res = await post('/api/v1/admin/rooms', {
      code: 'R-GI-9',
      name: '消化内科9诊室',
      kind: 'CONSULTING',
      departmentId: await departmentId('GI'),
      building: '门诊楼',
      floor: '2层',
      location: 'B区走廊尽头',
    }).expect(201);
    room = res.body;
    expect(room).toMatchObject({ code: 'R-GI-9', kind: 'CONSULTING', building: '门诊楼', active: true });
    const list = (await get('/api/v1/admin/rooms').expect(200)).body.items as Room[];
    expect(list.find((r) => r.id === room.id)).toEqual(room);
  });

  it('refuses a duplicate room code with 409 and writes nothing', async () => {
    const before = await counts();
    const res = await post('/api/v1/admin/rooms', { code: 'R-GI-9', name: '重复', kind: 'EXAM' }).expect(409);
    expect(res.body.error.code).toBe('ALREADY_EXISTS');
    expect(await counts()).toEqual(before);
  });

  it('refuses a room in a department that does not exist with a 4xx and writes nothing', async () => {
    const before = await counts();
    const res = await post('/api/v1/admin/rooms', {
      code: 'R-NOWHERE',
      name: '无科室诊室',
      kind: 'CONSULTING',
      departmentId: randomUUID(),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await counts()).toEqual(before);
  });

  it('PATCH of { name } keeps where the room is', async () => {
    const res = await patch(`/api/v1/admin/rooms/${room.id}`, { name: '消化内科九诊室' }, 'scheduler').expect(
      200,
    );
    expect(res.body).toEqual({ ...room, name: '消化内科九诊室' });
    const entry = (await auditOf('room', room.id)).find((e) => e.action === 'room.update');
    expect(entry!.changes).toEqual({ name: { from: '消化内科9诊室', to: '消化内科九诊室' } });
  });

  it('deactivated rooms leave the default admin list but stay under includeInactive', async () => {
    await patch(`/api/v1/admin/rooms/${room.id}`, { active: false }).expect(200);
    const active = (await get('/api/v1/admin/rooms').expect(200)).body.items as Room[];
    expect(active.map((r) => r.id)).not.toContain(room.id);
    const all = (await get('/api/v1/admin/rooms?includeInactive=true').expect(200)).body.items as Room[];
    expect(all.find((r) => r.id === room.id)).toMatchObject({ active: false, building: '门诊楼' });
  });
});

describe('exam types', () => {
  let exam: ExamType;
  const base = async () => ({
    name: '甲状腺超声',
    category: 'IMAGING',
    departmentId: await departmentId('US'),
    feeFen: 9000,
    durationMinutes: 15,
    building: '医技楼',
    floor: '2层',
    room: '超声3室',
    route: '经2楼连廊进入医技楼',
    fastingHours: null,
    arriveEarlyMinutes: 20,
    preparationNotes: '穿低领上衣',
    whatToExpect: '平躺，颈部涂耦合剂',
    resultReadyMinutes: 60,
    resultReadyText: '检查后约1小时取报告',
  });

  it('creates an exam type (201) that the public list and detail show', async () => {
    const res = await post(
      '/api/v1/admin/exam-types',
      { code: 'US-THY-X', ...(await base()) },
      'scheduler',
    ).expect(201);
    exam = res.body;
    expect(exam).toMatchObject({
      code: 'US-THY-X',
      departmentName: '超声科',
      location: { building: '医技楼', floor: '2层', room: '超声3室' },
      preparation: { arriveEarlyMinutes: 20, notes: '穿低领上衣', waterMl: null, waterMinutesBefore: null },
    });
    const list = (await t.http.get('/api/v1/exam-types').expect(200)).body.items as ExamType[];
    expect(list.find((e) => e.id === exam.id)).toEqual(exam);
    expect((await t.http.get('/api/v1/exam-types/US-THY-X').expect(200)).body).toEqual(exam);
  });

  it('refuses a duplicate exam code with 409 and writes nothing', async () => {
    const before = await counts();
    const res = await post('/api/v1/admin/exam-types', { code: 'US-ABD', ...(await base()) }).expect(409);
    expect(res.body.error.code).toBe('ALREADY_EXISTS');
    expect(await counts()).toEqual(before);
  });

  it('refuses water to drink without the time to drink it (400), on create and on PATCH', async () => {
    const before = await counts();
    const created = await post('/api/v1/admin/exam-types', {
      code: 'US-BLADDER-X',
      ...(await base()),
      waterMl: 500,
    });
    expect(created.status).toBe(400);
    expect(created.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(created.body.error.details)).toContain('waterMinutesBefore');

    const patched = await patch(`/api/v1/admin/exam-types/${exam.id}`, { waterMl: 500 });
    expect(patched.status).toBe(400);
    expect(patched.body.error.code).toBe('VALIDATION_FAILED');
    expect(await counts()).toEqual(before);
    expect((await t.http.get('/api/v1/exam-types/US-THY-X').expect(200)).body).toEqual(exam);
  });

  it('accepts water and time together', async () => {
    const res = await patch(`/api/v1/admin/exam-types/${exam.id}`, {
      waterMl: 300,
      waterMinutesBefore: 30,
    }).expect(200);
    expect(res.body.preparation).toMatchObject({ waterMl: 300, waterMinutesBefore: 30 });
    exam = res.body;
  });

  it('PATCH of { name } keeps the guidance', async () => {
    const res = await patch(`/api/v1/admin/exam-types/${exam.id}`, { name: '甲状腺及颈部淋巴结超声' }).expect(
      200,
    );
    expect(res.body).toEqual({ ...exam, name: '甲状腺及颈部淋巴结超声' });
    const entry = (await auditOf('exam_type', exam.id)).find(
      (e) => e.action === 'exam_type.update' && e.changes && 'name' in e.changes,
    );
    expect(entry!.changes).toEqual({ name: { from: '甲状腺超声', to: '甲状腺及颈部淋巴结超声' } });
  });
});

// docs/decisions/017-guidance-from-fields.md: the free text is checked against the fields when saved.
describe('exam guidance text against its fields', () => {
  const fasting = async () => ({
    name: '腹部超声（测试）',
    category: 'IMAGING',
    departmentId: await departmentId('US'),
    feeFen: 12000,
    durationMinutes: 15,
    fastingHours: 8,
    fastingWater: 'SIPS',
    preparationNotes: '检查前8小时禁食，当日早晨不要喝水。',
    resultReadyMinutes: 60,
    resultReadyText: '检查后约1小时在分诊台领取报告。',
  });

  it('refuses notes that forbid water while the fields allow sips (422) and writes nothing', async () => {
    const before = await counts();
    const audit = await auditTotal();
    const res = await post('/api/v1/admin/exam-types', { code: 'US-GUIDE-X', ...(await fasting()) }).expect(
      422,
    );
    expect(res.body.error.code).toBe('GUIDANCE_CONTRADICTS_FIELDS');
    expect(res.body.error.message).toContain('不可饮水');
    expect(res.body.error.details).toEqual([
      { path: 'body.preparationNotes', rule: 'NO_WATER_TEXT', message: expect.stringContaining('禁水') },
    ]);
    expect(await counts()).toEqual(before);
    expect(await auditTotal()).toBe(audit);
  });

  it('accepts the same notes with nothing to drink while fasting', async () => {
    const res = await post('/api/v1/admin/exam-types', {
      code: 'US-GUIDE-X',
      ...(await fasting()),
      fastingWater: 'NONE',
    }).expect(201);
    expect(res.body.preparation).toMatchObject({ fastingHours: 8, fastingWater: 'NONE', noWaterHours: null });
    expect(res.body.resultReadyMinutes).toBe(60);
  });

  it('refuses a PATCH whose results text states another time than the field, in English when asked', async () => {
    const id = (await get('/api/v1/exam-types/US-GUIDE-X').expect(200)).body.id as string;
    const res = await t.http
      .patch(`/api/v1/admin/exam-types/${id}`)
      .set(bearer('admin'))
      .set('accept-language', 'en')
      .send({ resultReadyText: '检查后30分钟内在分诊台领取报告。' })
      .expect(422);
    expect(res.body.error.code).toBe('GUIDANCE_CONTRADICTS_FIELDS');
    expect(res.body.error.message).toMatch(/result time is 1 h/);
    expect(res.body.error.details[0]).toMatchObject({
      path: 'body.resultReadyText',
      rule: 'RESULT_TIME_DIFFERS',
    });

    // Both together agree: saved.
    const ok = await patch(`/api/v1/admin/exam-types/${id}`, {
      resultReadyMinutes: 30,
      resultReadyText: '检查后30分钟内在分诊台领取报告。',
    }).expect(200);
    expect(ok.body.resultReadyMinutes).toBe(30);
  });

  it('refuses text that sends patients to a section the mini-program does not have', async () => {
    const id = (await get('/api/v1/exam-types/US-GUIDE-X').expect(200)).body.id as string;
    const res = await patch(`/api/v1/admin/exam-types/${id}`, {
      resultReadyText: '检查后30分钟内可在小程序“报告查询”查看。',
    }).expect(422);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ path: 'body.resultReadyText', rule: 'UNKNOWN_APP_SECTION' }),
    ]);
  });

  it('refuses fasting text with no fasting hours, and fasting hours without the water rule (400)', async () => {
    const id = (await get('/api/v1/exam-types/US-GUIDE-X').expect(200)).body.id as string;
    const noHours = await patch(`/api/v1/admin/exam-types/${id}`, {
      fastingHours: null,
      fastingWater: null,
    }).expect(422);
    expect(noHours.body.error.details[0]).toMatchObject({ rule: 'FASTING_WITHOUT_HOURS' });

    const created = await post('/api/v1/admin/exam-types', {
      code: 'US-GUIDE-Y',
      ...(await fasting()),
      fastingWater: undefined,
      preparationNotes: null,
    }).expect(400);
    expect(created.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(created.body.error.details)).toContain('fastingWater');
  });
});

describe('hospital rules', () => {
  it('PATCH of one rule changes only that rule', async () => {
    const before = await hospital();
    const res = await patch('/api/v1/admin/hospital', { rules: { booking: { holdMinutes: 20 } } }).expect(
      200,
    );
    expect(res.body.rules.booking.holdMinutes).toBe(20);
    expect(res.body.rules.booking.windowDays).toBe(7);
    const after = await hospital();
    expect(after.rules).toEqual({ ...before.rules, booking: { ...before.rules.booking, holdMinutes: 20 } });
    expect(after.name).toBe(before.name);
  });

  it('a changed rule survives a later patch of another group', async () => {
    await patch('/api/v1/admin/hospital', { rules: { queue: { lateGraceMinutes: 20 } } }).expect(200);
    const after = await hospital();
    expect(after.rules.booking.holdMinutes).toBe(20);
    expect(after.rules.booking.windowDays).toBe(7);
    expect(after.rules.queue.lateGraceMinutes).toBe(20);
    expect(after.rules.queue.skipAfterCalls).toBe(3);
  });

  it('a changed rule survives a later patch of another rule in the same group', async () => {
    await patch('/api/v1/admin/hospital', { rules: { booking: { windowDays: 10 } } }).expect(200);
    const after = await hospital();
    expect(after.rules.booking).toMatchObject({ windowDays: 10, holdMinutes: 20, releaseTime: '07:00' });
  });

  it('a changed registration fee survives a later patch of another fee (nested rule)', async () => {
    await patch('/api/v1/admin/hospital', { rules: { fees: { registrationFen: { EXPERT: 5000 } } } }).expect(
      200,
    );
    await patch('/api/v1/admin/hospital', { rules: { fees: { registrationFen: { GENERAL: 2000 } } } }).expect(
      200,
    );
    const after = await hospital();
    expect(after.rules.fees.registrationFen).toEqual({ GENERAL: 2000, EXPERT: 5000, SPECIAL: 10000 });
    // What patients see: an expert doctor's fee follows the hospital's expert fee.
    const gi = await departmentId('GI');
    const doctors = (await t.http.get(`/api/v1/departments/${gi}/doctors`).expect(200)).body
      .items as Doctor[];
    const expert = doctors.find((d) => d.feeCategory === 'EXPERT')!;
    expect(expert.feeFen).toBe(5000);
  });

  it('refuses an out-of-range rule (windowDays 30) with 400 and changes nothing', async () => {
    const before = await hospital();
    const audit = await auditTotal();
    const res = await patch('/api/v1/admin/hospital', {
      rules: { booking: { windowDays: 30, holdMinutes: 25 } },
    }).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(await hospital()).toEqual(before);
    expect(await auditTotal()).toBe(audit);
  });

  it.each([
    [{ rules: { booking: { windowDayz: 5 } } }],
    [{ rules: { parking: { freeMinutes: 60 } } }],
    // A typo inside a nested rule must be refused too, not dropped (and the fees silently reset).
    [{ rules: { fees: { registrationFen: { EXPRT: 5000 } } } }],
    [{ colour: 'blue' }],
  ])('refuses an unknown key with 400: %j', async (body) => {
    const before = await hospital();
    const res = await patch('/api/v1/admin/hospital', body).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(await hospital()).toEqual(before);
  });

  it('audits a rules change as hospital.update by the admin', async () => {
    const h = await t.db.prisma.hospital.findFirstOrThrow();
    await patch('/api/v1/admin/hospital', { rules: { accounts: { maxProfilesPerAccount: 4 } } }).expect(200);
    const entries = await auditOf('hospital', h.id);
    const latest = entries.find(
      (e) =>
        e.action === 'hospital.update' &&
        (e.changes?.rules?.to as Hospital['rules'] | undefined)?.accounts?.maxProfilesPerAccount === 4,
    );
    expect(latest).toMatchObject({ actorName: 'admin', entityType: 'hospital' });
    expect(Object.keys(latest!.changes!)).toEqual(['rules']);
    expect((latest!.changes!.rules!.from as Hospital['rules']).accounts.maxProfilesPerAccount).toBe(5);
  });

  it('scheduler may read the settings but not change them (403)', async () => {
    await get('/api/v1/admin/hospital', 'scheduler').expect(200);
    const before = await hospital();
    const res = await patch(
      '/api/v1/admin/hospital',
      { rules: { booking: { holdMinutes: 30 } } },
      'scheduler',
    ).expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(await hospital()).toEqual(before);
  });
});

describe('who may administer the catalog', () => {
  const deptBody = { code: 'NOPE', name: '不应创建' };

  it.each(['clerk', 'doctor', 'patient'] as const)(
    '%s gets 403 FORBIDDEN and nothing is written',
    async (who) => {
      const before = await counts();
      const cardio = await departmentId('CARDIO');
      const attempts = [
        await get('/api/v1/admin/departments', who),
        await post('/api/v1/admin/departments', deptBody, who),
        await patch(`/api/v1/admin/departments/${cardio}`, { name: '改名' }, who),
        await get('/api/v1/admin/doctors', who),
        await get('/api/v1/admin/rooms', who),
        await get('/api/v1/admin/exam-types', who),
        await patch('/api/v1/admin/hospital', { rules: { booking: { holdMinutes: 5 } } }, who),
        await get('/api/v1/admin/audit', who),
      ];
      for (const res of attempts) {
        expect({ status: res.status, code: res.body.error?.code }).toEqual({
          status: 403,
          code: 'FORBIDDEN',
        });
      }
      expect(await counts()).toEqual(before);
      expect((await t.db.prisma.department.findUniqueOrThrow({ where: { id: cardio } })).name).toBe(
        '心血管内科',
      );
    },
  );

  it('without a token answers 401 UNAUTHENTICATED', async () => {
    const res = await t.http.post('/api/v1/admin/departments').send(deptBody).expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
    expect((await t.http.get('/api/v1/admin/doctors').expect(401)).body.error.code).toBe('UNAUTHENTICATED');
    expect((await t.http.patch('/api/v1/admin/hospital').send({}).expect(401)).body.error.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('scheduler may edit departments', async () => {
    const ent = await departmentId('ENT');
    const res = await patch(
      `/api/v1/admin/departments/${ent}`,
      { location: '门诊楼5层C区（新）' },
      'scheduler',
    ).expect(200);
    expect(res.body).toMatchObject({ code: 'ENT', location: '门诊楼5层C区（新）', name: '耳鼻喉科' });
  });
});
