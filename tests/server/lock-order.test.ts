import { fixedClock } from '../../server/src/core/clock';
import type { LocalPayProvider } from '../../server/src/integrations/wechat/pay';
import { callJson, createTestApp, type TestApp } from '../support/app';
import { TEST_DB_KIND } from '../support/db';
import { bulkPatients, createSession } from '../support/factories';

/**
 * Settlement, cancellation, hold expiry and new bookings touch the same bookings, orders and slots at once.
 * Every path takes its row locks in one order (docs/decisions/004-lock-order.md), so PostgreSQL never has to
 * break a deadlock — counted by PostgreSQL itself, since the unit of work would quietly retry one.
 */
jest.setTimeout(120_000);
const clock = fixedClock('2026-11-23T02:00:00Z');
let t: TestApp;
let base: string;
let provider: LocalPayProvider;

beforeAll(async () => {
  t = await createTestApp({ clock });
  provider = t.services.payProvider as LocalPayProvider;
  ({ base } = await t.listen());
}, 60_000);
afterAll(() => t.close());

const call = (method: string, path: string, token: string, body?: object) =>
  callJson<Answer>(base, method, path, token, body);

interface Answer {
  id?: string;
  order?: { orderNo: string };
  error?: { code: string };
}

/** Deadlocks PostgreSQL detected in this test's database (its backends flush their counters on exit). */
async function deadlocks(): Promise<number> {
  if (TEST_DB_KIND !== 'postgres') return 0;
  await t.db.prisma.$queryRaw`
    SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid()`;
  await new Promise((r) => setTimeout(r, 500));
  await t.db.prisma.$executeRaw`SELECT pg_stat_clear_snapshot()`;
  const rows = await t.db.prisma.$queryRaw<{ n: bigint }[]>`
    SELECT deadlocks AS n FROM pg_stat_database WHERE datname = current_database()`;
  return Number(rows[0]!.n);
}

test(`payments landing as holds lapse, cancels and new bookings never deadlock (${TEST_DB_KIND})`, async () => {
  const { slots } = await createSession(t.db, {
    doctorCode: 'D010',
    date: '2026-11-25',
    slots: 4,
    capacity: 6,
    feeFen: 3000,
  });
  const patients = await bulkPatients(t, 24, 'locks');
  const held = await Promise.all(
    patients.map(async (p, i) => {
      const slotId = slots[i % slots.length]!.id;
      const booked = await call('POST', '/api/v1/bookings', p.token, { slotId, profileId: p.profileId });
      expect(booked.status).toBe(201);
      const pay = await call('POST', `/api/v1/bookings/${booked.body.id}/pay`, p.token);
      expect(pay.status).toBe(200);
      return {
        ...p,
        bookingId: booked.body.id!,
        orderNo: pay.body.order!.orderNo,
      };
    }),
  );
  const latecomers = await bulkPatients(t, 16, 'locks-late');
  const before = await deadlocks();

  // Every hold lapses in the database while WeChat still takes the payments (its deadline is later).
  await t.db.prisma.booking.updateMany({
    where: { id: { in: held.map((h) => h.bookingId) } },
    data: { holdExpiresAt: new Date(clock.now().getTime() - 1000) },
  });
  const answers: { what: string; status: number; code?: string }[] = [];
  const note = (what: string) => (r: { status: number; body: Answer }) =>
    answers.push({ what, status: r.status, code: r.body.error?.code });
  await Promise.all([
    ...held.map((h) => provider.simulatePayment(h.orderNo)),
    ...held
      .filter((_, i) => i % 2 === 0)
      .map((h) => call('POST', `/api/v1/bookings/${h.bookingId}/cancel`, h.token, {}).then(note('cancel'))),
    t.services.booking.expireHolds(),
    t.services.booking.expireHolds(),
    ...latecomers.map((p, i) =>
      call('POST', '/api/v1/bookings', p.token, {
        slotId: slots[i % slots.length]!.id,
        profileId: p.profileId,
      }).then(note('book')),
    ),
  ]);
  await t.services.booking.expireHolds();

  expect(await deadlocks()).toBe(before);
  // No request was refused for a conflict or failed: each got its rule's answer.
  for (const a of answers) {
    expect(a.status).toBeLessThan(500);
    expect(a.code).not.toBe('CONFLICT');
  }
  expect(answers.filter((a) => a.what === 'cancel').every((a) => [200, 409].includes(a.status))).toBe(true);

  // Money and places agree with every booking's final state.
  for (const h of held) {
    const b = await t.db.prisma.booking.findUniqueOrThrow({
      where: { id: h.bookingId },
      include: { orders: { include: { refunds: true } } },
    });
    const [order] = b.orders;
    expect(order).toBeDefined();
    if (b.status === 'CONFIRMED') expect(order!.status).toBe('PAID');
    else {
      expect(['CANCELLED', 'EXPIRED']).toContain(b.status);
      // Paid for a booking that is gone: refunded in full, exactly once.
      expect(order!.status).toBe('REFUNDING');
      expect(order!.refunds.map((r) => r.amountFen)).toEqual([3000]);
    }
  }
  for (const slot of slots) {
    const row = await t.db.prisma.slot.findUniqueOrThrow({ where: { id: slot.id } });
    const live = await t.db.prisma.booking.count({
      where: { slotId: slot.id, status: { in: ['PENDING_PAYMENT', 'CONFIRMED'] } },
    });
    expect(row.booked).toBe(live);
    expect(row.booked).toBeLessThanOrEqual(row.capacity);
  }
});
