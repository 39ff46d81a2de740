import { fixedClock } from '../../server/src/core/clock';
import { PRIVACY_POLICY_VERSION } from '../../shared/src/privacy';
import { callJson, createTestApp, type TestApp } from '../support/app';
import { createSession, payBooking, residentId, settleRefunds } from '../support/factories';

const clock = fixedClock('2026-11-23T02:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
}, 60_000);
afterAll(() => t.close());

let n = 900;

/** Signs in through the API as the app does; no consent yet. */
async function signIn(name: string) {
  const res = await t.http
    .post('/api/v1/auth/wechat')
    .send({ code: `dev:${name}` })
    .expect(200);
  const auth = { Authorization: `Bearer ${res.body.accessToken}` };
  return {
    auth,
    accountId: res.body.account.id as string,
    refreshToken: res.body.refreshToken as string,
  };
}

const consent = (auth: Record<string, string>, version = PRIVACY_POLICY_VERSION) =>
  t.http.post('/api/v1/me/privacy/consent').set(auth).send({ version });

const profileBody = (idNumber: string) => ({
  name: '隐私测试',
  idType: 'RESIDENT_ID',
  idNumber,
  phone: '13912345678',
  relationship: 'SELF',
});

/** A consenting patient with one profile, and a paid booking two days ahead. */
async function withPaidBooking(name: string, doctorCode: string) {
  const me = await signIn(name);
  await consent(me.auth).expect(201);
  const idNumber = residentId(n++);
  const profile = await t.http
    .post('/api/v1/me/profiles')
    .set(me.auth)
    .send(profileBody(idNumber))
    .expect(201);
  const { slots } = await createSession(t.db, { doctorCode, date: '2026-11-25', slots: 1, capacity: 9 });
  const booking = await t.http
    .post('/api/v1/bookings')
    .set(me.auth)
    .send({ slotId: slots[0]!.id, profileId: profile.body.id })
    .expect(201);
  const orderNo = await payBooking(t, me.auth, booking.body.id);
  return {
    ...me,
    idNumber,
    profileId: profile.body.id as string,
    bookingId: booking.body.id as string,
    orderNo,
  };
}

test('no ID number or phone before consent; consent is recorded once, with its version and time', async () => {
  const me = await signIn('privacy-consent');
  const before = await t.http.get('/api/v1/me/privacy').set(me.auth).expect(200);
  expect(before.body).toEqual({
    currentVersion: PRIVACY_POLICY_VERSION,
    accepted: false,
    acceptedAt: null,
    consents: [],
  });

  const refused = await t.http
    .post('/api/v1/me/profiles')
    .set(me.auth)
    .send(profileBody(residentId(n++)))
    .expect(409);
  expect(refused.body.error.code).toBe('PRIVACY_CONSENT_REQUIRED');
  expect(await t.db.prisma.profile.count({ where: { accountId: me.accountId } })).toBe(0);

  // A client that showed an older notice cannot record consent to the current one.
  const stale = await consent(me.auth, '2020-01-01').expect(409);
  expect(stale.body.error.code).toBe('PRIVACY_POLICY_OUTDATED');

  const accepted = await consent(me.auth).expect(201);
  expect(accepted.body).toMatchObject({
    currentVersion: PRIVACY_POLICY_VERSION,
    accepted: true,
    acceptedAt: '2026-11-23T02:00:00.000Z',
    consents: [
      { version: PRIVACY_POLICY_VERSION, acceptedAt: '2026-11-23T02:00:00.000Z', withdrawnAt: null },
    ],
  });
  // Accepting again later keeps the first acceptance.
  clock.advance(60_000);
  const again = await consent(me.auth).expect(201);
  expect(again.body.acceptedAt).toBe('2026-11-23T02:00:00.000Z');
  clock.set('2026-11-23T02:00:00Z');
  const rows = await t.db.prisma.privacyConsent.findMany({ where: { accountId: me.accountId } });
  expect(rows).toEqual([
    expect.objectContaining({
      version: PRIVACY_POLICY_VERSION,
      acceptedAt: new Date('2026-11-23T02:00:00Z'),
    }),
  ]);
  const audit = await t.db.prisma.auditLog.findMany({
    where: { action: 'privacy.consent', entityId: me.accountId },
  });
  expect(audit).toHaveLength(1);

  await t.http
    .post('/api/v1/me/profiles')
    .set(me.auth)
    .send(profileBody(residentId(n++)))
    .expect(201);
});

test('the export names the sign-in: SMS for an account made by mobile number, WeChat otherwise', async () => {
  const mobile = '13700000901';
  const sent = await t.http
    .post('/api/v1/auth/sms/send')
    .send({ mobile, privacyVersion: PRIVACY_POLICY_VERSION })
    .expect(200);
  const { body } = await t.http
    .post('/api/v1/auth/sms/login')
    .send({ mobile, code: sent.body.demoCode, privacyVersion: PRIVACY_POLICY_VERSION })
    .expect(200);
  const bySms = await t.http
    .get('/api/v1/me/data')
    .set({ Authorization: `Bearer ${body.accessToken}` })
    .expect(200);
  expect(bySms.body.account).toMatchObject({ id: body.account.id, signIn: 'SMS' });
  expect(bySms.body.consents).toEqual([expect.objectContaining({ scope: 'NOTICE' })]);
  // Neither the number nor its keyed hash (the account's sign-in identity) is in the file.
  const text = JSON.stringify(bySms.body);
  expect(text).not.toContain(mobile);
  expect(text).not.toMatch(/sms:[0-9a-f]{64}/);

  const byWechat = await signIn('privacy-export-wechat');
  const res = await t.http.get('/api/v1/me/data').set(byWechat.auth).expect(200);
  expect(res.body.account.signIn).toBe('WECHAT');
});

test('the export holds the account, profiles, bookings, bills and consents — never a clear ID number or phone', async () => {
  const me = await withPaidBooking('privacy-export', 'D010');
  const res = await t.http.get('/api/v1/me/data').set(me.auth).expect(200);
  expect(res.body).toMatchObject({
    exportedAt: '2026-11-23T02:00:00.000Z',
    policyVersion: PRIVACY_POLICY_VERSION,
    account: { id: me.accountId, profileCount: 1, signIn: 'WECHAT' },
    profiles: [{ id: me.profileId, name: '隐私测试', archivedAt: null }],
    bookings: [{ id: me.bookingId, status: 'CONFIRMED', profile: { id: me.profileId } }],
    bills: [{ bookingId: me.bookingId, paidFen: 3000, orders: [{ orderNo: me.orderNo, status: 'PAID' }] }],
    consents: [{ version: PRIVACY_POLICY_VERSION }],
  });
  expect(res.body.profiles[0].idNumberMasked).toMatch(/\*/);
  const text = JSON.stringify(res.body);
  expect(text).not.toContain(me.idNumber);
  expect(text).not.toContain('13912345678');
  const account = await t.db.prisma.patientAccount.findUniqueOrThrow({ where: { id: me.accountId } });
  expect(text).not.toContain(account.openid);
});

test('deleting the account: refused while a paid visit is ahead; then erased, detached, signed out', async () => {
  const me = await withPaidBooking('privacy-delete', 'D011');
  const del = () => t.http.post('/api/v1/me/account/delete').set(me.auth).send({ confirm: true });

  // A stray request without the confirming body deletes nothing.
  await t.http.post('/api/v1/me/account/delete').set(me.auth).send({}).expect(400);

  const blocked = await del().expect(409);
  expect(blocked.body.error).toMatchObject({
    code: 'ACCOUNT_DELETE_BLOCKED',
    message: '您还有 1 个未完成的预约，请先取消或等待完成后再注销账号',
    details: { bookings: 1, waitlist: 0, payments: 0 },
  });

  // Cancelled: the refund is in flight, which blocks too, until it settles.
  await t.http.post(`/api/v1/bookings/${me.bookingId}/cancel`).set(me.auth).send({}).expect(200);
  expect((await del().expect(409)).body.error.details).toEqual({ bookings: 0, waitlist: 0, payments: 1 });
  await settleRefunds(t);
  // A reminder still waiting to go out to them.
  await t.db.prisma.notificationOutbox.create({
    data: { kind: 'booking.reminder', accountId: me.accountId, profileId: me.profileId, payload: {} },
  });

  await del().expect(204);

  // Every token of the account is refused at once.
  expect((await t.http.get('/api/v1/me').set(me.auth).expect(401)).body.error.code).toBe('SESSION_REVOKED');
  await t.http.get('/api/v1/me/data').set(me.auth).expect(401);
  await t.http.post('/api/v1/auth/refresh').send({ refreshToken: me.refreshToken }).expect(401);

  // The profile is erased but kept; the booking and the bill still point at it.
  const profile = await t.db.prisma.profile.findUniqueOrThrow({ where: { id: me.profileId } });
  expect(profile).toMatchObject({
    name: '已注销',
    idNumberHash: null,
    idNumberEnc: null,
    idNumberMasked: null,
    phoneEnc: '',
    phoneMasked: '',
    erasedAt: new Date('2026-11-23T02:00:00Z'),
    deletedAt: new Date('2026-11-23T02:00:00Z'),
  });
  const booking = await t.db.prisma.booking.findUniqueOrThrow({ where: { id: me.bookingId } });
  expect(booking).toMatchObject({ profileId: me.profileId, status: 'CANCELLED' });
  const order = await t.db.prisma.paymentOrder.findUniqueOrThrow({
    where: { orderNo: me.orderNo },
    include: { refunds: true },
  });
  expect(order).toMatchObject({
    status: 'REFUNDED',
    refunds: [expect.objectContaining({ status: 'SUCCEEDED' })],
  });

  // Staff still find the visit, under no one's name.
  const clerk = await t.staffToken('clerk');
  const seen = await t.http
    .get(`/api/v1/bookings/${me.bookingId}`)
    .set('Authorization', `Bearer ${clerk}`)
    .expect(200);
  expect(seen.body.profile.name).toBe('已注销');

  // The account is marked, its WeChat identity released, its consent withdrawn; the deletion is audited.
  const account = await t.db.prisma.patientAccount.findUniqueOrThrow({ where: { id: me.accountId } });
  expect(account).toMatchObject({
    openid: `deleted:${me.accountId}`,
    deletedAt: new Date('2026-11-23T02:00:00Z'),
  });
  const consents = await t.db.prisma.privacyConsent.findMany({ where: { accountId: me.accountId } });
  expect(consents).toEqual([
    expect.objectContaining({ scope: 'NOTICE_AND_SENSITIVE', withdrawnAt: new Date('2026-11-23T02:00:00Z') }),
  ]);
  // Signed out everywhere, for that reason; nothing still waiting to be sent to them.
  const sessions = await t.db.prisma.authSession.findMany({ where: { accountId: me.accountId } });
  expect(sessions.length).toBeGreaterThan(0);
  expect(sessions.every((s) => s.revokedReason === 'ACCOUNT_DELETED')).toBe(true);
  expect(
    await t.db.prisma.notificationOutbox.count({
      where: { sentAt: null, OR: [{ accountId: me.accountId }, { profileId: me.profileId }] },
    }),
  ).toBe(0);
  const audit = await t.db.prisma.auditLog.findFirstOrThrow({
    where: { action: 'patient_account.delete', entityId: me.accountId },
  });
  expect(JSON.stringify(audit.changes)).not.toContain('隐私测试');
  const event = await t.db.prisma.domainEvent.findFirstOrThrow({
    where: { type: 'account.deleted', aggregateId: me.accountId },
  });
  expect(event.payload).toMatchObject({ accountId: me.accountId, profileIds: [me.profileId] });

  // The same person signing in again starts a new, empty account, asked for consent again.
  const fresh = await signIn('privacy-delete');
  expect(fresh.accountId).not.toBe(me.accountId);
  expect((await t.http.get('/api/v1/me/profiles').set(fresh.auth).expect(200)).body.items).toEqual([]);
  expect((await t.http.get('/api/v1/me/privacy').set(fresh.auth).expect(200)).body.accepted).toBe(false);
  // And may add the same ID number again: the erased profile no longer holds it.
  await consent(fresh.auth).expect(201);
  await t.http.post('/api/v1/me/profiles').set(fresh.auth).send(profileBody(me.idNumber)).expect(201);
});

test('an account with nothing open is deleted at once; its staff-facing summary shows no profiles', async () => {
  const me = await signIn('privacy-empty');
  await consent(me.auth).expect(201);
  await t.http
    .post('/api/v1/me/profiles')
    .set(me.auth)
    .send(profileBody(residentId(n++)))
    .expect(201);
  await t.http.post('/api/v1/me/account/delete').set(me.auth).send({ confirm: true }).expect(204);
  const admin = await t.staffToken('admin');
  const seen = await t.http
    .get(`/api/v1/admin/patients/${me.accountId}`)
    .set('Authorization', `Bearer ${admin}`)
    .expect(200);
  expect(seen.body).toMatchObject({ profileCount: 0, activeSessions: 0 });
});

test('a booking racing the deletion: never both — the booking lands and blocks it, or finds the profile gone', async () => {
  const { base } = await t.listen();
  const { slots } = await createSession(t.db, {
    doctorCode: 'D012',
    date: '2026-11-26',
    slots: 4,
    capacity: 9,
  });
  for (const [i, slot] of slots.entries()) {
    const me = await signIn(`privacy-race-${i}`);
    await consent(me.auth).expect(201);
    const profile = await t.http
      .post('/api/v1/me/profiles')
      .set(me.auth)
      .send(profileBody(residentId(n++)))
      .expect(201);
    const token = me.auth.Authorization.slice('Bearer '.length);
    const [booked, deleted] = await Promise.all([
      callJson(base, 'POST', '/api/v1/bookings', token, { slotId: slot.id, profileId: profile.body.id }),
      callJson(base, 'POST', '/api/v1/me/account/delete', token, { confirm: true }),
    ]);
    const outcome = `${booked.status}/${deleted.status}`;
    // Booked first: deletion refused. Deleted first: the booking is refused (its profile is gone, or its token).
    expect(['201/409', '404/204', '401/204']).toContain(outcome);
    const live = await t.db.prisma.booking.count({
      where: { profileId: profile.body.id, status: { not: 'CANCELLED' } },
    });
    const account = await t.db.prisma.patientAccount.findUniqueOrThrow({ where: { id: me.accountId } });
    expect({ live, deleted: account.deletedAt !== null }).toEqual(
      deleted.status === 204 ? { live: 0, deleted: true } : { live: 1, deleted: false },
    );
  }
});
