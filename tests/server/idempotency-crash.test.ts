import { addDays, localDate } from '@hospital/shared';
import { createTestApp, type TestApp } from '../support/app';
import { createTestDatabase, TEST_DB_KIND } from '../support/db';
import { bulkPatients, createSession } from '../support/factories';
import { type ServerProcess, startServerProcess } from '../support/server-process';

/**
 * kill -9 of the server in the middle of a storm of bookings, then every request retried with its
 * Idempotency-Key — on a fresh process and on a second instance. A retry gets the committed answer when the
 * work committed (the same booking), or runs again when it did not; never REQUEST_IN_PROGRESS, never two
 * bookings for one request. Needs PostgreSQL: two server processes share one database.
 */
const maybe = TEST_DB_KIND === 'postgres' ? describe : describe.skip;
jest.setTimeout(240_000);

interface Answer {
  status: number;
  id?: string;
  code?: string;
  replayed: boolean;
}

async function book(
  base: string,
  p: { token: string; profileId: string },
  slotId: string,
  key: string,
): Promise<Answer | null> {
  try {
    const res = await fetch(`${base}/api/v1/bookings`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${p.token}`,
        'idempotency-key': key,
      },
      body: JSON.stringify({ slotId, profileId: p.profileId }),
    });
    const body = (await res.json().catch(() => ({}))) as { id?: string; error?: { code: string } };
    return {
      status: res.status,
      id: body.id,
      code: body.error?.code,
      replayed: res.headers.get('idempotent-replayed') === 'true',
    };
  } catch {
    return null; // the connection died with the server: the client never heard
  }
}

maybe('idempotency across a crash', () => {
  let t: TestApp;
  let url: string;
  const running: ServerProcess[] = [];

  beforeAll(async () => {
    const db = await createTestDatabase();
    url = db.url!;
    t = await createTestApp({ db });
  }, 60_000);
  afterAll(async () => {
    for (const s of running) s.child.kill('SIGKILL');
    await Promise.all(running.map((s) => s.exited));
    await t.close();
  });

  async function instance() {
    const s = await startServerProcess({
      DATABASE_URL: url,
      SEED_DEMO: 'false',
      RATE_LIMIT_STORE: 'memory',
      DATABASE_POOL_SIZE: '8',
    });
    running.push(s);
    return s;
  }

  test('requests killed mid-flight and retried get their first answer, or run once', async () => {
    // Two days ahead in the hospital's zone: released, and bookable at any hour the suite runs.
    const date = addDays(localDate(new Date(), 'Asia/Shanghai'), 2);
    // The servers generate slots from rosters at start-up: D011's roster must not claim this session (it would
    // reshape its unbooked slot to the roster's few places on the days D011 works mornings).
    await t.db.prisma.rosterTemplate.updateMany({
      where: { doctor: { code: 'D011' } },
      data: { active: false },
    });
    const { slots } = await createSession(t.db, {
      doctorCode: 'D011',
      date,
      start: '09:00',
      slots: 1,
      capacity: 300,
      feeFen: 0,
    });
    const slotId = slots[0]!.id;
    const patients = await bulkPatients(t, 120, 'crash');
    const key = (i: number) => `crash-key-${i.toString().padStart(4, '0')}`;
    const heard = new Map<number, Answer>();

    // Two storms. Each server is frozen (SIGSTOP) mid-storm until a request has committed whose answer never
    // left the process — then killed (SIGKILL), the crash between commit and answer that retries must survive.
    const committedUnheard = new Set<number>();
    for (const round of [0, 1]) {
      const server = await instance();
      const batch = patients.map((p, i) => ({ p, i })).slice(round * 60, round * 60 + 60);
      const inFlight = Promise.all(
        batch.map(({ p, i }) =>
          book(server.base, p, slotId, key(i)).then((a) => {
            if (a) heard.set(i, a);
          }),
        ),
      );
      for (let attempt = 0; ; attempt++) {
        await new Promise((r) => setTimeout(r, 20 + ((attempt * 37) % 60)));
        server.child.kill('SIGSTOP');
        await new Promise((r) => setTimeout(r, 300)); // answers already sent arrive
        const done = await t.db.prisma.idempotencyRecord.findMany({ select: { key: true } });
        const unheard = batch.filter(({ i }) => !heard.has(i) && done.some((d) => d.key === key(i)));
        if (unheard.length || attempt > 200) {
          for (const { i } of unheard) committedUnheard.add(i);
          server.child.kill('SIGKILL');
          break;
        }
        server.child.kill('SIGCONT');
      }
      await inFlight;
      await server.exited;
    }
    expect(committedUnheard.size).toBeGreaterThan(0);
    const lost = patients.length - heard.size;

    // Everyone retries, alternating between two fresh instances.
    const [a, b] = [await instance(), await instance()];
    // As the app does, a client keeps retrying while the server answers 503 (busy) or not at all.
    const retry = async (p: (typeof patients)[number], i: number) => {
      for (let attempt = 0; ; attempt++) {
        const r = await book((i + attempt) % 2 ? a.base : b.base, p, slotId, key(i));
        if ((r && r.status < 500) || attempt === 5) return r;
        await new Promise((res) => setTimeout(res, 1000));
      }
    };
    const retries = await Promise.all(patients.map((p, i) => retry(p, i)));
    // Every retry is a booking; a booking a client heard before the crash is what its retry answers. A first
    // answer of 503 (no connection free in time, on a busy machine) said "nothing done, try again": its retry
    // books afresh.
    const wrong = retries
      .map((r, i) => ({ i, first: heard.get(i), retry: r }))
      .filter(
        ({ first, retry }) =>
          retry?.status !== 201 ||
          (first &&
            (first.status === 503
              ? first.code !== 'SERVICE_UNAVAILABLE' || retry.replayed
              : first.status !== 201 || first.id !== retry.id || !retry.replayed)),
      );
    expect(wrong).toEqual([]);

    // Exactly one booking per request: a committed one was answered again, a rolled-back one ran again.
    const bookings = await t.db.prisma.booking.findMany({ where: { slotId } });
    expect(bookings).toHaveLength(patients.length);
    expect(new Set(bookings.map((x) => x.profileId)).size).toBe(patients.length);
    expect(new Set(retries.map((r) => r!.id)).size).toBe(patients.length);
    const slot = await t.db.prisma.slot.findUniqueOrThrow({ where: { id: slotId } });
    expect(slot.booked).toBe(patients.length);
    for (const i of committedUnheard) expect(retries[i]).toMatchObject({ status: 201, replayed: true });
    console.log(
      `crash storm: ${heard.size} answered before the kills, ${lost} cut off, ` +
        `${committedUnheard.size} of those committed before the kill and were answered on retry`,
    );
  });
});
