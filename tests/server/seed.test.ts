import { DOCTOR_TITLES, FEE_CATEGORIES, ROOM_KINDS, STAFF_ROLES } from '@hospital/shared';
import type { Database } from '../../server/src/db/client';
import { applyMigrations } from '../../server/src/db/migrate';
import { type SeedResult, seedDemoHospital } from '../../server/src/db/seed/seed';
import { createTestApp, type TestApp } from '../support/app';
import { createTestDatabase } from '../support/db';
import { MIGRATIONS_DIR } from '../support/template';

const DEMO_PASSWORD = 'demo1234';
const TABLES = ['hospital', 'notice', 'department', 'doctor', 'room', 'exam_type', 'staff'] as const;
// Argon2 hashing of six demo passwords plus a fresh PGlite: generous limits so a busy machine does not fail.
const SLOW = 120_000;

let db: Database;
let first: SeedResult;
/** The real app on the database this file seeded itself (not the shared template). */
let t: TestApp;

beforeAll(async () => {
  db = await createTestDatabase({ empty: true });
  await applyMigrations(db.sql, MIGRATIONS_DIR);
  first = await seedDemoHospital(db.prisma, { demoPassword: DEMO_PASSWORD });
  t = await createTestApp({ db });
}, SLOW);
afterAll(() => t.close()); // closes `db` too

/** Every row of every seeded table, in a stable order, with every column (timestamps and hashes included). */
async function dump(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) out[table] = await db.sql.query(`SELECT * FROM "${table}" ORDER BY id`);
  return out;
}

describe('seeding an empty database', () => {
  it('reports what it created', () => {
    expect(first.created.hospital).toBe(1);
    expect(first.created.departments).toBeGreaterThanOrEqual(8);
    expect(first.created.doctors).toBeGreaterThanOrEqual(20);
    expect(first.created.rooms).toBeGreaterThan(0);
    expect(first.created.examTypes).toBeGreaterThanOrEqual(10);
    expect(first.created.notices).toBeGreaterThan(0);
    expect(first.created.staff).toBe(STAFF_ROLES.length);
  });

  it('creates one hospital in Asia/Shanghai with the default rules', async () => {
    const hospitals = await db.prisma.hospital.findMany();
    expect(hospitals).toHaveLength(1);
    expect(hospitals[0]).toMatchObject({
      code: 'BJFPH',
      name: '滨江市第一人民医院',
      timeZone: 'Asia/Shanghai',
    });
    expect(hospitals[0]!.rules).toMatchObject({
      booking: { windowDays: 7, releaseTime: '07:00', holdMinutes: 15 },
    });
  });

  it('creates at least 8 departments covering the main specialties, an imaging and a lab department', async () => {
    const departments = await db.prisma.department.findMany({ where: { active: true } });
    expect(departments.length).toBeGreaterThanOrEqual(8);
    expect(departments.length).toBe(first.created.departments);
    const names = departments.map((d) => d.name);
    const has = (pattern: RegExp) => ({
      pattern: String(pattern),
      found: names.some((n) => pattern.test(n)),
    });
    for (const pattern of [
      /内科$/,
      /外科$/,
      /^儿科$/,
      /^妇产科$/,
      /^眼科$/,
      /^口腔科$/,
      /^皮肤科$/,
      /影像|放射/,
      /检验/,
    ]) {
      expect(has(pattern)).toEqual({ pattern: String(pattern), found: true });
    }
    for (const d of departments) {
      expect(d.description).not.toBe('');
      expect(d.location).not.toBe('');
    }
    // Codes are unique within the hospital.
    expect(new Set(departments.map((d) => d.code)).size).toBe(departments.length);
  });

  it('creates at least 20 doctors, each with a title, a fee category and a bio', async () => {
    const doctors = await db.prisma.doctor.findMany({ include: { department: true } });
    expect(doctors.length).toBeGreaterThanOrEqual(20);
    for (const d of doctors) {
      const who = d.code;
      expect({ who, title: DOCTOR_TITLES.includes(d.title) }).toEqual({ who, title: true });
      expect({ who, fee: FEE_CATEGORIES.includes(d.feeCategory) }).toEqual({ who, fee: true });
      expect({ who, bio: d.bio.trim().length > 0 }).toEqual({ who, bio: true });
      expect(d.name).not.toBe('');
      expect(d.department.active).toBe(true);
    }
    // A real roster mixes seniorities and fee categories.
    expect(new Set(doctors.map((d) => d.title)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(doctors.map((d) => d.feeCategory))).toEqual(new Set(FEE_CATEGORIES));
  });

  it('creates rooms of all three kinds', async () => {
    const rooms = await db.prisma.room.findMany();
    expect(new Set(rooms.map((r) => r.kind))).toEqual(new Set(ROOM_KINDS));
  });

  it('creates at least 10 exam types with where-to-go guidance', async () => {
    const exams = await db.prisma.examType.findMany();
    expect(exams.length).toBeGreaterThanOrEqual(10);
    for (const e of exams) {
      expect({ code: e.code, building: e.building !== '', result: e.resultReadyText !== '' }).toEqual({
        code: e.code,
        building: true,
        result: true,
      });
    }
  });

  it('creates exactly one staff account per role, none with the password in clear', async () => {
    const staff = await db.prisma.staff.findMany();
    const byRole = STAFF_ROLES.map((role) => ({
      role,
      accounts: staff.filter((s) => s.roles.includes(role)).length,
    }));
    expect(byRole).toEqual(STAFF_ROLES.map((role) => ({ role, accounts: 1 })));
    for (const s of staff) {
      expect(s.passwordHash).not.toContain(DEMO_PASSWORD);
      expect(s.passwordHash).toMatch(/^\$argon2/);
    }
  });
});

describe('seeding again', () => {
  it(
    'creates nothing and leaves every row exactly as it was',
    async () => {
      const before = await dump();
      expect(before.doctor!.length).toBeGreaterThanOrEqual(20);
      // The comparison covers the columns a careless upsert would touch.
      expect(Object.keys(before.staff![0] as object)).toEqual(
        expect.arrayContaining(['updated_at', 'password_hash']),
      );
      expect(Object.keys(before.doctor![0] as object)).toEqual(expect.arrayContaining(['updated_at', 'bio']));
      const second = await seedDemoHospital(db.prisma, { demoPassword: DEMO_PASSWORD });
      const nonZero = Object.entries(second.created).filter(([, n]) => n !== 0);
      expect(nonZero).toEqual([]);
      expect(await dump()).toEqual(before);
    },
    SLOW,
  );

  it(
    "keeps an admin's edits to demo data",
    async () => {
      await db.prisma.department.update({
        where: { hospitalId_code: await cardioKey() },
        data: { name: '心内科' },
      });
      await seedDemoHospital(db.prisma, { demoPassword: 'another-password' });
      const cardio = await db.prisma.department.findUniqueOrThrow({
        where: { hospitalId_code: await cardioKey() },
      });
      expect(cardio.name).toBe('心内科');
    },
    SLOW,
  );

  it(
    'puts back only what is missing',
    async () => {
      await db.prisma.notice.deleteMany({ where: { title: '老年人就医绿色通道' } });
      const before = await db.prisma.notice.count();
      const result = await seedDemoHospital(db.prisma, { demoPassword: DEMO_PASSWORD });
      expect(Object.entries(result.created).filter(([, n]) => n !== 0)).toEqual([['notices', 1]]);
      expect(await db.prisma.notice.count()).toBe(before + 1);
    },
    SLOW,
  );
});

async function cardioKey() {
  const h = await db.prisma.hospital.findFirstOrThrow();
  return { hospitalId: h.id, code: 'CARDIO' };
}

describe('demo staff through the API', () => {
  it.each([
    ['admin', 'admin'],
    ['scheduler', 'scheduler'],
    ['clerk', 'clerk'],
    ['doctor', 'doctor'],
    ['complaints', 'complaints_officer'],
    ['quality', 'quality_officer'],
  ])(
    '%s signs in with the demo password and holds role %s',
    async (username, role) => {
      const res = await t.http
        .post('/api/v1/auth/staff/login')
        .send({ username, password: DEMO_PASSWORD })
        .expect(200);
      expect(res.body.tokenType).toBe('Bearer');
      expect(res.body.accessToken).toEqual(expect.any(String));
      expect(res.body.staff).toMatchObject({ username, roles: [role] });
      const me = await t.http
        .get('/api/v1/staff/me')
        .set('Authorization', `Bearer ${res.body.accessToken}`)
        .expect(200);
      expect(me.body).toMatchObject({ username, roles: [role] });
    },
    SLOW,
  );

  it(
    'refuses a wrong password',
    async () => {
      const res = await t.http
        .post('/api/v1/auth/staff/login')
        .send({ username: 'admin', password: 'demo12345' })
        .expect(401);
      expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
    },
    SLOW,
  );
});
