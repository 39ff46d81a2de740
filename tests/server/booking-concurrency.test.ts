import { fixedClock } from '../../server/src/core/clock';
import { callJson, createTestApp, type TestApp } from '../support/app';
import { TEST_DB_KIND } from '../support/db';
import { bulkPatients, createSession } from '../support/factories';

/**
 * Races through real HTTP on a listening server. On PostgreSQL these are true races between connections;
 * on PGlite (one connection) they only check that the outcome is right when requests interleave.
 */
const clock = fixedClock('2026-11-23T02:00:00Z');
let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  ({ base } = await t.listen());
}, 60_000);
afterAll(() => t.close());

const post = (path: string, token: string, body: object, headers: Record<string, string> = {}) =>
  callJson<{ id?: string; error?: { code: string } }>(base, 'POST', path, token, body, headers);

const codes = (results: { status: number; body: { error?: { code: string } } }[]) =>
  results.reduce<Record<string, number>>((acc, r) => {
    const key = r.status === 201 ? 'CREATED' : (r.body.error?.code ?? String(r.status));
    acc[key] = (acc[key] ?? 0) + 1;
    return acc;
  }, {});

async function placesTaken(slotId: string) {
  const slot = await t.db.prisma.slot.findUniqueOrThrow({ where: { id: slotId } });
  const live = await t.db.prisma.booking.count({
    where: {
      slotId,
      isExtra: false,
      status: { in: ['PENDING_PAYMENT', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED'] },
    },
  });
  return { counter: slot.booked, live, capacity: slot.capacity };
}

test(`200 patients race for 10 places: exactly 10 bookings, 190 SLOT_FULL (${TEST_DB_KIND})`, async () => {
  const { slots } = await createSession(t.db, {
    doctorCode: 'D001',
    date: '2026-11-24',
    slots: 1,
    capacity: 10,
  });
  const patients = await bulkPatients(t, 200, 'race');
  const results = await Promise.all(
    patients.map((p) => post('/api/v1/bookings', p.token, { slotId: slots[0]!.id, profileId: p.profileId })),
  );
  expect(codes(results)).toEqual({ CREATED: 10, SLOT_FULL: 190 });
  expect(await placesTaken(slots[0]!.id)).toEqual({ counter: 10, live: 10, capacity: 10 });
}, 120_000);

test('one profile booking the same slot 20 times at once gets one booking', async () => {
  const { slots } = await createSession(t.db, {
    doctorCode: 'D002',
    date: '2026-11-24',
    slots: 1,
    capacity: 10,
  });
  const [p] = await bulkPatients(t, 1, 'dup');
  const results = await Promise.all(
    Array.from({ length: 20 }, () =>
      post('/api/v1/bookings', p!.token, { slotId: slots[0]!.id, profileId: p!.profileId }),
    ),
  );
  expect(codes(results)).toEqual({ CREATED: 1, ALREADY_BOOKED: 19 });
  expect((await placesTaken(slots[0]!.id)).live).toBe(1);
});

test('the same Idempotency-Key sent 10 times at once makes one booking', async () => {
  const { slots } = await createSession(t.db, {
    doctorCode: 'D003',
    date: '2026-11-24',
    slots: 1,
    capacity: 10,
  });
  const [p] = await bulkPatients(t, 1, 'idem');
  const results = await Promise.all(
    Array.from({ length: 10 }, () =>
      post(
        '/api/v1/bookings',
        p!.token,
        { slotId: slots[0]!.id, profileId: p!.profileId },
        { 'Idempotency-Key': 'same-key-123456' },
      ),
    ),
  );
  // The retries wait for the first on the key and get its answer: ten times the same booking.
  expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
  expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
  expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
  expect((await placesTaken(slots[0]!.id)).live).toBe(1);
});

test('limits hold under concurrency: one profile racing for 6 slots of 3 doctors of one department on one day gets one', async () => {
  const sessions = [];
  for (const code of ['D004', 'D005', 'D006']) {
    // All three doctors are of 消化内科 (GI): one booking per department per day.
    sessions.push(await createSession(t.db, { doctorCode: code, date: '2026-11-25', slots: 2, capacity: 5 }));
  }
  const [p] = await bulkPatients(t, 1, 'limit');
  const results = await Promise.all(
    sessions.flatMap((s) =>
      s.slots.map((slot) => post('/api/v1/bookings', p!.token, { slotId: slot.id, profileId: p!.profileId })),
    ),
  );
  const outcome = codes(results);
  expect(outcome.CREATED).toBe(1);
  // The same doctor's other slot is refused by the session limit, the other doctors' by the department's.
  expect(outcome).toEqual({ CREATED: 1, LIMIT_DOCTOR_SESSION: 1, LIMIT_DEPARTMENT_DAY: 4 });
  expect(await t.db.prisma.booking.count({ where: { profileId: p!.profileId } })).toBe(1);
});

test('two devices of one patient booking two slots of one doctor session at once: exactly one wins, every time', async () => {
  // The limits are counted inside book_place under the profile's row lock (docs/decisions/031): 20 patients,
  // each on two phones at once, each phone a different slot of the same session.
  const { slots } = await createSession(t.db, {
    doctorCode: 'D008',
    date: '2026-11-26',
    slots: 2,
    capacity: 50,
  });
  const patients = await bulkPatients(t, 20, 'devices');
  const results = await Promise.all(
    patients.flatMap((p) =>
      slots.map((slot) => post('/api/v1/bookings', p.token, { slotId: slot.id, profileId: p.profileId })),
    ),
  );
  expect(codes(results)).toEqual({ CREATED: 20, LIMIT_DOCTOR_SESSION: 20 });
  for (const p of patients) {
    expect(await t.db.prisma.booking.count({ where: { profileId: p.profileId } })).toBe(1);
  }
});

test('the active-bookings limit holds under a race: one patient, 8 sessions at once, exactly 5 bookings', async () => {
  // Two departments on four days: eight sessions that no per-session or per-department-day limit stops.
  const sessions = [];
  for (const doctorCode of ['D007', 'D009']) {
    for (const date of ['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']) {
      sessions.push(await createSession(t.db, { doctorCode, date, period: 'PM', slots: 1, capacity: 5 }));
    }
  }
  const [p] = await bulkPatients(t, 1, 'active');
  const results = await Promise.all(
    sessions.map((s) =>
      post('/api/v1/bookings', p!.token, { slotId: s.slots[0]!.id, profileId: p!.profileId }),
    ),
  );
  expect(codes(results)).toEqual({ CREATED: 5, LIMIT_ACTIVE_BOOKINGS: 3 });
  expect(await t.db.prisma.booking.count({ where: { profileId: p!.profileId } })).toBe(5);
});

test('expiry, cancellation, waitlist offers and new bookings racing never give a place twice or lose one', async () => {
  const { session, slots } = await createSession(t.db, {
    doctorCode: 'D007',
    date: '2026-11-25',
    slots: 1,
    capacity: 5,
  });
  const slotId = slots[0]!.id;
  const patients = await bulkPatients(t, 40, 'mix');
  const [holders, waiters, latecomers] = [patients.slice(0, 5), patients.slice(5, 15), patients.slice(15)];
  const holds = await Promise.all(
    holders.map((p) => post('/api/v1/bookings', p.token, { slotId, profileId: p.profileId })),
  );
  expect(codes(holds)).toEqual({ CREATED: 5 });
  for (const w of waiters)
    await post('/api/v1/waitlist', w.token, { sessionId: session.id, profileId: w.profileId });

  // Two holds lapse, two are cancelled, while the expiry job runs twice and 25 latecomers try to book.
  clock.advance(10 * 60_000);
  await t.db.prisma.booking.updateMany({
    where: { id: { in: [holds[0]!.body.id!, holds[1]!.body.id!] } },
    data: { holdExpiresAt: new Date(clock.now().getTime() - 1000) },
  });
  await Promise.all([
    t.services.booking.expireHolds(),
    t.services.booking.expireHolds(),
    post(`/api/v1/bookings/${holds[2]!.body.id}/cancel`, holders[2]!.token, {}),
    post(`/api/v1/bookings/${holds[3]!.body.id}/cancel`, holders[3]!.token, {}),
    ...latecomers.map((p) => post('/api/v1/bookings', p.token, { slotId, profileId: p.profileId })),
  ]);
  // The job's next run. A latecomer that expired the lapsed holds and then found the slot full rolled that
  // expiry back with its own transaction, while both runs above skipped the rows it had locked.
  await t.services.booking.expireHolds();

  const state = await placesTaken(slotId);
  expect(state.counter).toBe(state.live); // no place lost or counted twice
  expect(state.live).toBe(5); // every freed place was taken again (waitlist first)
  const offered = await t.db.prisma.waitlistEntry.count({
    where: { sessionId: session.id, status: 'OFFERED' },
  });
  const latecomerBookings = await t.db.prisma.booking.count({
    where: { slotId, profileId: { in: latecomers.map((p) => p.profileId) }, status: 'PENDING_PAYMENT' },
  });
  expect(offered + latecomerBookings + 1).toBe(5); // 1 original hold still live
  // The waitlist is served first: freed places go to waiting patients while any wait.
  expect(offered).toBe(4);
  expect(latecomerBookings).toBe(0);
}, 60_000);
