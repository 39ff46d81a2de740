import { applyMigrations } from '../../server/src/db/migrate';
import { seedDemoHospital } from '../../server/src/db/seed/seed';
import { createPiiCipher } from '../../server/src/security/pii';
import { parseKey } from '../../server/src/security/secrets';
import { createTestDatabase } from '../support/db';
import { DEMO_PASSWORD, MIGRATIONS_DIR, TEST_SECRETS } from '../support/template';

jest.setTimeout(120_000);

test('a fresh demo has released slots, its next evening clinic full and two patients waiting — once', async () => {
  const db = await createTestDatabase({ empty: true });
  try {
    await applyMigrations(db.sql, MIGRATIONS_DIR);
    const pii = createPiiCipher(parseKey(TEST_SECRETS.piiKey, 'PII_KEY'));
    const now = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Beijing: the next 特需夜诊 is Wednesday
    const first = await seedDemoHospital(db.prisma, { demoPassword: DEMO_PASSWORD, pii, now });
    expect(first.created).toMatchObject({ demoBookings: 2, demoWaitlist: 2 });
    expect(first.window?.slotsCreated).toBeGreaterThan(1000);

    const evening = await db.prisma.clinicSession.findFirstOrThrow({
      where: { doctor: { code: 'D001' }, date: new Date('2026-11-25T00:00:00Z'), period: 'EVENING' },
      include: { slots: true, waitlist: true },
    });
    expect(evening.slots.every((s) => s.booked === s.capacity)).toBe(true);
    expect(evening.waitlist.filter((w) => w.status === 'WAITING')).toHaveLength(2);
    const bookings = await db.prisma.booking.findMany({ where: { sessionId: evening.id } });
    expect(bookings.map((b) => [b.status, b.channel])).toEqual([
      ['CONFIRMED', 'WINDOW'],
      ['CONFIRMED', 'WINDOW'],
    ]);

    const second = await seedDemoHospital(db.prisma, { demoPassword: DEMO_PASSWORD, pii, now });
    expect(second.created).toMatchObject({ demoBookings: 0, demoWaitlist: 0 });
    expect(await db.prisma.booking.count()).toBe(2);
  } finally {
    await db.close();
  }
});
