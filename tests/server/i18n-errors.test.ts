import { fixedClock } from '../../server/src/core/clock';
import { createTestApp, type TestApp } from '../support/app';
import { createSession, patientWithProfile, payBooking, settleRefunds } from '../support/factories';

/**
 * English is complete (issue 10): a patient reading the app in English gets field errors, names and bills in
 * English, and Chinese by default (docs/decisions/026-english-names-and-field-errors.md).
 */
let t: TestApp;
let auth: { Authorization: string };
beforeAll(async () => {
  t = await createTestApp({ clock: fixedClock('2026-11-23T02:00:00Z') });
  auth = { Authorization: `Bearer ${await t.patientToken('i18n-errors')}` };
}, 60_000);
afterAll(() => t.close());

const EN = { 'Accept-Language': 'en-GB,en;q=0.9' };
const HAN = /\p{Script=Han}/u;

type Issue = { path: string; message: string };
const fields = (body: { error: { details: Issue[] } }) =>
  Object.fromEntries(body.error.details.map((d) => [d.path, d.message]));

const badProfile = {
  name: '',
  idType: 'RESIDENT_ID',
  idNumber: '44030619851012123',
  phone: '1380013',
  relationship: 'SELF',
};

test('a bad profile: every field error in English with Accept-Language: en', async () => {
  const res = await t.http.post('/api/v1/me/profiles').set(auth).set(EN).send(badProfile).expect(400);
  expect(res.body.error.code).toBe('VALIDATION_FAILED');
  expect(fields(res.body)).toEqual({
    'body.name': 'Enter the patient’s name',
    'body.idNumber': 'A resident ID number has 18 characters: 17 digits and a digit or X',
    'body.phone': 'Enter an 11-digit mainland mobile number',
  });
  expect(res.body.error.message).toBe('Enter the patient’s name');
});

test('the same profile in Chinese by default', async () => {
  const res = await t.http.post('/api/v1/me/profiles').set(auth).send(badProfile).expect(400);
  expect(fields(res.body)).toEqual({
    'body.name': '请输入就诊人姓名',
    'body.idNumber': '身份证号码格式不正确，应为18位',
    'body.phone': '请输入正确的11位手机号码',
  });
  expect(res.body.error.message).toBe('请输入就诊人姓名');
});

test('a bad booking body: zod’s own issues and the contracts’ messages in English, none in Chinese', async () => {
  const res = await t.http
    .post('/api/v1/bookings')
    .set(auth)
    .set(EN)
    .send({ slotId: 'not-a-uuid', profileId: 42, note: 'x' })
    .expect(400);
  const byPath = fields(res.body);
  expect(byPath['body.slotId']).toBe('This id is not in the expected format (a UUID)');
  expect(byPath.body).toMatch(/unrecognized key.*note/i);
  expect(JSON.stringify(res.body)).not.toMatch(HAN);

  const zh = await t.http
    .post('/api/v1/bookings')
    .set(auth)
    .send({ slotId: 'not-a-uuid', profileId: 42, note: 'x' });
  expect(fields(zh.body)['body.slotId']).toBe('编号格式不正确');
  expect(fields(zh.body).body).toMatch(HAN);
});

test('a bad query: a refinement, an unknown parameter and a bad date, in English', async () => {
  const none = await t.http.get('/api/v1/slots').set(EN).expect(400);
  expect(none.body.error.message).toBe('Give a department, a doctor or an exam service');

  const unknown = await t.http.get('/api/v1/search?q=heart&lang=en').set(EN).expect(400);
  expect(fields(unknown.body)).toEqual({
    'query.lang': 'This endpoint does not take this query parameter; remove it',
  });

  const date = await t.http
    .get(`/api/v1/slots?departmentId=${crypto.randomUUID()}&from=1800-01-01`)
    .set(EN)
    .expect(400);
  expect(fields(date.body)['query.from']).toMatch(/^A date must be between 1900-01-01 and /);

  const range = await t.http
    .get(`/api/v1/slots?departmentId=${crypto.randomUUID()}&from=2026-11-23&to=2027-01-23`)
    .set(EN)
    .expect(400);
  expect(fields(range.body)).toEqual({ 'query.to': 'Slots can be listed for at most 31 days at a time' });
  expect(range.body.error.message).toBe('Slots can be listed for at most 31 days at a time');

  const search = await t.http.get('/api/v1/search?q=%20').set(EN).expect(400);
  expect(fields(search.body)).toEqual({ 'query.q': 'Type what to search for' });
  const searchZh = await t.http.get('/api/v1/search?q=%20').expect(400);
  expect(fields(searchZh.body)).toEqual({ 'query.q': '请输入要搜索的内容' });
});

test('a field error a service writes (not a schema) is English too', async () => {
  const key = await t.http
    .post('/api/v1/bookings')
    .set(auth)
    .set({ ...EN, 'Idempotency-Key': 'short' })
    .send({ slotId: crypto.randomUUID(), profileId: crypto.randomUUID() })
    .expect(400);
  expect(key.body.error.message).toBe('An Idempotency-Key has 8 to 128 letters, digits or _.:-');
  expect(fields(key.body)).toEqual({
    'headers.idempotency-key': 'An Idempotency-Key has 8 to 128 letters, digits or _.:-',
  });

  const res = await t.http
    .post('/api/v1/me/profiles')
    .set(auth)
    .set({ ...EN, 'Content-Type': 'application/json' })
    .send('"just a string"')
    .expect(400);
  expect(res.body.error.message).toBe('The request body must be a JSON object');
});

describe('names and bills', () => {
  let patient: Awaited<ReturnType<typeof patientWithProfile>>;
  let visit: string;
  let exam: string;
  beforeAll(async () => {
    patient = await patientWithProfile(t, 'i18n-bills', 880);
    const book = async (opts: { doctorCode?: string; examCode?: string }) => {
      const { slots } = await createSession(t.db, { ...opts, date: '2026-11-25', slots: 1 });
      const res = await t.http
        .post('/api/v1/bookings')
        .set(patient.auth)
        .send({ slotId: slots[0]!.id, profileId: patient.profileId })
        .expect(201);
      await payBooking(t, patient.auth, res.body.id);
      return res.body.id as string;
    };
    visit = await book({ doctorCode: 'D009' }); // 王振华, 普通外科
    exam = await book({ examCode: 'US-ABD' }); // 腹部超声, 超声科
    await t.http.post(`/api/v1/bookings/${visit}/cancel`).set(patient.auth).send({}).expect(200);
    await settleRefunds(t);
  }, 120_000);

  test('a booking carries the English names beside the hospital’s, and its cancel reason in English', async () => {
    const en = await t.http.get(`/api/v1/bookings/${visit}`).set(patient.auth).set(EN).expect(200);
    expect(en.body.department).toMatchObject({ name: '普通外科', nameEn: 'General Surgery' });
    expect(en.body.doctor).toMatchObject({ name: '王振华', nameEn: 'Wang Zhenhua' });
    expect(en.body.cancelReason).toBe('Cancelled by the patient');
    const zh = await t.http.get(`/api/v1/bookings/${visit}`).set(patient.auth).expect(200);
    expect(zh.body.cancelReason).toBe('患者取消预约');
    const slots = await t.http
      .get(`/api/v1/slots?doctorId=${en.body.doctor.id}&from=2026-11-25&to=2026-11-25`)
      .set(EN)
      .expect(200);
    expect(slots.body.items[0]).toMatchObject({ doctorName: '王振华', doctorNameEn: 'Wang Zhenhua' });

    const e = await t.http.get(`/api/v1/bookings/${exam}`).set(patient.auth).set(EN).expect(200);
    expect(e.body.examType).toMatchObject({
      name: '腹部超声（肝胆胰脾）',
      nameEn: 'Abdominal ultrasound (liver, gallbladder, pancreas, spleen)',
    });
    const guidance = await t.http
      .get(`/api/v1/bookings/${exam}/guidance`)
      .set(patient.auth)
      .set(EN)
      .expect(200);
    expect(guidance.body.examNameEn).toBe('Abdominal ultrasound (liver, gallbladder, pancreas, spleen)');
  });

  test('bills in English: the items, the department’s English name, the refund line', async () => {
    const res = await t.http.get('/api/v1/me/bills').set(patient.auth).set(EN).expect(200);
    const byBooking = new Map(res.body.items.map((b: { bookingId: string }) => [b.bookingId, b]));
    expect(byBooking.get(visit)).toMatchObject({
      departmentName: '普通外科',
      departmentNameEn: 'General Surgery',
      item: 'Registration · Wang Zhenhua',
      refundedFen: 3000,
      orders: [
        expect.objectContaining({
          statusLabel: 'Refunded',
          refunds: [expect.objectContaining({ reason: 'Cancelled by the patient', status: 'SUCCEEDED' })],
        }),
      ],
    });
    expect(byBooking.get(exam)).toMatchObject({
      departmentNameEn: 'Ultrasound',
      item: 'Abdominal ultrasound (liver, gallbladder, pancreas, spleen)',
    });

    const zh = await t.http.get('/api/v1/me/bills').set(patient.auth).expect(200);
    const zhVisit = zh.body.items.find((b: { bookingId: string }) => b.bookingId === visit);
    expect(zhVisit).toMatchObject({ item: '王振华 挂号', departmentName: '普通外科' });
    expect(zhVisit.orders[0].refunds[0].reason).toBe('患者取消预约');
  });

  test('the fee list and the exam catalog carry English names', async () => {
    const fees = await t.http.get('/api/v1/fees').set(EN).expect(200);
    expect(fees.body.exams).toContainEqual(
      expect.objectContaining({
        code: 'US-ABD',
        nameEn: 'Abdominal ultrasound (liver, gallbladder, pancreas, spleen)',
        departmentNameEn: 'Ultrasound',
      }),
    );
    const exams = await t.http.get('/api/v1/exam-types').expect(200);
    expect(exams.body.items).toContainEqual(
      expect.objectContaining({ code: 'US-ABD', departmentName: '超声科', departmentNameEn: 'Ultrasound' }),
    );
  });
});
