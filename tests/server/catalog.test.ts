import { randomUUID } from 'node:crypto';
import { type Department, DOCTOR_TITLES, type Doctor, type ExamType, LABELS } from '@hospital/shared';
import { createTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(() => t.close());

async function departments(): Promise<Department[]> {
  const res = await t.http.get('/api/v1/departments').expect(200);
  return res.body.items;
}

async function departmentByCode(code: string): Promise<Department> {
  const found = (await departments()).find((d) => d.code === code);
  if (!found) throw new Error(`no department ${code}`);
  return found;
}

async function doctorsOf(departmentId: string): Promise<Doctor[]> {
  const res = await t.http.get(`/api/v1/departments/${departmentId}/doctors`).expect(200);
  return res.body.items;
}

describe('GET /api/v1/departments', () => {
  it('lists at least 8 active departments, sorted by sortOrder', async () => {
    const items = await departments();
    expect(items.length).toBeGreaterThanOrEqual(8);
    for (const d of items) {
      expect(d.active).toBe(true);
      expect(d.name).not.toBe('');
      expect(d.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const orders = items.map((d) => d.sortOrder);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    // The first clinical departments of the demo hospital come before the exam departments.
    expect(items.map((d) => d.code).slice(0, 3)).toEqual(['CARDIO', 'GI', 'RESP']);
  });

  it('gives each department the number of its active doctors', async () => {
    const items = await departments();
    for (const d of items) {
      const doctors = await doctorsOf(d.id);
      expect({ code: d.code, doctorCount: d.doctorCount }).toEqual({
        code: d.code,
        doctorCount: doctors.length,
      });
    }
    expect(items.find((d) => d.code === 'CARDIO')!.doctorCount).toBeGreaterThan(0);
    // Exam departments have rooms, not doctors.
    expect(items.find((d) => d.code === 'RAD')!.doctorCount).toBe(0);
  });

  it('hides an inactive department from the public list', async () => {
    const ent = await departmentByCode('ENT');
    await t.db.prisma.department.update({ where: { id: ent.id }, data: { active: false } });
    try {
      const codes = (await departments()).map((d) => d.code);
      expect(codes).not.toContain('ENT');
      expect(codes).toContain('CARDIO');
    } finally {
      await t.db.prisma.department.update({ where: { id: ent.id }, data: { active: true } });
    }
  });
});

describe('GET /api/v1/departments/:id/doctors', () => {
  it("returns only that department's doctors, with Chinese title and the hospital fee for their category", async () => {
    const hospital = (await t.http.get('/api/v1/hospital').expect(200)).body;
    const fees = hospital.rules.fees.registrationFen as Record<Doctor['feeCategory'], number>;
    expect(fees).toEqual({ GENERAL: 1500, EXPERT: 3000, SPECIAL: 10000 });

    const cardio = await departmentByCode('CARDIO');
    const doctors = await doctorsOf(cardio.id);
    expect(doctors.length).toBeGreaterThanOrEqual(2);
    for (const d of doctors) {
      expect(d.departmentId).toBe(cardio.id);
      expect(d.departmentName).toBe('心血管内科');
      expect(d.titleLabel).toBe(LABELS['zh-CN'].doctorTitle[d.title]);
      expect(d.titleLabel).toMatch(/医师$/);
      expect(d.feeFen).toBe(fees[d.feeCategory]);
      expect(d.active).toBe(true);
    }
    const zhou = doctors.find((d) => d.code === 'D001')!;
    expect(zhou).toMatchObject({
      name: '周建国',
      nameEn: 'Zhou Jianguo',
      departmentNameEn: 'Cardiology',
      // No demo doctor has a photo: the app shows its default picture.
      photoUrl: null,
      titleLabel: '主任医师',
      feeCategory: 'SPECIAL',
      feeFen: 10000,
    });
  });

  it('labels titles in English for Accept-Language: en, and keeps the enum the same', async () => {
    const cardio = await departmentByCode('CARDIO');
    const en = await t.http
      .get(`/api/v1/departments/${cardio.id}/doctors`)
      .set('Accept-Language', 'en')
      .expect(200);
    const zhou = en.body.items.find((d: Doctor) => d.code === 'D001');
    expect(zhou).toMatchObject({ title: 'CHIEF_PHYSICIAN', titleLabel: 'Chief physician', name: '周建国' });
    // The next request without the header is Chinese again: the locale is per request.
    expect((await t.http.get(`/api/v1/doctors/${zhou.id}`).expect(200)).body.titleLabel).toBe('主任医师');
  });

  it('lists senior doctors first', async () => {
    const doctors = await doctorsOf((await departmentByCode('CARDIO')).id);
    const ranks = doctors.map((d) => DOCTOR_TITLES.indexOf(d.title));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(doctors[0]!.title).toBe('CHIEF_PHYSICIAN');
  });

  it("uses the doctor's own fee when one is set instead of the category fee", async () => {
    const gi = await departmentByCode('GI');
    const [first, ...others] = await doctorsOf(gi.id);
    await t.db.prisma.doctor.update({ where: { id: first!.id }, data: { feeFenOverride: 8800 } });
    try {
      const after = await doctorsOf(gi.id);
      expect(after.find((d) => d.id === first!.id)!.feeFen).toBe(8800);
      // Nobody else's fee moves.
      for (const o of others) expect(after.find((d) => d.id === o.id)!.feeFen).toBe(o.feeFen);
      const one = await t.http.get(`/api/v1/doctors/${first!.id}`).expect(200);
      expect(one.body.feeFen).toBe(8800);
    } finally {
      await t.db.prisma.doctor.update({ where: { id: first!.id }, data: { feeFenOverride: null } });
    }
  });

  it('answers 404 NOT_FOUND for a department that does not exist', async () => {
    const res = await t.http.get(`/api/v1/departments/${randomUUID()}/doctors`).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect(typeof res.body.error.message).toBe('string');
    expect(res.body.error.requestId).toBeTruthy();
  });

  it('answers 400 VALIDATION_FAILED for a malformed id, naming the field', async () => {
    const res = await t.http.get('/api/v1/departments/not-a-uuid/doctors').expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'params.id' })]);
  });
});

describe('GET /api/v1/doctors/:id', () => {
  it('returns the same doctor the department list shows', async () => {
    const [listed] = await doctorsOf((await departmentByCode('PED')).id);
    const res = await t.http.get(`/api/v1/doctors/${listed!.id}`).expect(200);
    expect(res.body).toEqual(listed);
    expect(res.body.bio).not.toBe('');
  });

  it('answers 404 for an unknown doctor and 400 for a malformed id', async () => {
    expect((await t.http.get(`/api/v1/doctors/${randomUUID()}`).expect(404)).body.error.code).toBe(
      'NOT_FOUND',
    );
    expect((await t.http.get('/api/v1/doctors/123').expect(400)).body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('exam types', () => {
  it('lists at least 10 exam types, each with complete guidance', async () => {
    const res = await t.http.get('/api/v1/exam-types').expect(200);
    const items: ExamType[] = res.body.items;
    expect(items.length).toBeGreaterThanOrEqual(10);
    for (const e of items) {
      const where = `${e.code}`;
      expect({ where, building: e.location.building.length > 0 }).toEqual({ where, building: true });
      expect(e.location).toEqual({
        building: expect.any(String),
        floor: expect.any(String),
        room: expect.any(String),
        route: expect.any(String),
      });
      expect(e.preparation).toEqual({
        fastingHours: e.preparation.fastingHours === null ? null : expect.any(Number),
        fastingWater: e.preparation.fastingHours === null ? null : expect.stringMatching(/^(NONE|SIPS)$/),
        noWaterHours: e.preparation.noWaterHours === null ? null : expect.any(Number),
        fullBladder: expect.any(Boolean),
        waterMl: e.preparation.waterMl === null ? null : expect.any(Number),
        waterMinutesBefore: e.preparation.waterMinutesBefore === null ? null : expect.any(Number),
        stopMedication: e.preparation.stopMedication === null ? null : expect.any(String),
        bringPriorFilms: expect.any(Boolean),
        arriveEarlyMinutes: expect.any(Number),
        notes: e.preparation.notes === null ? null : expect.any(String),
      });
      // Water to drink always comes with when to drink it.
      expect(e.preparation.waterMl === null).toBe(e.preparation.waterMinutesBefore === null);
      expect({ where, resultReadyText: e.resultReadyText.length > 0 }).toEqual({
        where,
        resultReadyText: true,
      });
      expect(e.departmentName).not.toBe('');
      expect(e.active).toBe(true);
    }
    const categories = new Set(items.map((e) => e.category));
    expect([...categories].sort()).toEqual(['ENDOSCOPY', 'FUNCTION', 'IMAGING', 'LAB']);
  });

  it('returns one exam type by its code, with its preparation', async () => {
    const res = await t.http.get('/api/v1/exam-types/LAB-FBG-LIPID').expect(200);
    expect(res.body).toMatchObject({
      code: 'LAB-FBG-LIPID',
      name: '空腹血糖及血脂四项',
      category: 'LAB',
      departmentName: '检验科',
      location: { building: '门诊楼', floor: '1层' },
      preparation: { fastingHours: 10, fastingWater: 'SIPS', fullBladder: false, waterMl: null },
      resultReadyMinutes: 240,
    });
    expect(res.body.resultReadyText).toContain('4小时');
  });

  it('answers 404 NOT_FOUND for an unknown code', async () => {
    const res = await t.http.get('/api/v1/exam-types/NO-SUCH-EXAM').expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it.each([['lab-cbc'], ['LAB CBC'], ['A'.repeat(33)], ['_LEADING']])(
    'answers 400 VALIDATION_FAILED for the malformed code %s',
    async (code) => {
      const res = await t.http.get(`/api/v1/exam-types/${encodeURIComponent(code)}`).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details[0].path).toBe('params.code');
    },
  );
});

describe('GET /api/v1/hospital', () => {
  it('returns the name, time zone and the DOMAIN.md default rules', async () => {
    const res = await t.http.get('/api/v1/hospital').expect(200);
    expect(res.body).toMatchObject({ code: 'BJFPH', name: '滨江市第一人民医院', timeZone: 'Asia/Shanghai' });
    expect(res.body.complaintPhone).toBeTruthy();
    // Written out rather than compared with DEFAULT_HOSPITAL_RULES, so a changed default in code is caught.
    expect(res.body.rules).toEqual({
      booking: {
        windowDays: 7,
        releaseTime: '07:00',
        defaultSlotMinutes: 30,
        holdMinutes: 15,
        cancelCutoffMinutes: 120,
        maxPerProfilePerDoctorSession: 1,
        maxPerProfilePerDepartmentDay: 1,
        maxActivePerProfile: 5,
      },
      noShow: { graceMinutes: 60, limit: 3, windowDays: 90, suspensionDays: 90 },
      waitlist: { maxPerProfile: 3, offerHoldMinutes: 30 },
      accounts: { maxProfilesPerAccount: 5 },
      eligibility: { pediatricsMaxAge: 14 },
      queue: {
        checkInOpensMinutesBefore: 60,
        lateGraceMinutes: 15,
        lateInsertAfter: 2,
        skipAfterCalls: 3,
        skipReinsertAfter: 2,
        priorityAge: 80,
      },
      fees: { registrationFen: { GENERAL: 1500, EXPERT: 3000, SPECIAL: 10000 } },
      targets: { satisfactionRate: 0.9, windowWaitMinutes: 10, surveysPerYear: 2000, followUpRate: 0.5 },
    });
  });

  it('is public: no token needed', async () => {
    const res = await t.http.get('/api/v1/hospital');
    expect(res.status).toBe(200);
  });
});

describe('GET /api/v1/notices', () => {
  it('lists the published notices in their display order', async () => {
    const res = await t.http.get('/api/v1/notices').expect(200);
    const items = res.body.items as { id: string; title: string; body: string; publishedAt: string }[];
    expect(items.map((n) => n.title)).toEqual([
      '门诊号源每日07:00释放',
      '老年人就医绿色通道',
      '窗口支持医保电子凭证',
      '就诊停车与交通提示',
    ]);
    for (const n of items) {
      expect(n.body).not.toBe('');
      expect(new Date(n.publishedAt).toISOString()).toBe(n.publishedAt);
    }
  });

  it('leaves out expired notices and notices not yet published', async () => {
    const hospital = await t.db.prisma.hospital.findFirstOrThrow();
    const day = 24 * 3600 * 1000;
    await t.db.prisma.notice.createMany({
      data: [
        {
          hospitalId: hospital.id,
          title: '已过期的通知',
          body: '旧',
          publishedAt: new Date(Date.now() - 10 * day),
          expiresAt: new Date(Date.now() - day),
        },
        {
          hospitalId: hospital.id,
          title: '明天发布的通知',
          body: '新',
          publishedAt: new Date(Date.now() + day),
        },
        {
          hospitalId: hospital.id,
          title: '当前有效的通知',
          body: '有效',
          sortOrder: 1,
          expiresAt: new Date(Date.now() + day),
        },
      ],
    });
    const titles = (await t.http.get('/api/v1/notices').expect(200)).body.items.map(
      (n: { title: string }) => n.title,
    );
    expect(titles).not.toContain('已过期的通知');
    expect(titles).not.toContain('明天发布的通知');
    expect(titles[0]).toBe('当前有效的通知');
  });
});
