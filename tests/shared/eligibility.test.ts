import fs from 'node:fs';
import path from 'node:path';
import {
  ERROR_MESSAGES_WITH,
  ineligibility,
  localDate,
  type Restriction,
  restrictionsFor,
  restrictionText,
} from '@hospital/shared';

const none = { allowedSex: null, minAge: null, maxAge: null };
const obgyn = {
  ...none,
  name: '妇产科',
  nameEn: 'Obstetrics & Gynaecology',
  pediatric: false,
  allowedSex: 'FEMALE' as const,
};
const pediatrics = { ...none, name: '儿科', pediatric: true };
const RULES = { pediatricsMaxAge: 14 };

const man66 = { sex: 'MALE' as const, birthDate: '1960-03-12' };
const girl = { sex: 'FEMALE' as const, birthDate: '2019-06-01' };

describe('restrictionsFor', () => {
  it('leaves out what restricts nothing: [] means anyone', () => {
    expect(
      restrictionsFor(
        { department: { ...none, name: '内科', pediatric: false }, doctor: { ...none, name: '张' } },
        RULES,
      ),
    ).toEqual([]);
  });

  it('gives a pediatric department the hospital age, or its own when lower', () => {
    expect(restrictionsFor({ department: pediatrics }, RULES)).toEqual([
      { scope: 'DEPARTMENT', name: '儿科', nameEn: null, allowedSex: null, minAge: null, maxAge: 14 },
    ]);
    expect(restrictionsFor({ department: { ...pediatrics, maxAge: 6 } }, RULES)[0]?.maxAge).toBe(6);
    expect(restrictionsFor({ department: { ...pediatrics, maxAge: 16 } }, RULES)[0]?.maxAge).toBe(14);
    expect(restrictionsFor({ department: pediatrics }, { pediatricsMaxAge: 17 })[0]?.maxAge).toBe(17);
  });

  it('lists department, doctor and exam in that order', () => {
    const list = restrictionsFor(
      {
        department: obgyn,
        doctor: { ...none, name: '李', minAge: 18 },
        examType: { ...none, name: 'TCT', allowedSex: 'FEMALE' },
      },
      RULES,
    );
    expect(list.map((r) => r.scope)).toEqual(['DEPARTMENT', 'DOCTOR', 'EXAM_TYPE']);
  });
});

describe('ineligibility', () => {
  const at = (owners: Parameters<typeof restrictionsFor>[0]) => restrictionsFor(owners, RULES);

  it('refuses a 66-year-old man at 妇产科 (sex) and 儿科 (age), and accepts a child at 儿科', () => {
    expect(ineligibility(man66, at({ department: obgyn }), '2026-12-01')).toMatchObject({
      reason: 'SEX',
      scope: 'DEPARTMENT',
      name: '妇产科',
      allowedSex: 'FEMALE',
      sex: 'MALE',
      age: 66,
    });
    expect(ineligibility(man66, at({ department: pediatrics }), '2026-12-01')).toMatchObject({
      reason: 'AGE',
      maxAge: 14,
      age: 66,
    });
    expect(ineligibility(girl, at({ department: pediatrics }), '2026-12-01')).toBeNull();
    expect(ineligibility(girl, at({ department: obgyn }), '2026-12-01')).toBeNull();
    expect(ineligibility(man66, [], '2026-12-01')).toBeNull();
  });

  it('counts full years: 14 the day before the 15th birthday, 15 on it', () => {
    const teen = { sex: 'MALE' as const, birthDate: '2011-12-01' };
    const restrictions = at({ department: pediatrics });
    expect(ineligibility(teen, restrictions, '2026-11-30')).toBeNull();
    expect(ineligibility(teen, restrictions, '2026-12-01')).toMatchObject({ reason: 'AGE', age: 15 });
  });

  it('a minimum age is met on the birthday, not the day before', () => {
    const restrictions: Restriction[] = [{ scope: 'DOCTOR', name: '王', nameEn: null, ...none, minAge: 18 }];
    const p = { sex: 'FEMALE' as const, birthDate: '2008-12-01' };
    expect(ineligibility(p, restrictions, '2026-11-30')).toMatchObject({ reason: 'AGE', age: 17 });
    expect(ineligibility(p, restrictions, '2026-12-01')).toBeNull();
  });

  it('counts the visit day in the hospital zone: 00:30 in Shanghai is already the birthday', () => {
    // 2026-12-01 00:30 in Shanghai is still 30 November in UTC (and on a server running in UTC).
    const startsAt = new Date('2026-11-30T16:30:00Z');
    const teen = { sex: 'MALE' as const, birthDate: '2011-12-01' };
    const restrictions = at({ department: pediatrics });
    expect(ineligibility(teen, restrictions, localDate(startsAt, 'UTC'))).toBeNull();
    expect(ineligibility(teen, restrictions, localDate(startsAt, 'Asia/Shanghai'))).toMatchObject({
      reason: 'AGE',
      age: 15,
    });
  });

  it('a 29 February birthday counts from 1 March in common years', () => {
    const leap = { sex: 'FEMALE' as const, birthDate: '2012-02-29' };
    const restrictions: Restriction[] = [
      { scope: 'EXAM_TYPE', name: 'X', nameEn: null, ...none, maxAge: 13 },
    ];
    expect(ineligibility(leap, restrictions, '2026-02-28')).toBeNull();
    expect(ineligibility(leap, restrictions, '2026-03-01')).toMatchObject({ age: 14 });
  });

  it('reports the first restriction broken: department before doctor before exam', () => {
    const refused = ineligibility(
      man66,
      at({ department: obgyn, examType: { ...none, name: 'TCT', allowedSex: 'FEMALE' } }),
      '2026-12-01',
    );
    expect(refused?.scope).toBe('DEPARTMENT');
  });
});

describe('the sentence the patient reads', () => {
  it('states the restriction and what the patient is, in both locales', () => {
    const sex = ineligibility(man66, restrictionsFor({ department: obgyn }, RULES), '2026-12-01')!;
    expect(ERROR_MESSAGES_WITH.NOT_ELIGIBLE(sex)).toEqual({
      zh: '妇产科仅限女性患者，该就诊人为男性，不能预约',
      en: 'Obstetrics & Gynaecology is only for female patients; this patient is male and cannot be booked',
    });
    // Without an English name the English sentence names it as the hospital writes it.
    const age = ineligibility(man66, restrictionsFor({ department: pediatrics }, RULES), '2026-12-01')!;
    expect(ERROR_MESSAGES_WITH.NOT_ELIGIBLE(age)).toEqual({
      zh: '儿科仅限 14 周岁及以下的患者，该就诊人 66 周岁，不能预约',
      en: '儿科 is only for patients aged 14 or younger; this patient is 66 and cannot be booked',
    });
  });

  it('names a doctor by their English name in English, as 某某医生 in Chinese', () => {
    const doctor = { ...none, name: '王振华', nameEn: 'Wang Zhenhua', minAge: 18 };
    const young = { sex: 'FEMALE' as const, birthDate: '2010-01-01' };
    const refused = ineligibility(young, restrictionsFor({ doctor }, RULES), '2026-12-01')!;
    expect(ERROR_MESSAGES_WITH.NOT_ELIGIBLE(refused)).toEqual({
      zh: '王振华医生仅限 18 周岁及以上的患者，该就诊人 16 周岁，不能预约',
      en: 'Wang Zhenhua is only for patients aged 18 or older; this patient is 16 and cannot be booked',
    });
  });

  it('words every kind of range', () => {
    expect(restrictionText({ allowedSex: 'MALE', minAge: 18, maxAge: null }).zh).toBe(
      '仅限 18 周岁及以上的男性患者',
    );
    expect(restrictionText({ allowedSex: null, minAge: 6, maxAge: 12 }).en).toBe(
      'only for patients aged 6 to 12',
    );
  });
});

test('eligibility.ts loads nothing at run time (the mini-program may import it from any package)', () => {
  const source = fs.readFileSync(path.resolve(__dirname, '../../shared/src/eligibility.ts'), 'utf8');
  const runtime = [...source.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;]*?from\s*['"]([^'"]+)['"]/gm)];
  expect(runtime.map((m) => m[1])).toEqual([]);
});
