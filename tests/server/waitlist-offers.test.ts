import { fixedClock } from '../../server/src/core/clock';
import { callJson, createTestApp, type TestApp } from '../support/app';
import { TEST_DB_KIND } from '../support/db';
import { bulkPatients, createSession } from '../support/factories';

/** Declining a waitlist offer, and leaving the waitlist at the moment an offer is made. */
const clock = fixedClock('2026-11-23T02:00:00Z');
let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await createTestApp({ clock });
  ({ base } = await t.listen());
}, 60_000);
afterAll(() => t.close());

const call = (method: string, path: string, token: string, body?: object) =>
  callJson<{ id: string; items?: unknown[] }>(base, method, path, token, body);

async function fullSessionWithQueue(doctorCode: string, waiting: number) {
  const { session, slots } = await createSession(t.db, {
    doctorCode,
    date: '2026-11-25',
    slots: 1,
    capacity: 1,
  });
  const [holder, ...waiters] = await bulkPatients(t, 1 + waiting, `offer-${doctorCode}`);
  const held = await call('POST', '/api/v1/bookings', holder!.token, {
    slotId: slots[0]!.id,
    profileId: holder!.profileId,
  });
  expect(held.status).toBe(201);
  const entries: string[] = [];
  for (const w of waiters) {
    const joined = await call('POST', '/api/v1/waitlist', w.token, {
      sessionId: session.id,
      profileId: w.profileId,
    });
    expect(joined.status).toBe(201);
    entries.push(joined.body.id);
  }
  return {
    session,
    slot: slots[0]!,
    holder: { ...holder!, bookingId: held.body.id },
    waiters,
    entries,
  };
}

async function slotState(slotId: string) {
  const slot = await t.db.prisma.slot.findUniqueOrThrow({ where: { id: slotId } });
  const live = await t.db.prisma.booking.count({
    where: { slotId, status: { in: ['PENDING_PAYMENT', 'CONFIRMED'] } },
  });
  return { booked: slot.booked, live };
}

test('declining an offer cancels its held booking and offers the place to the next in line', async () => {
  const s = await fullSessionWithQueue('D012', 2);
  await call('POST', `/api/v1/bookings/${s.holder.bookingId}/cancel`, s.holder.token, {});
  const [first, second] = s.waiters;
  const offered = await t.db.prisma.waitlistEntry.findUniqueOrThrow({ where: { id: s.entries[0] } });
  expect(offered).toMatchObject({ status: 'OFFERED', bookingId: expect.any(String) });

  const declined = await call('DELETE', `/api/v1/waitlist/${s.entries[0]}`, first!.token);
  expect(declined.status).toBe(204);
  const offer = await t.db.prisma.booking.findUniqueOrThrow({ where: { id: offered.bookingId! } });
  expect(offer).toMatchObject({ status: 'CANCELLED', cancelReason: '放弃候补号源' });
  expect(await t.db.prisma.waitlistEntry.findUniqueOrThrow({ where: { id: s.entries[0] } })).toMatchObject({
    status: 'CANCELLED',
  });
  // The place went on to the second in line, held for them.
  const next = await call('GET', '/api/v1/me/waitlist', second!.token);
  expect(next.body.items).toEqual([expect.objectContaining({ status: 'OFFERED' })]);
  expect(await slotState(s.slot.id)).toEqual({ booked: 1, live: 1 });
});

test(`leaving the waitlist while a freed place is offered to you never leaves you holding it (${TEST_DB_KIND})`, async () => {
  for (const [i, doctor] of ['D013', 'D021', 'D023', 'D020', 'D025'].entries()) {
    const s = await fullSessionWithQueue(doctor, 2);
    const [leaver] = s.waiters;
    // The holder cancels (which offers the place to the first waiting) as that patient leaves.
    const [cancelled, left] = await Promise.all([
      call('POST', `/api/v1/bookings/${s.holder.bookingId}/cancel`, s.holder.token, {}),
      call('DELETE', `/api/v1/waitlist/${s.entries[0]}`, leaver!.token),
    ]);
    expect(cancelled.status).toBe(200);
    expect(left.status).toBe(204); // leaving always works: before the offer, or by declining it
    const leaversLive = await t.db.prisma.booking.count({
      where: { profileId: leaver!.profileId, status: { in: ['PENDING_PAYMENT', 'CONFIRMED'] } },
    });
    expect(leaversLive).toBe(0);
    // Whichever came first, the place ends up offered to the next patient, and counted once.
    const nextEntry = await t.db.prisma.waitlistEntry.findUniqueOrThrow({ where: { id: s.entries[1] } });
    expect({ round: i, status: nextEntry.status }).toEqual({ round: i, status: 'OFFERED' });
    expect(await slotState(s.slot.id)).toEqual({ booked: 1, live: 1 });
  }
});

test('joining and leaving the waitlist are domain events; leaving tells no one but the log', async () => {
  const s = await fullSessionWithQueue('D022', 1);
  const left = await call('DELETE', `/api/v1/waitlist/${s.entries[0]}`, s.waiters[0]!.token);
  expect(left.status).toBe(204);
  const events = await t.db.prisma.domainEvent.findMany({
    where: { aggregateType: 'waitlist_entry', aggregateId: s.entries[0] },
    orderBy: { position: 'asc' },
  });
  expect(events.map((e) => [e.type, e.actorType])).toEqual([
    ['waitlist.joined', 'patient'],
    ['waitlist.cancelled', 'patient'],
  ]);
  expect(events[1]!.payload).toMatchObject({ cause: 'patient', sessionId: s.session.id });
  await t.services.events.drain();
  const told = await t.db.prisma.notificationOutbox.findMany({
    where: { kind: 'waitlist.cancelled', profileId: s.waiters[0]!.profileId },
  });
  expect(told).toEqual([]);
});
