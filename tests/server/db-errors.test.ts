import type { ERRORS } from '@hospital/shared';
import { fromDatabaseError, sqlStateOf } from '../../server/src/db/errors';
import { createTestApp, type TestApp } from '../support/app';
import { TEST_DB_KIND } from '../support/db';

/**
 * Every class of database refusal a request could reach maps to a 4xx with a code. Validation refuses these
 * values before they reach the database; these tests make the database itself refuse them (through Prisma
 * with its driver adapter, and through the plain SQL executor), on PGlite and on PostgreSQL, and check what
 * the error handler turns them into — and, through HTTP, what a client sees.
 */
let t: TestApp;
let departmentId: string;
beforeAll(async () => {
  t = await createTestApp();
  departmentId = (await t.db.prisma.department.findFirstOrThrow({ orderBy: { code: 'asc' } })).id;
}, 60_000);
afterAll(() => t.close());

async function refusal(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('the database accepted it');
}

type Code = keyof typeof ERRORS;
const prisma = () => t.db.prisma;

const cases: [string, string, () => Promise<unknown>, number, Code][] = [
  [
    'NUL in text (Prisma)',
    '22021',
    () => prisma().department.update({ where: { id: departmentId }, data: { name: 'a\u0000b' } }),
    400,
    'VALIDATION_FAILED',
  ],
  [
    'NUL in jsonb',
    '22P05',
    () => prisma().hospital.updateMany({ data: { rules: { note: 'a\u0000b' } } }),
    400,
    'VALIDATION_FAILED',
  ],
  [
    'bad uuid text (raw query)',
    '22P02',
    () => prisma().$queryRaw`SELECT ${'not-a-uuid'}::uuid`,
    400,
    'VALIDATION_FAILED',
  ],
  [
    'bad JSON text for jsonb',
    '22P02',
    () => prisma().$queryRaw`SELECT ${'{"a":'}::jsonb`,
    400,
    'VALIDATION_FAILED',
  ],
  [
    'integer out of range',
    '22003',
    () => prisma().$queryRaw`SELECT ${'3000000000'}::int`,
    400,
    'VALIDATION_FAILED',
  ],
  [
    'date year 0000',
    '22008',
    () => prisma().$queryRaw`SELECT ${'0000-01-01'}::date`,
    400,
    'VALIDATION_FAILED',
  ],
  [
    'a date in year 0000 (Prisma)',
    '22008',
    () => prisma().clinicSession.findMany({ where: { date: new Date('0000-01-01T00:00:00Z') } }),
    400,
    'VALIDATION_FAILED',
  ],
  [
    'bad datetime text',
    '22007',
    () => prisma().$queryRaw`SELECT ${'not a date'}::timestamptz`,
    400,
    'VALIDATION_FAILED',
  ],
  [
    'datetime field out of range',
    '22008',
    () => prisma().$queryRaw`SELECT ${'2026-13-45'}::timestamptz`,
    400,
    'VALIDATION_FAILED',
  ],
  [
    'string too long',
    '22001',
    () =>
      prisma().$transaction(async (tx) => {
        await tx.$executeRawUnsafe('CREATE TEMP TABLE fuzz_short (v varchar(2)) ON COMMIT DROP');
        await tx.$executeRawUnsafe(`INSERT INTO fuzz_short VALUES ('abc')`);
      }),
    400,
    'VALIDATION_FAILED',
  ],
  [
    'check violation',
    '23514',
    async () => {
      const template = await prisma().rosterTemplate.findFirstOrThrow();
      return prisma().rosterTemplate.update({
        where: { id: template.id },
        data: { startTime: '12:00', endTime: '08:00' },
      });
    },
    422,
    'CONSTRAINT_VIOLATED',
  ],
  [
    'not-null violation',
    '23502',
    () => prisma().$executeRaw`UPDATE department SET name = NULL WHERE id = ${departmentId}::uuid`,
    400,
    'VALIDATION_FAILED',
  ],
  [
    'unique violation',
    '23505',
    async () => {
      const [a, b] = await prisma().department.findMany({ take: 2, orderBy: { code: 'asc' } });
      return prisma().department.update({ where: { id: b!.id }, data: { code: a!.code } });
    },
    409,
    'ALREADY_EXISTS',
  ],
  [
    'foreign-key violation',
    '23503',
    () =>
      prisma().doctor.updateMany({
        where: { code: 'D001' },
        data: { departmentId: '00000000-0000-4000-8000-000000000000' },
      }),
    400,
    'VALIDATION_FAILED',
  ],
];

describe(`database refusals map to 4xx with a code (${TEST_DB_KIND})`, () => {
  test.each(cases)('%s (%s)', async (_label, state, run, status, code) => {
    const error = await refusal(run);
    expect(sqlStateOf(error)).toBe(state);
    const mapped = fromDatabaseError(error);
    expect(mapped).toMatchObject({ status, code });
    expect(mapped!.messageIn('zh-CN').length).toBeGreaterThan(5);
    expect(mapped!.messageIn('en')).toMatch(/[a-z]/);
  });

  test('the plain SQL executor (pg / PGlite errors) maps the same', async () => {
    const error = await refusal(() => t.db.sql.query(`SELECT 'not-a-uuid'::uuid`));
    expect(sqlStateOf(error)).toBe('22P02');
    expect(fromDatabaseError(error)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  test('a record Prisma did not find is a 404', async () => {
    const error = await refusal(() =>
      prisma().department.update({
        where: { id: '00000000-0000-4000-8000-000000000000' },
        data: { name: 'x' },
      }),
    );
    expect(fromDatabaseError(error)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  test('what a client sees when a request meets such a refusal: the status, the code and a message', async () => {
    const original = t.services.catalog.getHospital;
    t.services.catalog.getHospital = (async () => {
      await prisma().department.update({ where: { id: departmentId }, data: { name: 'a\u0000b' } });
    }) as unknown as typeof original;
    try {
      const zh = await t.http.get('/api/v1/hospital').expect(400);
      expect(zh.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: '内容中含有无法保存的字符（例如空字符），请删除后重新提交',
      });
      const en = await t.http.get('/api/v1/hospital').set('Accept-Language', 'en').expect(400);
      expect(en.body.error.message).toMatch(/cannot be stored/);
    } finally {
      t.services.catalog.getHospital = original;
    }
  });
});
