import { fixedClock } from '../../server/src/core/clock';
import { createTestApp, type TestApp } from '../support/app';
import { createSession, residentId } from '../support/factories';

/**
 * A window or phone booking "by real-name details": the ID number finds the person's existing profile only
 * when the name (and birth date and sex) match too. Otherwise the booking is refused with IDENTITY_MISMATCH —
 * never attached to someone else's profile, and never telling the clerk whose number it is.
 */

const clock = fixedClock('2026-11-23T02:00:00Z'); // Monday 10:00 in Beijing
let t: TestApp;
let clerk: { Authorization: string };
let n = 700;

beforeAll(async () => {
  t = await createTestApp({ clock });
  clerk = { Authorization: `Bearer ${await t.staffToken('clerk')}` };
}, 60_000);
afterAll(() => t.close());

/** A patient who added a profile in the app. */
async function appPatient(profile: Record<string, unknown>) {
  const token = await t.patientToken(`identity-${n++}`);
  const auth = { Authorization: `Bearer ${token}` };
  const res = await t.http
    .post('/api/v1/me/profiles')
    .set(auth)
    .send({ phone: '13800138000', relationship: 'SELF', ...profile })
    .expect(201);
  return { auth, profileId: res.body.id as string };
}

async function freeSlot(doctorCode: string) {
  const { slots } = await createSession(t.db, { doctorCode, date: '2026-11-24', slots: 1, capacity: 3 });
  return slots[0]!.id;
}

const bookByDetails = (slotId: string, patient: Record<string, unknown>, lang?: string) => {
  const req = t.http.post('/api/v1/staff/bookings').set(clerk);
  if (lang) req.set('Accept-Language', lang);
  return req.send({
    slotId,
    channel: 'PHONE',
    patient: { phone: '13900001111', relationship: 'SELF', ...patient },
  });
};

test('the ID number of an existing patient under another name is refused, and the name is not revealed', async () => {
  const idNumber = residentId(1, '19600315');
  const owner = await appPatient({ name: '张秀英', idType: 'RESIDENT_ID', idNumber });
  const slotId = await freeSlot('D008');
  const before = await t.db.prisma.booking.count({ where: { slotId } });

  const res = await bookByDetails(slotId, { name: '李建华', idType: 'RESIDENT_ID', idNumber }).expect(422);
  expect(res.body.error).toMatchObject({
    code: 'IDENTITY_MISMATCH',
    message: '证件号码与姓名等信息不符，请核对就诊人的姓名和证件号码',
  });
  const text = JSON.stringify(res.body);
  for (const revealing of ['张秀英', '张*英', owner.profileId]) expect(text).not.toContain(revealing);
  expect(res.body.error.details).toBeUndefined();

  const en = await bookByDetails(slotId, { name: '李建华', idType: 'RESIDENT_ID', idNumber }, 'en').expect(
    422,
  );
  expect(en.body.error.message).toBe(
    "The name and details do not match this ID number's records; check the patient's name and ID number",
  );

  // Nothing was booked, no profile was added, and the refusal is on record (without personal data).
  expect(await t.db.prisma.booking.count({ where: { slotId } })).toBe(before);
  expect(await t.db.prisma.profile.count({ where: { name: '李建华' } })).toBe(0);
  const audit = await t.db.prisma.auditLog.findFirst({
    where: { action: 'profile.identity_mismatch', entityId: owner.profileId },
  });
  expect(audit).toMatchObject({ actorName: 'clerk', entityType: 'profile', changes: null });
  const mine = await t.http.get('/api/v1/me/bookings').set(owner.auth).expect(200);
  expect(mine.body.items).toEqual([]);
});

test('the same name (written with other spacing or width) books on the existing profile', async () => {
  const idNumber = residentId(2, '19580704');
  const owner = await appPatient({ name: '欧阳明', idType: 'RESIDENT_ID', idNumber });
  const slotId = await freeSlot('D009');
  const res = await bookByDetails(slotId, { name: ' 欧阳 明 ', idType: 'RESIDENT_ID', idNumber }).expect(201);
  expect(res.body.profile).toEqual({ id: owner.profileId, name: '欧阳明' });
  const mine = await t.http.get('/api/v1/me/bookings').set(owner.auth).expect(200);
  expect(mine.body.items.map((b: { id: string }) => b.id)).toEqual([res.body.id]);
});

test('a passport number known with another birth date is refused too', async () => {
  await appPatient({
    name: 'Anna Smith',
    idType: 'PASSPORT',
    idNumber: 'K12345678',
    birthDate: '1990-05-06',
    sex: 'FEMALE',
  });
  const slotId = await freeSlot('D010');
  const passport = { idType: 'PASSPORT', idNumber: 'k12345678', sex: 'FEMALE' };
  const wrong = await bookByDetails(slotId, {
    ...passport,
    name: 'Anna Smith',
    birthDate: '1991-05-06',
  }).expect(422);
  expect(wrong.body.error.code).toBe('IDENTITY_MISMATCH');
  const right = await bookByDetails(slotId, {
    ...passport,
    name: 'ANNA SMITH',
    birthDate: '1990-05-06',
  }).expect(201);
  expect(right.body.profile.name).toBe('Anna Smith');
});

test('an ID number the hospital has never seen adds the patient on a hospital-held account', async () => {
  const slotId = await freeSlot('D011');
  const res = await bookByDetails(slotId, {
    name: '赵新',
    idType: 'RESIDENT_ID',
    idNumber: residentId(3, '19700101'),
  }).expect(201);
  const profile = await t.db.prisma.profile.findUniqueOrThrow({
    where: { id: res.body.profile.id },
    include: { account: true },
  });
  expect(profile.name).toBe('赵新');
  expect(profile.account.openid).toMatch(/^offline:/);
});
