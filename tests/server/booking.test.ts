import { fixedClock } from '../../server/src/core/clock';
import { createTestApp, type TestApp } from '../support/app';
import { createSession, patientWithProfile, payBooking, refundsOf, residentId } from '../support/factories';

// 10:00 in Beijing on Monday 23 Nov 2026; the booking window (7 days, release 07:00) reaches Sunday 29 Nov.
const NOW = '2026-11-23T02:00:00Z';
const clock = fixedClock(NOW);
let t: TestApp;
let n = 100;
beforeAll(async () => {
  t = await createTestApp({ clock });
}, 60_000);
afterAll(() => t.close());
beforeEach(() => clock.set(NOW));

const patient = () => patientWithProfile(t, `booker-${n}`, n++);
const book = (auth: Record<string, string>, slotId: string, profileId: string, key?: string) => {
  const req = t.http.post('/api/v1/bookings').set(auth);
  if (key) req.set('Idempotency-Key', key);
  return req.send({ slotId, profileId });
};
const joinWaitlist = (auth: Record<string, string>, sessionId: string, profileId: string) =>
  t.http.post('/api/v1/waitlist').set(auth).send({ sessionId, profileId });
const slotRow = (id: string) => t.db.prisma.slot.findUniqueOrThrow({ where: { id } });

describe('booking a slot', () => {
  test('a paid slot is held for 15 minutes; the place is taken at once', async () => {
    const { slots } = await createSession(t.db, {
      doctorCode: 'D001',
      date: '2026-11-24',
      capacity: 2,
      feeFen: 3000,
    });
    const p = await patient();
    const res = await book(p.auth, slots[0]!.id, p.profileId).expect(201);
    expect(res.body).toMatchObject({
      status: 'PENDING_PAYMENT',
      statusLabel: '待支付',
      channel: 'MINIAPP',
      feeFen: 3000,
      holdExpiresAt: '2026-11-23T02:15:00.000Z',
      date: '2026-11-24',
      startTime: '08:00',
      endTime: '08:30',
      canCancel: true,
    });
    expect((await slotRow(slots[0]!.id)).booked).toBe(1);
    const mine = await t.http.get('/api/v1/me/bookings').set(p.auth).expect(200);
    expect(mine.body.items.map((b: { id: string }) => b.id)).toEqual([res.body.id]);
  });

  test('a free service is confirmed at once', async () => {
    const { slots } = await createSession(t.db, { examCode: 'LAB-CBC', date: '2026-11-24', feeFen: 0 });
    const p = await patient();
    const res = await book(p.auth, slots[0]!.id, p.profileId).expect(201);
    expect(res.body).toMatchObject({ status: 'CONFIRMED', holdExpiresAt: null });
  });

  test('a retry with the same Idempotency-Key returns the first booking; another request with it is refused', async () => {
    const { slots } = await createSession(t.db, { doctorCode: 'D002', date: '2026-11-24' });
    const p = await patient();
    const first = await book(p.auth, slots[0]!.id, p.profileId, 'retry-key-0001').expect(201);
    const again = await book(p.auth, slots[0]!.id, p.profileId, 'retry-key-0001').expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await slotRow(slots[0]!.id)).booked).toBe(1);
    const other = await book(p.auth, slots[1]!.id, p.profileId, 'retry-key-0001').expect(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  test('a full slot answers SLOT_FULL and takes nothing', async () => {
    const { slots } = await createSession(t.db, { doctorCode: 'D003', date: '2026-11-24', capacity: 1 });
    const a = await patient();
    const b = await patient();
    await book(a.auth, slots[0]!.id, a.profileId).expect(201);
    const res = await book(b.auth, slots[0]!.id, b.profileId).expect(409);
    expect(res.body.error).toMatchObject({
      code: 'SLOT_FULL',
      message: '该时段号源已约满，可选择其他时段或加入候补',
    });
    expect((await slotRow(slots[0]!.id)).booked).toBe(1);
  });

  test('slots not released yet, already started, or of another account’s profile are refused', async () => {
    const later = await createSession(t.db, { doctorCode: 'D004', date: '2026-11-30' });
    const p = await patient();
    const notYet = await book(p.auth, later.slots[0]!.id, p.profileId).expect(422);
    expect(notYet.body.error.code).toBe('SLOT_NOT_RELEASED');
    clock.set('2026-11-23T23:00:00Z'); // 07:00 on the 24th: the 30th enters the window
    await book(p.auth, later.slots[0]!.id, p.profileId).expect(201);

    const today = await createSession(t.db, { doctorCode: 'D005', date: '2026-11-23', start: '08:00' });
    clock.set(NOW);
    const past = await book(p.auth, today.slots[0]!.id, p.profileId).expect(422);
    expect(past.body.error.code).toBe('SLOT_PAST');

    const other = await patient();
    const foreign = await book(other.auth, later.slots[1]!.id, p.profileId).expect(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
  });
});

describe('limits against scalping', () => {
  test('one booking per slot, per doctor session and per department a day, each with its own code', async () => {
    const cardio1 = await createSession(t.db, { doctorCode: 'D001', date: '2026-11-25' });
    const cardio2 = await createSession(t.db, {
      doctorCode: 'D002',
      date: '2026-11-25',
      period: 'PM',
      start: '14:00',
    });
    const p = await patient();
    await book(p.auth, cardio1.slots[0]!.id, p.profileId).expect(201);
    expect((await book(p.auth, cardio1.slots[0]!.id, p.profileId).expect(409)).body.error.code).toBe(
      'ALREADY_BOOKED',
    );
    expect((await book(p.auth, cardio1.slots[1]!.id, p.profileId).expect(422)).body.error.code).toBe(
      'LIMIT_DOCTOR_SESSION',
    );
    const sameDept = await book(p.auth, cardio2.slots[0]!.id, p.profileId).expect(422);
    expect(sameDept.body.error).toMatchObject({
      code: 'LIMIT_DEPARTMENT_DAY',
      message: '同一就诊人同一科室每天只能预约 1 个号',
    });
  });

  test('at most 5 upcoming bookings per profile', async () => {
    const p = await patient();
    const doctors = ['D006', 'D009', 'D012', 'D023', 'D024', 'D021'];
    const sessions = [];
    for (const code of doctors)
      sessions.push(await createSession(t.db, { doctorCode: code, date: '2026-11-26' }));
    const departments = new Set(sessions.map((s) => s.departmentId));
    expect(departments.size).toBe(6); // one per department, so only the active-booking limit can bite
    for (const s of sessions.slice(0, 5)) await book(p.auth, s.slots[0]!.id, p.profileId).expect(201);
    const sixth = await book(p.auth, sessions[5]!.slots[0]!.id, p.profileId).expect(422);
    expect(sixth.body.error).toMatchObject({
      code: 'LIMIT_ACTIVE_BOOKINGS',
      message: '该就诊人待就诊的预约已达 5 个，请先就诊或取消部分预约',
    });
    // An English reader is told the hospital's number too.
    const english = await book(p.auth, sessions[5]!.slots[0]!.id, p.profileId)
      .set('Accept-Language', 'en')
      .expect(422);
    expect(english.body.error.message).toBe(
      'This patient already has 5 upcoming bookings; attend or cancel one first',
    );
  });
});

describe('holds and cancellation', () => {
  test('an unpaid hold expires and its place returns — by the job, or on the next booking if the job is late', async () => {
    const { slots } = await createSession(t.db, { doctorCode: 'D007', date: '2026-11-24', capacity: 1 });
    const a = await patient();
    const b = await patient();
    const held = await book(a.auth, slots[0]!.id, a.profileId).expect(201);
    clock.advance(16 * 60_000);
    // No job has run: the next patient still gets the place.
    const res = await book(b.auth, slots[0]!.id, b.profileId).expect(201);
    expect(res.body.status).toBe('PENDING_PAYMENT');
    expect((await t.http.get(`/api/v1/bookings/${held.body.id}`).set(a.auth).expect(200)).body.status).toBe(
      'EXPIRED',
    );
    expect((await slotRow(slots[0]!.id)).booked).toBe(1);

    clock.advance(16 * 60_000);
    expect(await t.services.booking.expireHolds()).toBeGreaterThanOrEqual(1);
    expect((await slotRow(slots[0]!.id)).booked).toBe(0);
  });

  test('a patient cancels before the cutoff: the place returns and a paid booking asks for a refund', async () => {
    const { slots } = await createSession(t.db, {
      doctorCode: 'D008',
      date: '2026-11-24',
      capacity: 1,
      feeFen: 5000,
    });
    const p = await patient();
    const res = await book(p.auth, slots[0]!.id, p.profileId).expect(201);
    await payBooking(t, p.auth, res.body.id);
    const cancelled = await t.http
      .post(`/api/v1/bookings/${res.body.id}/cancel`)
      .set(p.auth)
      .send({})
      .expect(200);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', canCancel: false });
    expect((await slotRow(slots[0]!.id)).booked).toBe(0);
    const refunds = await refundsOf(t, res.body.id);
    expect(refunds).toMatchObject([{ amountFen: 5000, status: 'REQUESTED' }]);
    await t.http.post(`/api/v1/bookings/${res.body.id}/cancel`).set(p.auth).send({}).expect(409);
  });

  test('after the cutoff only a window can cancel', async () => {
    const { slots } = await createSession(t.db, { doctorCode: 'D010', date: '2026-11-23', start: '11:30' });
    const p = await patient();
    const res = await book(p.auth, slots[0]!.id, p.profileId).expect(201);
    await payBooking(t, p.auth, res.body.id);
    const late = await t.http.post(`/api/v1/bookings/${res.body.id}/cancel`).set(p.auth).send({}).expect(422);
    expect(late.body.error).toMatchObject({ code: 'CANCEL_CUTOFF_PASSED' });
    const clerk = await t.staffToken('clerk');
    await t.http
      .post(`/api/v1/bookings/${res.body.id}/cancel`)
      .set('Authorization', `Bearer ${clerk}`)
      .send({ reason: '患者到窗口申请取消' })
      .expect(200);
  });

  test('nobody else can see or cancel a booking (404)', async () => {
    const { slots } = await createSession(t.db, { doctorCode: 'D011', date: '2026-11-24' });
    const owner = await patient();
    const other = await patient();
    const res = await book(owner.auth, slots[0]!.id, owner.profileId).expect(201);
    await t.http.get(`/api/v1/bookings/${res.body.id}`).set(other.auth).expect(404);
    await t.http.post(`/api/v1/bookings/${res.body.id}/cancel`).set(other.auth).send({}).expect(404);
    await t.http.get(`/api/v1/bookings/${res.body.id}`).set(owner.auth).expect(200);
  });
});

describe('waitlist', () => {
  test('a freed place is offered to the first in line; a lapsed offer passes to the next', async () => {
    const { session, slots } = await createSession(t.db, {
      doctorCode: 'D013',
      date: '2026-11-25',
      slots: 1,
      capacity: 1,
    });
    const [a, b, c] = [await patient(), await patient(), await patient()];
    const held = await book(a.auth, slots[0]!.id, a.profileId).expect(201);
    const wb = await joinWaitlist(b.auth, session.id, b.profileId).expect(201);
    const wc = await joinWaitlist(c.auth, session.id, c.profileId).expect(201);
    expect([wb.body.position, wc.body.position]).toEqual([1, 2]);

    await t.http.post(`/api/v1/bookings/${held.body.id}/cancel`).set(a.auth).send({}).expect(200);
    const bList = await t.http.get('/api/v1/me/waitlist').set(b.auth).expect(200);
    expect(bList.body.items[0]).toMatchObject({ status: 'OFFERED', position: null });
    const offer = await t.http
      .get(`/api/v1/bookings/${bList.body.items[0].bookingId}`)
      .set(b.auth)
      .expect(200);
    expect(offer.body).toMatchObject({
      status: 'PENDING_PAYMENT',
      holdExpiresAt: '2026-11-23T02:30:00.000Z',
    });
    expect((await t.http.get('/api/v1/me/waitlist').set(c.auth)).body.items[0].position).toBe(1);
    expect((await slotRow(slots[0]!.id)).booked).toBe(1);

    clock.advance(31 * 60_000);
    await t.services.booking.expireHolds();
    expect((await t.http.get('/api/v1/me/waitlist').set(b.auth)).body.items[0].status).toBe('LAPSED');
    const cList = await t.http.get('/api/v1/me/waitlist').set(c.auth).expect(200);
    expect(cList.body.items[0].status).toBe('OFFERED');
    expect((await slotRow(slots[0]!.id)).booked).toBe(1);
  });

  test('only a full session can be waited for, once per profile, at most 3 at a time', async () => {
    const open = await createSession(t.db, { doctorCode: 'D003', date: '2026-11-25', slots: 1, capacity: 1 });
    const p = await patient();
    const res = await joinWaitlist(p.auth, open.session.id, p.profileId).expect(422);
    expect(res.body.error.code).toBe('WAITLIST_NOT_FULL');

    // Four sessions made full through the product's own path: one booking each, by four patients (one
    // patient could not: one booking per department per day).
    const full = [];
    for (const code of ['D004', 'D007', 'D025', 'D020']) {
      const s = await createSession(t.db, { doctorCode: code, date: '2026-11-27', slots: 1, capacity: 1 });
      const filler = await patient();
      await book(filler.auth, s.slots[0]!.id, filler.profileId).expect(201);
      expect((await slotRow(s.slots[0]!.id)).booked).toBe(1);
      full.push(s);
    }
    for (const s of full.slice(0, 3)) {
      await joinWaitlist(p.auth, s.session.id, p.profileId).expect(201);
    }
    const dup = await joinWaitlist(p.auth, full[0]!.session.id, p.profileId).expect(409);
    expect(dup.body.error.code).toBe('WAITLIST_DUPLICATE');
    const fourth = await joinWaitlist(p.auth, full[3]!.session.id, p.profileId).expect(422);
    expect(fourth.body.error.code).toBe('WAITLIST_LIMIT');
    const entry = (await t.http.get('/api/v1/me/waitlist').set(p.auth)).body.items[0];
    await t.http.delete(`/api/v1/waitlist/${entry.id}`).set(p.auth).expect(204);
    await joinWaitlist(p.auth, full[3]!.session.id, p.profileId).expect(201);
  });
});

describe('stop-clinic (停诊)', () => {
  test('cancels every booking, refunds the paid ones, tells every patient and closes the waitlist', async () => {
    const { session, slots } = await createSession(t.db, {
      doctorCode: 'D022',
      date: '2026-11-26',
      slots: 1,
      capacity: 2,
    });
    const [a, b, w] = [await patient(), await patient(), await patient()];
    const paid = await book(a.auth, slots[0]!.id, a.profileId).expect(201);
    await payBooking(t, a.auth, paid.body.id);
    const held = await book(b.auth, slots[0]!.id, b.profileId).expect(201);
    await joinWaitlist(w.auth, session.id, w.profileId).expect(201);

    const scheduler = await t.staffToken('scheduler');
    const asScheduler = { Authorization: `Bearer ${scheduler}` };
    // The day view, slot by slot: one paid, one held, none free; the waiting patient.
    const detail = await t.http.get(`/api/v1/admin/sessions/${session.id}`).set(asScheduler).expect(200);
    expect(detail.body.session).toMatchObject({ id: session.id, capacity: 2, booked: 2, waitlistLength: 1 });
    expect(detail.body.slots).toEqual([
      expect.objectContaining({ id: slots[0]!.id, capacity: 2, booked: 1, held: 1, free: 0, extra: 0 }),
    ]);
    expect(detail.body.slots[0].status).toBe('FULL');
    // Asked before: what the stop would do — and nothing is done by asking.
    const preview = await t.http
      .get(`/api/v1/admin/sessions/${session.id}/suspend`)
      .set(asScheduler)
      .expect(200);
    expect(preview.body).toEqual({
      sessionId: session.id,
      stopped: false,
      bookings: 2,
      refunds: 1,
      refundFen: paid.body.feeFen,
      held: 1,
      waitlist: 1,
    });
    expect(paid.body.feeFen).toBeGreaterThan(0);
    expect((await t.http.get(`/api/v1/bookings/${paid.body.id}`).set(a.auth)).body.status).toBe('CONFIRMED');

    const res = await t.http
      .post(`/api/v1/admin/sessions/${session.id}/suspend`)
      .set(asScheduler)
      .send({ reason: '医生临时外出会诊' })
      .expect(200);
    expect(res.body).toEqual({ sessionId: session.id, cancelledBookings: 2, refunds: 1 });
    const afterwards = await t.http
      .get(`/api/v1/admin/sessions/${session.id}/suspend`)
      .set(asScheduler)
      .expect(200);
    expect(afterwards.body).toMatchObject({ stopped: true, bookings: 0, refunds: 0 });
    const stopped = await t.http.get(`/api/v1/admin/sessions/${session.id}`).set(asScheduler).expect(200);
    expect(stopped.body.slots[0]).toMatchObject({ booked: 0, held: 0, status: 'SUSPENDED' });
    expect(stopped.body.session.suspendReason).toBe('医生临时外出会诊');

    for (const [who, id] of [
      [a, paid.body.id],
      [b, held.body.id],
    ] as const) {
      const after = await t.http.get(`/api/v1/bookings/${id}`).set(who.auth).expect(200);
      expect(after.body).toMatchObject({ status: 'CANCELLED', cancelReason: '停诊：医生临时外出会诊' });
    }
    expect((await refundsOf(t, paid.body.id)).length + (await refundsOf(t, held.body.id)).length).toBe(1);
    // The patients are told through the domain events' notification subscriber.
    await t.services.events.drain();
    const outbox = await t.db.prisma.notificationOutbox.findMany({
      where: { kind: { in: ['booking.stop_clinic', 'waitlist.cancelled'] } },
    });
    expect(outbox.filter((o) => [paid.body.id, held.body.id].includes(o.bookingId ?? ''))).toHaveLength(2);
    expect((await t.http.get('/api/v1/me/waitlist').set(w.auth)).body.items[0].status).toBe('CANCELLED');
    const again = await book(w.auth, slots[0]!.id, w.profileId).expect(422);
    expect(again.body.error.code).toBe('SESSION_SUSPENDED');
    const audit = await t.db.prisma.auditLog.findFirst({
      where: { entityId: session.id, action: 'session.stop_clinic' },
    });
    expect(audit?.actorName).toBe('scheduler');
    await t.http
      .post(`/api/v1/admin/sessions/${session.id}/suspend`)
      .set('Authorization', `Bearer ${scheduler}`)
      .send({ reason: '再次停诊' })
      .expect(409);
  });
});

describe('no-shows', () => {
  test('three no-shows in 90 days suspend on-line booking; the window can still book', async () => {
    const p = await patient();
    const bookings = [];
    for (const code of ['D023', 'D024', 'D005']) {
      const s = await createSession(t.db, { doctorCode: code, date: '2026-11-24', start: '08:00', slots: 1 });
      const res = await book(p.auth, s.slots[0]!.id, p.profileId).expect(201);
      await payBooking(t, p.auth, res.body.id);
      bookings.push(res.body.id);
    }
    clock.set('2026-11-24T01:31:00Z'); // 08:30 slot end + 60 min grace, plus a minute
    expect(await t.services.booking.markNoShows()).toBeGreaterThanOrEqual(3);
    for (const id of bookings) {
      expect((await t.http.get(`/api/v1/bookings/${id}`).set(p.auth)).body.status).toBe('NO_SHOW');
    }
    const next = await createSession(t.db, { doctorCode: 'D026', date: '2026-11-26' });
    const refused = await book(p.auth, next.slots[0]!.id, p.profileId).expect(422);
    expect(refused.body.error.code).toBe('BOOKING_SUSPENDED');
    expect(refused.body.error.message).toContain('2027-02-22');

    const clerk = await t.staffToken('clerk');
    await t.http
      .post('/api/v1/staff/bookings')
      .set('Authorization', `Bearer ${clerk}`)
      .send({ slotId: next.slots[0]!.id, profileId: p.profileId, channel: 'WINDOW' })
      .expect(201);
  });
});

describe('staff', () => {
  test('a clerk books a phone patient by real name, adds a place beyond capacity with a reason, and marks arrival', async () => {
    const { slots } = await createSession(t.db, {
      doctorCode: 'D027',
      date: '2026-11-24',
      slots: 1,
      capacity: 1,
    });
    const clerk = { Authorization: `Bearer ${await t.staffToken('clerk')}` };
    const patientDetails = {
      name: '王大爷',
      idType: 'RESIDENT_ID',
      idNumber: residentId(901, '19400101'),
      phone: '13900001111',
      relationship: 'SELF',
    };
    const first = await t.http
      .post('/api/v1/staff/bookings')
      .set(clerk)
      .send({ slotId: slots[0]!.id, channel: 'PHONE', patient: patientDetails })
      .expect(201);
    expect(first.body).toMatchObject({ channel: 'PHONE', profile: { name: '王大爷' }, isExtra: false });

    const full = await t.http
      .post('/api/v1/staff/bookings')
      .set(clerk)
      .send({
        slotId: slots[0]!.id,
        channel: 'WINDOW',
        patient: { ...patientDetails, name: '李奶奶', idNumber: residentId(902, '19420202') },
      })
      .expect(409);
    expect(full.body.error.code).toBe('SLOT_FULL');
    const extra = await t.http
      .post('/api/v1/staff/bookings')
      .set(clerk)
      .send({
        slotId: slots[0]!.id,
        channel: 'WINDOW',
        patient: { ...patientDetails, name: '李奶奶', idNumber: residentId(902, '19420202') },
        extraReason: '高龄患者现场加号',
      })
      .expect(201);
    expect(extra.body.isExtra).toBe(true);
    expect(await slotRow(slots[0]!.id)).toMatchObject({ booked: 1, extra: 1, capacity: 1 });

    await t.services.uow.run(({ tx }) => t.services.booking.confirmPaid(tx, first.body.id)); // paid at the window
    clock.set('2026-11-23T23:50:00Z'); // 07:50 on the day of the visit: check-in is on the booking's own day
    const arrived = await t.http
      .post(`/api/v1/staff/bookings/${first.body.id}/arrive`)
      .set(clerk)
      .expect(200);
    expect(arrived.body.status).toBe('CHECKED_IN');
    // The window checks in; the visit is completed in the consulting room (its doctor, or admin).
    await t.http.post(`/api/v1/staff/bookings/${first.body.id}/complete`).set(clerk).expect(403);
    const admin = { Authorization: `Bearer ${await t.staffToken('admin')}` };
    const completed = await t.http
      .post(`/api/v1/staff/bookings/${first.body.id}/complete`)
      .set(admin)
      .expect(200);
    expect(completed.body.status).toBe('COMPLETED');
    // A completed visit cannot be cancelled: the lifecycle refuses it.
    const refused = await t.http
      .post(`/api/v1/bookings/${first.body.id}/cancel`)
      .set(clerk)
      .send({})
      .expect(409);
    expect(refused.body.error.code).toBe('INVALID_STATE');

    const search = await t.http
      .get('/api/v1/staff/bookings?date=2026-11-24&status=COMPLETED')
      .set(clerk)
      .expect(200);
    expect(search.body.items.map((b: { id: string }) => b.id)).toContain(first.body.id);
    const audit = await t.db.prisma.auditLog.findFirst({
      where: { entityId: extra.body.id, action: 'booking.create_extra' },
    });
    expect(audit?.actorName).toBe('clerk');
  });
});

describe('exam guidance', () => {
  test('an exam booking shows its guidance as a timeline on the slot; a doctor visit has none', async () => {
    const exam = await createSession(t.db, { examCode: 'US-ABD', date: '2026-11-24', start: '08:30' });
    const doctor = await createSession(t.db, { doctorCode: 'D001', date: '2026-11-28' });
    const p = await patient();
    const res = await book(p.auth, exam.slots[0]!.id, p.profileId).expect(201);
    const g = await t.http.get(`/api/v1/bookings/${res.body.id}/guidance`).set(p.auth).expect(200);
    expect(g.body.timeZone).toBe('Asia/Shanghai');
    const fast = g.body.steps.find((s: { kind: string }) => s.kind === 'FAST');
    expect(fast.at).toBe('2026-11-23T16:30:00.000Z');
    expect(fast.title).toContain('00:30');
    expect(g.body.steps.at(-1).kind).toBe('RESULTS');
    const en = await t.http
      .get(`/api/v1/bookings/${res.body.id}/guidance`)
      .set(p.auth)
      .set('Accept-Language', 'en')
      .expect(200);
    expect(en.body.steps.find((s: { kind: string }) => s.kind === 'FAST').title).toBe(
      'Nothing to eat from 00:30 on the day',
    );
    const visit = await book(p.auth, doctor.slots[0]!.id, p.profileId).expect(201);
    await t.http.get(`/api/v1/bookings/${visit.body.id}/guidance`).set(p.auth).expect(404);
  });
});

describe('capacity raised on a roster', () => {
  test('the new place goes to the waitlist first', async () => {
    const scheduler = { Authorization: `Bearer ${await t.staffToken('scheduler')}` };
    const doctor = await t.db.prisma.doctor.findUniqueOrThrow({ where: { code: 'D012' } });
    // Wednesday evenings, one 30-minute slot with one place.
    const created = await t.http
      .post('/api/v1/admin/rosters')
      .set(scheduler)
      .send({
        doctorId: doctor.id,
        weekday: 3,
        period: 'EVENING',
        startTime: '18:00',
        endTime: '18:30',
        slotMinutes: 30,
        capacityPerSlot: 1,
      })
      .expect(201);
    const slots = await t.http
      .get(`/api/v1/slots?doctorId=${doctor.id}&from=2026-11-25&to=2026-11-25`)
      .expect(200);
    const evening = slots.body.items.find((s: { period: string }) => s.period === 'EVENING');
    expect(evening).toMatchObject({ capacity: 1, placesLeft: 1, status: 'OPEN' });

    const [a, w] = [await patient(), await patient()];
    await book(a.auth, evening.id, a.profileId).expect(201);
    await joinWaitlist(w.auth, evening.sessionId, w.profileId).expect(201);

    await t.http
      .patch(`/api/v1/admin/rosters/${created.body.template.id}`)
      .set(scheduler)
      .send({ capacityPerSlot: 2 })
      .expect(200);
    const entry = (await t.http.get('/api/v1/me/waitlist').set(w.auth).expect(200)).body.items[0];
    expect(entry.status).toBe('OFFERED');
    expect(await slotRow(evening.id)).toMatchObject({ capacity: 2, booked: 2 });
  }, 60_000);
});
