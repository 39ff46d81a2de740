import { randomUUID } from 'node:crypto';
import type { Booking, GenerationReport } from '@hospital/shared';
import { fixedClock } from '../../server/src/core/clock';
import type { Database, Db } from '../../server/src/db/client';
import { KEPT_REASONS } from '../../server/src/modules/scheduling/scheduling.service';
import { callJson, createTestApp, type TestApp } from '../support/app';
import { createTestDatabase, TEST_DB_KIND } from '../support/db';
import { patientWithProfile } from '../support/factories';

/**
 * A patient books a slot while a scheduler's day off is regenerating the window: generation read the slot as
 * unbooked (so it is one of the slots to remove), and the booking commits before the delete runs. The delete
 * must leave that slot alone, and the report must say why (KEPT_REASONS.bookedMeanwhile).
 *
 * The app's own client is extended so that, just before generation's `slot.deleteMany`, the booking is made
 * over real HTTP and answered. Over HTTP, because an in-process call would join the regeneration's transaction
 * (core/unit-of-work.ts keeps it in AsyncLocalStorage); that needs two connections at once, so PostgreSQL only.
 */
const maybe = TEST_DB_KIND === 'postgres' ? describe : describe.skip;
jest.setTimeout(60_000);

// Monday 2027-03-01, 09:00 in Shanghai: Tuesday 03-02 is in the window and released for booking.
const NOW = '2027-03-01T01:00:00Z';
const TUESDAY = '2027-03-02';
const clock = fixedClock(NOW);
const hhmm = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16);

/** Fails (instead of hanging the regeneration that waits for it) when `p` does not settle in time. */
function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** What the hook does once, inside generation's transaction, just before the delete of `slotId`. */
interface Race {
  slotId: string;
  run(): Promise<void>;
}

maybe('a slot booked while generation removes it', () => {
  let t: TestApp;
  let raw: Database;
  let race: Race | null = null;
  /** The ids of each intercepted delete that the race ran in front of. */
  const intercepted: string[][] = [];

  beforeAll(async () => {
    raw = await createTestDatabase();
    const prisma = raw.prisma.$extends({
      query: {
        slot: {
          async deleteMany({ args, query }) {
            const ids = (args.where?.id as { in?: string[] } | undefined)?.in ?? [];
            const armed = race;
            if (armed && ids.includes(armed.slotId)) {
              race = null;
              intercepted.push([...ids]);
              await armed.run();
            }
            return query(args);
          },
        },
      },
    });
    t = await createTestApp({ clock, db: { ...raw, prisma: prisma as unknown as Db } });
  }, 60_000);
  afterAll(() => t?.close());

  test('a day off keeps the slot a patient booked meanwhile, with its booking, and reports it', async () => {
    const { base } = await t.listen();
    const scheduler = { Authorization: `Bearer ${await t.staffToken('scheduler')}` };
    const patient = await patientWithProfile(t, 'regenerate-race-patient', 901);

    // A doctor of his own with one weekly session in the window: Tuesday morning, eight 30-minute slots.
    // Generation for his day off then reads and writes no row a booking needs (no slot is updated before the
    // delete, the session is left as it is), so the booking below waits on no lock the regeneration holds.
    const department = await raw.prisma.department.findFirstOrThrow({ where: { code: 'CARDIO' } });
    const doctor = await raw.prisma.doctor.create({
      data: {
        code: 'RACE01',
        departmentId: department.id,
        name: '号源竞争测试医生',
        title: 'ASSOCIATE_CHIEF_PHYSICIAN',
        feeCategory: 'EXPERT',
      },
    });
    await t.http
      .post('/api/v1/admin/rosters')
      .set(scheduler)
      .send({
        doctorId: doctor.id,
        weekday: 2,
        period: 'AM',
        startTime: '08:00',
        endTime: '12:00',
        slotMinutes: 30,
        capacityPerSlot: 3,
      })
      .expect(201);
    const session = await raw.prisma.clinicSession.findFirstOrThrow({
      where: { doctorId: doctor.id },
      include: { slots: { orderBy: { startsAt: 'asc' } } },
    });
    expect(session.slots).toHaveLength(8);
    const target = session.slots.find((s) => hhmm(s.startsAt) === '09:30')!;

    // Just before generation deletes the day's slots: the day off is not committed yet (nobody else sees it),
    // the slot is still unbooked, and the patient books it over HTTP, answered before the delete goes on.
    let during: {
      exceptionsSeen: number;
      bookingsSeen: number;
      answer?: { status: number; body: Booking };
      error?: string;
    } | null = null;
    race = {
      slotId: target.id,
      async run() {
        during = {
          exceptionsSeen: await raw.prisma.rosterException.count({ where: { doctorId: doctor.id } }),
          bookingsSeen: await raw.prisma.booking.count({ where: { slotId: target.id } }),
        };
        try {
          during.answer = await within(
            20_000,
            'the booking made during generation',
            callJson<Booking>(
              base,
              'POST',
              '/api/v1/bookings',
              patient.token,
              { slotId: target.id, profileId: patient.profileId },
              { 'idempotency-key': randomUUID() },
            ),
          );
        } catch (error) {
          // Rolls the day off back, which frees whatever the booking waits for.
          during.error = String(error);
          throw error;
        }
      },
    };

    const dayOff = await t.http
      .post('/api/v1/admin/rosters/exceptions')
      .set(scheduler)
      .send({ doctorId: doctor.id, date: TUESDAY, kind: 'DAY_OFF', reason: '临时外出会诊' });

    // The race ran in front of the one delete of the day's eight slots, mid-transaction.
    expect(during).toMatchObject({ exceptionsSeen: 0, bookingsSeen: 0 });
    expect(during!.error).toBeUndefined();
    expect(intercepted).toEqual([session.slots.map((s) => s.id)]);
    const answered = during!.answer!;
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({
      slotId: target.id,
      sessionId: session.id,
      status: 'PENDING_PAYMENT',
      profile: { id: patient.profileId },
    });

    // What the scheduler is told: seven slots removed, the booked one kept because it was booked meanwhile.
    expect(dayOff.status).toBe(201);
    const generation: GenerationReport = dayOff.body.generation;
    expect(generation).toMatchObject({
      sessionsCreated: 0,
      slotsCreated: 0,
      slotsChanged: 0,
      slotsRemoved: 7,
    });
    expect(generation.kept).toEqual([
      {
        slotId: target.id,
        sessionId: session.id,
        startsAt: target.startsAt.toISOString(),
        code: 'bookedMeanwhile',
        reason: KEPT_REASONS.bookedMeanwhile,
      },
    ]);

    // The day's session stays with that one slot, its place taken; the other seven are gone.
    const after = await raw.prisma.clinicSession.findUniqueOrThrow({
      where: { id: session.id },
      include: { slots: true },
    });
    expect(after.slots).toEqual([
      expect.objectContaining({
        id: target.id,
        startsAt: target.startsAt,
        endsAt: target.endsAt,
        capacity: 3,
        booked: 1,
        extra: 0,
      }),
    ]);
    const sessions = await t.http
      .get(`/api/v1/admin/sessions?date=${TUESDAY}&doctorId=${doctor.id}`)
      .set(scheduler)
      .expect(200);
    expect(sessions.body.items).toEqual([
      expect.objectContaining({ id: session.id, slots: 1, capacity: 3, booked: 1, suspendedAt: null }),
    ]);

    // The booking is intact: one row, as it was answered, on the slot that still exists.
    const rows = await raw.prisma.booking.findMany({ where: { slotId: target.id } });
    expect(rows).toEqual([
      expect.objectContaining({
        id: answered.body.id,
        profileId: patient.profileId,
        sessionId: session.id,
        status: 'PENDING_PAYMENT',
        startsAt: target.startsAt,
        endsAt: target.endsAt,
        cancelledAt: null,
      }),
    ]);

    // And the patient sees the booking just as it was answered: same slot, times, status and hold.
    const mine = await t.http.get(`/api/v1/bookings/${answered.body.id}`).set(patient.auth).expect(200);
    // (Its page adds the visit number and, once paid, the payment.)
    expect(mine.body).toEqual({ ...answered.body, visitNumber: 1, payment: null });
    const list = await t.http.get('/api/v1/me/bookings').set(patient.auth).expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: answered.body.id, status: 'PENDING_PAYMENT' }),
    ]);
  });
});
