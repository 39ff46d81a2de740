import { SYSTEM_ACTOR } from '../../server/src/core/actor';
import { createLogger } from '../../server/src/core/logger';
import { unitOfWorkClient } from '../../server/src/core/unit-of-work';
import { createDispatcher, type Subscriber } from '../../server/src/modules/events/dispatcher';
import type { DomainEvent } from '../../server/src/modules/events/event-types';
import { createTestApp, type TestApp } from '../support/app';
import { eventLogFor, recordTestEvent, testEvent } from '../support/events';

/** The domain event log and its dispatcher, in one process (PGlite and PostgreSQL alike). */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const db = () => unitOfWorkClient(t.db.prisma);
const seqOf = (e: DomainEvent) => (e.type === 'session.stopped' ? e.payload.cancelledBookings : -1);

function collector(name: string, fail?: (e: DomainEvent) => boolean) {
  const seen: DomainEvent[] = [];
  const sub: Subscriber = {
    name,
    types: ['session.stopped'],
    async handle(_tx, e) {
      if (fail?.(e)) throw new Error(`cannot handle ${e.position}`);
      seen.push(e);
    },
  };
  return { sub, seen };
}

function dispatcherFor(...subscribers: Subscriber[]) {
  return createDispatcher({
    db: db(),
    clock: { now: () => new Date() },
    logger: createLogger('silent'),
    subscribers,
  });
}

test('a subscriber gets each committed event once, in order, with who caused it; rolled-back ones never', async () => {
  const { sub, seen } = collector('test.order');
  const d = dispatcherFor(sub);
  await recordTestEvent(db(), 'A', 1);
  await expect(
    db().$transaction(async (tx) => {
      await eventLogFor(db()).record(tx, SYSTEM_ACTOR, testEvent('A', 99));
      throw new Error('the change failed');
    }),
  ).rejects.toThrow('the change failed');
  await recordTestEvent(db(), 'B', 1, { type: 'staff', id: 'staff-1', name: 'x', requestId: 'req-1' });
  await recordTestEvent(db(), 'A', 2);
  await d.drain();
  await d.drain(); // nothing twice
  expect(seen.map((e) => [e.aggregateId, seqOf(e)])).toEqual([
    ['A', 1],
    ['B', 1],
    ['A', 2],
  ]);
  expect(seen[1]).toMatchObject({
    type: 'session.stopped',
    aggregateType: 'test',
    actor: { type: 'staff', id: 'staff-1' },
    requestId: 'req-1',
  });
  expect(seen.map((e) => e.position)).toEqual(
    [...seen.map((e) => e.position)].sort((a, b) => (a < b ? -1 : 1)),
  );
});

test('a failing handler stops its subscriber at that event (later ones wait) and is retried; others go on', async () => {
  let broken = true;
  const failing = collector('test.failing', () => broken);
  const healthy = collector('test.healthy');
  const d = dispatcherFor(failing.sub, healthy.sub);
  await recordTestEvent(db(), 'F', 1);
  await recordTestEvent(db(), 'F', 2);
  await expect(d.drain(300)).rejects.toThrow('did not catch up');
  expect(failing.seen).toEqual([]);
  expect(healthy.seen.filter((e) => e.aggregateId === 'F').map(seqOf)).toEqual([1, 2]);
  const stuck = (await d.status()).find((s) => s.subscriber === 'test.failing')!;
  expect(stuck).toMatchObject({
    failures: expect.any(Number),
    lastError: expect.stringMatching(/cannot handle/),
  });
  expect(stuck.behind).toBeGreaterThanOrEqual(2n);

  broken = false;
  // The backoff is over when its time comes; here, move it along.
  await t.db.prisma.eventCursor.update({ where: { subscriber: 'test.failing' }, data: { retryAt: null } });
  await d.drain();
  expect(failing.seen.filter((e) => e.aggregateId === 'F').map(seqOf)).toEqual([1, 2]);
  expect((await d.status()).find((s) => s.subscriber === 'test.failing')).toMatchObject({
    behind: 0n,
    failures: 0,
    lastError: null,
  });
});

test('rewind re-runs a subscriber from a position; the notification outbox adds nothing twice', async () => {
  const { sub, seen } = collector('test.rewind');
  const d = dispatcherFor(sub);
  const first = await recordTestEvent(db(), 'R', 1);
  await recordTestEvent(db(), 'R', 2);
  await d.drain();
  const before = seen.length;
  await d.rewind('test.rewind', first - 1n);
  await d.drain();
  expect(
    seen
      .slice(before)
      .filter((e) => e.aggregateId === 'R')
      .map(seqOf),
  ).toEqual([1, 2]);

  // The real subscriber: one outbox row per event, however often it is re-run.
  await t.db.prisma.$transaction((tx) =>
    eventLogFor(t.db.prisma).record(tx, SYSTEM_ACTOR, {
      type: 'booking.no_show',
      aggregate: { type: 'booking', id: '00000000-0000-4000-8000-000000000001' },
      payload: {
        bookingId: '00000000-0000-4000-8000-000000000001',
        accountId: '00000000-0000-4000-8000-000000000002',
        profileId: '00000000-0000-4000-8000-000000000003',
        sessionId: '00000000-0000-4000-8000-000000000004',
        slotId: '00000000-0000-4000-8000-000000000005',
        departmentId: '00000000-0000-4000-8000-000000000006',
        doctorId: null,
        examTypeId: null,
        date: '2026-12-02',
        startsAt: '2026-12-02T01:00:00.000Z',
        endsAt: '2026-12-02T01:10:00.000Z',
        channel: 'MINIAPP',
      },
    }),
  );
  await t.services.events.drain();
  await t.services.events.rewind('notification.outbox', 0n);
  await t.services.events.drain();
  const rows = await t.db.prisma.notificationOutbox.findMany({
    where: { bookingId: '00000000-0000-4000-8000-000000000001' },
  });
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    kind: 'booking.no_show',
    payload: { startsAt: '2026-12-02T01:00:00.000Z' },
  });
});

test('a running dispatcher is woken by the commit that recorded an event', async () => {
  const { sub, seen } = collector('test.wake');
  const d = createDispatcher({
    db: db(),
    clock: { now: () => new Date() },
    logger: createLogger('silent'),
    subscribers: [sub],
    listen: (channel, onNotify) => t.db.listen(channel, onNotify),
    pollMs: 60_000, // so only the notification can explain a prompt delivery
  });
  await d.start();
  try {
    await new Promise((r) => setTimeout(r, 200));
    const position = await recordTestEvent(db(), 'W', 1);
    for (let i = 0; i < 100 && !seen.some((e) => e.position === position); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen.map((e) => e.position)).toContain(position);
  } finally {
    await d.stop();
  }
});
