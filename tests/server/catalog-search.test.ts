// The home page's search box: one request answers departments, doctors and exams matching a few words.
import { type CatalogSearchResults, SEARCH_LIMITS } from '@hospital/shared';
import { createTestApp, type TestApp } from '../support/app';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.staffToken('admin');
}, 60_000);
afterAll(() => t.close());

async function search(q: string, language?: string): Promise<CatalogSearchResults> {
  let req = t.http.get('/api/v1/search').query({ q });
  if (language) req = req.set('Accept-Language', language);
  return (await req.expect(200)).body;
}

test('finds doctors by their name, its pinyin, their specialty or their department, with title and department', async () => {
  const byName = await search('周建国');
  expect(byName.doctors).toEqual([
    expect.objectContaining({
      name: '周建国',
      title: 'CHIEF_PHYSICIAN',
      titleLabel: '主任医师',
      departmentName: '心血管内科',
      specialty: expect.stringContaining('冠心病'),
    }),
  ]);
  // The English name is the pinyin, as the hospital publishes it: a patient may type that, in any case.
  expect((await search('zhou JIANGUO')).doctors.map((d) => d.name)).toEqual(['周建国']);
  expect((await search('哮喘')).doctors.map((d) => d.name).sort()).toEqual(['何玉兰', '郑立群'].sort());

  const cardiology = await search('心血管');
  expect(cardiology.departments.map((d) => d.name)).toEqual(['心血管内科']);
  expect(cardiology.doctors.map((d) => d.name)).toEqual(expect.arrayContaining(['周建国', '林晓燕', '陈浩']));
  expect(new Set(cardiology.doctors.map((d) => d.departmentId))).toEqual(
    new Set([cardiology.departments[0]!.id]),
  );
});

test('finds exams by name, English name or code, and departments by their English name', async () => {
  const mri = await search('mri');
  expect(mri.exams.map((e) => e.name)).toContain('头颅磁共振平扫（MRI）');
  expect(mri.exams.every((e) => e.departmentName !== '')).toBe(true);
  const ultrasound = await search('超声');
  expect(ultrasound.departments.map((d) => d.name)).toContain('超声科');
  expect(ultrasound.exams.length).toBeGreaterThan(0);
  expect((await search('cardio')).departments.map((d) => d.name)).toEqual(['心血管内科']);
});

test('answers in the caller’s language: title labels in English with Accept-Language: en', async () => {
  const [doctor] = (await search('周建国', 'en')).doctors;
  expect(doctor!.titleLabel).toBe('Chief physician');
});

test('at most a few of each kind, the closest first: a name that starts with the words before one that contains them', async () => {
  const all = await search('科');
  expect(all.departments).toHaveLength(SEARCH_LIMITS.departments); // 14 of the 16 demo departments end in 科
  expect(all.doctors.length).toBeLessThanOrEqual(SEARCH_LIMITS.doctors);
  expect(all.exams.length).toBeLessThanOrEqual(SEARCH_LIMITS.exams);

  // 内科门诊 sorts last among departments, but its name starts with what was typed.
  await t.http
    .post('/api/v1/admin/departments')
    .set('Authorization', `Bearer ${admin}`)
    .send({ code: 'IMCLINIC', name: '内科门诊', sortOrder: 9999 })
    .expect(201);
  const internal = await search('内科');
  expect(internal.departments[0]!.name).toBe('内科门诊');
  expect(internal.departments.map((d) => d.name)).toEqual(expect.arrayContaining(['心血管内科', '消化内科']));
});

test('inactive doctors and departments are not found', async () => {
  const [doctor] = (await search('林晓燕')).doctors;
  await t.http
    .patch(`/api/v1/admin/doctors/${doctor!.id}`)
    .set('Authorization', `Bearer ${admin}`)
    .send({ active: false })
    .expect(200);
  expect((await search('林晓燕')).doctors).toEqual([]);

  const [skin] = (await search('皮肤科')).departments;
  await t.http
    .patch(`/api/v1/admin/departments/${skin!.id}`)
    .set('Authorization', `Bearer ${admin}`)
    .send({ active: false })
    .expect(200);
  const gone = await search('皮肤');
  expect(gone.departments).toEqual([]);
  expect(gone.doctors.map((d) => d.name)).not.toContain('韩素芬'); // 皮肤科's doctor
});

test('what is typed is searched for as it is: % and _ are not wildcards', async () => {
  for (const q of ['%', '_', '\\', '心%科']) {
    expect(await search(q)).toEqual({ departments: [], doctors: [], exams: [] });
  }
});

test('refuses an empty or over-long query, and unknown parameters', async () => {
  for (const query of [{}, { q: '' }, { q: '   ' }, { q: '心'.repeat(41) }, { q: '心', limit: '5' }]) {
    const res = await t.http.get('/api/v1/search').query(query).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  }
});
