import { randomUUID } from 'node:crypto';
import type { SlotView } from '@hospital/shared';
import { fixedClock } from '../../server/src/core/clock';
import { createUnitOfWork } from '../../server/src/core/unit-of-work';
import type { Db } from '../../server/src/db/client';
import { createSchedulingService } from '../../server/src/modules/scheduling/scheduling.service';
import { createTestApp, type TestApp } from '../support/app';
import { bulkPatients } from '../support/factories';

// Monday 2027-03-01, 06:00 in Shanghai. The last bookable day is 03-06 until 07:00, when 03-07 is released;
// slots exist through 03-07 so patients see it "opening at 07:00".
const NOW = '2027-02-28T22:00:00Z';
const clock = fixedClock(NOW);
let t: TestApp;
let doctor: { id: string; name: string; departmentId: string };

beforeAll(async () => {
  t = await createTestApp({ clock });
  const cardio = await t.db.prisma.department.findFirstOrThrow({ where: { code: 'CARDIO' } });
  doctor = await t.db.prisma.doctor.create({
    data: {
      code: 'SLOTS1',
      departmentId: cardio.id,
      name: '号源测试医生',
      title: 'ASSOCIATE_CHIEF_PHYSICIAN',
      feeCategory: 'EXPERT',
    },
  });
  await t.db.prisma.rosterTemplate.createMany({
    data: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      departmentId: cardio.id,
      doctorId: doctor.id,
      weekday,
      period: 'AM' as const,
      startTime: '08:00',
      endTime: '12:00',
      slotMinutes: 30,
      capacityPerSlot: 2,
    })),
  });
  await t.services.scheduling.generateWindow();
}, 60_000);
afterAll(() => t.close());
beforeEach(() => clock.set(NOW));

async function slots(query: string): Promise<{ serverTime: string; timeZone: string; items: SlotView[] }> {
  return (await t.http.get(`/api/v1/slots?${query}`).expect(200)).body;
}
const mine = () => slots(`doctorId=${doctor.id}`);
const on = (items: SlotView[], date: string) => items.filter((s) => s.date === date);
async function sessionOn(date: string) {
  return t.db.prisma.clinicSession.findFirstOrThrow({
    where: { doctorId: doctor.id, date: new Date(`${date}T00:00:00Z`) },
    include: { slots: { orderBy: { startsAt: 'asc' } } },
  });
}

async function patientProfile() {
  const [patient] = await bulkPatients(t, 1, `slots-${randomUUID()}`);
  return { accountId: patient!.accountId, profileId: patient!.profileId };
}

/** A held place (PENDING_PAYMENT) written straight to the database, counted in `booked` as booking does. */
async function hold(slotId: string, holdExpiresAt: Date) {
  const slot = await t.db.prisma.slot.findUniqueOrThrow({
    where: { id: slotId },
    include: { session: true },
  });
  const who = await patientProfile();
  await t.db.prisma.slot.update({ where: { id: slotId }, data: { booked: { increment: 1 } } });
  await t.db.prisma.booking.create({
    data: {
      ...who,
      slotId,
      sessionId: slot.sessionId,
      departmentId: slot.session.departmentId,
      doctorId: slot.session.doctorId,
      date: slot.session.date,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      status: 'PENDING_PAYMENT',
      channel: 'MINIAPP',
      feeFen: slot.session.feeFen,
      holdExpiresAt,
    },
  });
}

describe('GET /api/v1/slots', () => {
  it('answers the server time, the time zone and, by default, today through the day after the window', async () => {
    const res = await mine();
    expect(res.serverTime).toBe('2027-02-28T22:00:00.000Z');
    expect(res.timeZone).toBe('Asia/Shanghai');
    expect([...new Set(res.items.map((s) => s.date))]).toEqual([
      '2027-03-01',
      '2027-03-02',
      '2027-03-03',
      '2027-03-04',
      '2027-03-05',
      '2027-03-06',
      '2027-03-07',
    ]);
    const starts = res.items.map((s) => s.startsAt);
    expect(starts).toEqual([...starts].sort());
    expect(res.items[0]).toMatchObject({
      date: '2027-03-01',
      period: 'AM',
      startsAt: '2027-03-01T00:00:00.000Z',
      endsAt: '2027-03-01T00:30:00.000Z',
      startTime: '08:00',
      endTime: '08:30',
      capacity: 2,
      placesLeft: 2,
      status: 'OPEN',
      feeFen: 3000,
      departmentId: doctor.departmentId,
      doctorId: doctor.id,
      doctorName: '号源测试医生',
      examTypeId: null,
      examTypeName: null,
      suspendReason: null,
      waitlistLength: 0,
    });
  });

  it('shows the day after the window as NOT_RELEASED, opening at 07:00 local today; OPEN from then on', async () => {
    const before = await mine();
    expect(new Set(on(before.items, '2027-03-06').map((s) => s.status))).toEqual(new Set(['OPEN']));
    const last = on(before.items, '2027-03-07');
    expect(last).toHaveLength(8);
    for (const s of last) {
      expect({ status: s.status, releaseAt: s.releaseAt, placesLeft: s.placesLeft }).toEqual({
        status: 'NOT_RELEASED',
        releaseAt: '2027-02-28T23:00:00.000Z', // 2027-03-01 07:00 in Shanghai
        placesLeft: 2,
      });
    }
    clock.set('2027-02-28T23:00:00Z');
    const after = await mine();
    expect(new Set(on(after.items, '2027-03-07').map((s) => s.status))).toEqual(new Set(['OPEN']));
  });

  it('marks slots that have started as PAST', async () => {
    clock.set('2027-03-01T01:10:00Z'); // 09:10 in Shanghai
    const today = on((await mine()).items, '2027-03-01');
    expect(today.map((s) => `${s.startTime} ${s.status}`)).toEqual([
      '08:00 PAST',
      '08:30 PAST',
      '09:00 PAST',
      '09:30 OPEN',
      '10:00 OPEN',
      '10:30 OPEN',
      '11:00 OPEN',
      '11:30 OPEN',
    ]);
  });

  it('marks a slot with every place taken as FULL', async () => {
    const session = await sessionOn('2027-03-02');
    const full = session.slots[1]!;
    await t.db.prisma.slot.update({ where: { id: full.id }, data: { booked: full.capacity } });
    const day = on((await mine()).items, '2027-03-02');
    expect(day.map((s) => [s.startTime, s.status, s.placesLeft])).toEqual([
      ['08:00', 'OPEN', 2],
      ['08:30', 'FULL', 0],
      ['09:00', 'OPEN', 2],
      ['09:30', 'OPEN', 2],
      ['10:00', 'OPEN', 2],
      ['10:30', 'OPEN', 2],
      ['11:00', 'OPEN', 2],
      ['11:30', 'OPEN', 2],
    ]);
  });

  it('marks every slot of a suspended session SUSPENDED, with the reason', async () => {
    const session = await sessionOn('2027-03-03');
    await t.db.prisma.clinicSession.update({
      where: { id: session.id },
      data: { suspendedAt: new Date(NOW), suspendReason: '医生参加援疆医疗队' },
    });
    const day = on((await mine()).items, '2027-03-03');
    expect(day).toHaveLength(8);
    for (const s of day) {
      expect([s.status, s.suspendReason]).toEqual(['SUSPENDED', '医生参加援疆医疗队']);
    }
  });

  it('counts a lapsed PENDING_PAYMENT hold as free even before the expiry job has run', async () => {
    const session = await sessionOn('2027-03-04');
    const slot = session.slots[0]!;
    const now = new Date(NOW);
    await hold(slot.id, new Date(now.getTime() - 60_000)); // lapsed a minute ago
    await hold(slot.id, new Date(now.getTime() + 10 * 60_000)); // still held
    const at = async () => on((await mine()).items, '2027-03-04')[0]!;
    expect(await at()).toMatchObject({ capacity: 2, placesLeft: 1, status: 'OPEN' });
    clock.set(new Date(now.getTime() + 10 * 60_000)); // the second hold lapses too
    expect(await at()).toMatchObject({ placesLeft: 2, status: 'OPEN' });
    // The stored count is left to the expiry job: listing never writes.
    expect((await t.db.prisma.slot.findUniqueOrThrow({ where: { id: slot.id } })).booked).toBe(2);
  });

  it("shows how many profiles wait for the slot's session", async () => {
    const session = await sessionOn('2027-03-05');
    for (const status of ['WAITING', 'WAITING', 'CANCELLED'] as const) {
      const who = await patientProfile();
      await t.db.prisma.waitlistEntry.create({ data: { ...who, sessionId: session.id, status } });
    }
    const items = await mine();
    expect(new Set(on(items.items, '2027-03-05').map((s) => s.waitlistLength))).toEqual(new Set([2]));
    expect(new Set(on(items.items, '2027-03-06').map((s) => s.waitlistLength))).toEqual(new Set([0]));
  });

  it('lists a department (every doctor) or an exam by code, sorted by start time', async () => {
    const cardio = doctor.departmentId;
    const tuesday = (await slots(`departmentId=${cardio}&from=2027-03-02&to=2027-03-02`)).items;
    expect(new Set(tuesday.map((s) => s.departmentId))).toEqual(new Set([cardio]));
    // 周建国 (D001) and 陈浩 (D003) sit on Tuesday mornings in the demo roster.
    expect(new Set(tuesday.map((s) => s.doctorName))).toEqual(new Set(['号源测试医生', '周建国', '陈浩']));
    const starts = tuesday.map((s) => s.startsAt);
    expect(starts).toEqual([...starts].sort());

    const cbc = (await slots('examTypeCode=LAB-CBC&from=2027-03-01&to=2027-03-01')).items;
    expect(cbc.length).toBeGreaterThan(0);
    expect(new Set(cbc.map((s) => s.examTypeName))).toEqual(new Set(['血常规']));
    expect(cbc.every((s) => s.doctorId === null)).toBe(true);
    expect(cbc[0]).toMatchObject({ startTime: '07:30', feeFen: 2000, capacity: 8 });
  });

  it("hides an inactive doctor's slots", async () => {
    await t.db.prisma.doctor.update({ where: { id: doctor.id }, data: { active: false } });
    try {
      expect((await mine()).items).toEqual([]);
    } finally {
      await t.db.prisma.doctor.update({ where: { id: doctor.id }, data: { active: true } });
    }
    expect((await mine()).items.length).toBeGreaterThan(0);
  });

  it('needs a department, doctor or exam (400), and answers at most 31 days', async () => {
    const none = await t.http.get('/api/v1/slots').expect(400);
    expect(none.body.error.code).toBe('VALIDATION_FAILED');
    await t.http.get(`/api/v1/slots?doctorId=${doctor.id}&from=2027-03-01&to=2027-03-31`).expect(200);
    const long = await t.http
      .get(`/api/v1/slots?doctorId=${doctor.id}&from=2027-03-01&to=2027-04-01`)
      .expect(400);
    expect(long.body.error.details).toEqual([{ path: 'query.to', message: expect.stringContaining('31') }]);
    await t.http.get(`/api/v1/slots?doctorId=${doctor.id}&from=2027-03-05&to=2027-03-01`).expect(400);
  });

  it('reads a week of a department in one database round trip, however many slots there are', async () => {
    let statements = 0;
    const counted = t.db.prisma.$extends({
      query: {
        async $allOperations({ args, query }) {
          statements += 1;
          return query(args);
        },
      },
    });
    const scheduling = createSchedulingService({
      uow: createUnitOfWork({
        db: counted as unknown as Db,
        clock,
        hospital: (tx) => t.services.catalog.hospitalContext(tx),
      }),
      db: counted as unknown as Db,
      clock,
      audit: t.services.audit,
      catalog: t.services.catalog, // the hospital's rules come through the catalog's own client
    });
    const week = await scheduling.listSlots({ departmentId: doctor.departmentId });
    expect(week.items.length).toBeGreaterThan(100);
    expect(statements).toBe(1);
  });

  it('in a rush (many requests in flight) answers from a listing at most a second old; when quiet, always fresh', async () => {
    const date = '2027-03-03';
    const first = on((await mine()).items, date)[0]!;
    const session = await sessionOn(date);
    const placesOf = async () => on((await mine()).items, date).find((s) => s.id === first.id)!.placesLeft;
    try {
      t.services.load.inFlight = 100;
      await hold(session.slots[0]!.id, new Date('2027-03-01T00:00:00Z'));
      // The listing read just before is answered again: one read serves the rush.
      expect(await placesOf()).toBe(first.placesLeft);
    } finally {
      t.services.load.inFlight = 0;
    }
    expect(await placesOf()).toBe(first.placesLeft - 1);
  });
});
