import { fixedClock } from '../../server/src/core/clock';
import { createUnitOfWork, type Tx, unitOfWorkClient } from '../../server/src/core/unit-of-work';
import type { Db } from '../../server/src/db/client';
import { bookingRepository } from '../../server/src/modules/booking/booking.repository';
import { paymentRepository } from '../../server/src/modules/payment/payment.repository';
import { createTestApp, type TestApp } from '../support/app';

/**
 * The unit of work a use case runs in. The type checks below are the point of `Tx`: `npm run typecheck`
 * fails if a lock-taking repository function becomes callable outside a unit of work's transaction.
 */
function typeChecks(db: Db, tx: Tx, bare: Parameters<Parameters<Db['$transaction']>[0]>[0]) {
  // A lock needs a unit of work's transaction…
  void bookingRepository(tx).lock('id');
  void paymentRepository(tx).lockOrder('P1');
  // @ts-expect-error — on the root client there is no lock: it would be released at once.
  void bookingRepository(db).lock('id');
  // @ts-expect-error — likewise for payments.
  void paymentRepository(db).lockOrder('P1');
  // @ts-expect-error — a bare `db.$transaction` client is not a unit of work (no instant, no rules, no brand).
  void bookingRepository(bare);
  // Reads work anywhere.
  void bookingRepository(db).find('id');
}
void typeChecks;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

test('a unit reads `now` once its transaction has a connection, and hands the hospital’s rules', async () => {
  const clock = fixedClock('2026-12-01T02:00:00Z');
  const db = unitOfWorkClient(t.db.prisma);
  const uow = createUnitOfWork({ db, clock, hospital: (tx) => t.services.catalog.hospitalContext(tx) });
  // Hold the only connection (PGlite) or keep a transaction open (PostgreSQL) while the unit waits to start.
  let release!: () => void;
  let begun!: () => void;
  const holding = new Promise<void>((r) => (begun = r));
  const held = db.$transaction(() => {
    begun();
    return new Promise<void>((r) => (release = r));
  });
  await holding;
  const unit = uow.run(async ({ now, hospital, tx }) => {
    const [row] = await tx.$queryRaw<{ one: number }[]>`SELECT 1 AS one`;
    return { now, zone: hospital.timeZone, one: row!.one };
  });
  await new Promise((r) => setTimeout(r, 50));
  clock.set('2026-12-01T02:00:05Z'); // time passes while it may be waiting
  release();
  await held;
  const seen = await unit;
  expect(seen).toMatchObject({ zone: 'Asia/Shanghai', one: 1 });
  // PGlite has one connection: the unit waited for it, and decides at the time it got it, not when it asked.
  if (t.db.kind === 'pglite') expect(seen.now.toISOString()).toBe('2026-12-01T02:00:05.000Z');
});

test('a unit inside another joins its transaction: one commits or rolls back with the other', async () => {
  const uow = t.services.uow;
  const before = await t.db.prisma.auditLog.count();
  await expect(
    uow.run(async ({ tx }) => {
      await uow.run(({ tx: inner }) =>
        inner.auditLog.create({
          data: { actorType: 'system', action: 'test.inner', entityType: 'test', entityId: null },
        }),
      );
      expect(await tx.auditLog.count()).toBe(before + 1); // the outer sees the inner's write
      throw new Error('the outer fails');
    }),
  ).rejects.toThrow('the outer fails');
  expect(await t.db.prisma.auditLog.count()).toBe(before); // and both rolled back
});
