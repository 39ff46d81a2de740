// `npm run bench:booking`: N patients race for M places through the real server on a throw-away PostgreSQL,
// pgbench measures the database ceiling for the same SQL, and the week-of-slots query is timed against a
// year of history. Prints figures; fails only on wrong results (overbooking, a wrong number of bookings).
//
//   N=2000 M=200 CONCURRENCY=200 npm run bench:booking        (or --n= --m= --concurrency= …)
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { addDays, localDate, zonedInstant } from '@hospital/shared';
import { openPostgres } from '../../server/src/db/client';
import type { SqlExecutor } from '../../server/src/db/sql';
import { createTokenService } from '../../server/src/security/tokens';
import { inspect, summarise } from './cpu-profile';
import { insertHistory } from './history';
import {
  type Answer,
  cleanup,
  httpClient,
  insertPatients,
  intOption,
  ms,
  percentile,
  perSecond,
  pool,
  printTable,
  ROOT,
  startServer,
  step,
  throwAwayPostgres,
} from './support';

const opts = {
  patients: intOption('N', 2000),
  places: intOption('M', 200),
  concurrency: intOption('CONCURRENCY', 200),
  /** Server connections to PostgreSQL, and pgbench clients (the same concurrency reaching the database). */
  dbPool: intOption('DB_POOL', 20),
  pgbenchTxPerClient: intOption('PGBENCH_TX', 500),
  historyDays: intOption('HISTORY_DAYS', 365),
  queries: intOption('QUERIES', 200),
  /** PROFILE=1: a CPU profile of the server during the race, summarised (cpu-profile.ts). */
  profile: process.env.PROFILE === '1' || process.argv.includes('--profile'),
};
const PERIOD_START = { EVENING: '18:00', PM: '13:30', AM: '08:00' } as const;
const LIVE = `('PENDING_PAYMENT', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED')`;

/** A session of one doctor on a released day (tomorrow or later) at a time the demo rosters left free. */
async function createSession(sql: SqlExecutor, tz: string) {
  const [doctor] = await sql.query<{ id: string; department_id: string; department: string }>(
    `SELECT d.id, d.department_id, dep.name AS department FROM doctor d JOIN department dep ON dep.id = d.department_id
      WHERE d.active AND dep.active
      ORDER BY count(*) OVER (PARTITION BY d.department_id) DESC, d.code LIMIT 1`,
  );
  const today = localDate(new Date(), tz);
  const taken = await sql.query<{ date: string; period: string }>(
    `SELECT to_char(date, 'YYYY-MM-DD') AS date, period::text FROM clinic_session WHERE doctor_id = $1`,
    [doctor!.id],
  );
  for (let day = 1; day <= 5; day++) {
    const date = addDays(today, day);
    for (const period of ['EVENING', 'PM', 'AM'] as const) {
      if (taken.some((t) => t.date === date && t.period === period)) continue;
      const start = zonedInstant(date, PERIOD_START[period], tz);
      const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
      const [session] = await sql.query<{ id: string }>(
        `INSERT INTO clinic_session (id, department_id, doctor_id, date, period, starts_at, ends_at, fee_fen, updated_at)
         VALUES (gen_random_uuid(), $1, $2, $3::date, $4::"SessionPeriod", $5, $6, 5000, now()) RETURNING id`,
        [doctor!.department_id, doctor!.id, date, period, start, at(90)],
      );
      const slot = async (offset: number, capacity: number) => {
        const [row] = await sql.query<{ id: string }>(
          `INSERT INTO slot (id, session_id, starts_at, ends_at, capacity) VALUES (gen_random_uuid(), $1, $2, $3, $4)
           RETURNING id`,
          [session!.id, at(offset), at(offset + 30), capacity],
        );
        return row!.id;
      };
      return {
        doctorId: doctor!.id,
        departmentId: doctor!.department_id,
        department: doctor!.department,
        sessionId: session!.id,
        date,
        slot,
      };
    }
  }
  throw new Error('no free session time for the benchmark in the next five days');
}

/** Places taken on a slot by the counter and by live bookings. */
async function placesOf(sql: SqlExecutor, slotId: string) {
  const [row] = await sql.query<{ capacity: number; booked: number; live: number }>(
    `SELECT capacity, booked, (SELECT count(*) FROM booking b WHERE b.slot_id = s.id AND NOT b.is_extra
                                 AND b.status IN ${LIVE})::int AS live
       FROM slot s WHERE id = $1`,
    [slotId],
  );
  return row!;
}

const share = (part: number, whole: number) => `${((100 * part) / whole).toFixed(0)} %`;

/**
 * pgbench of one script (tests/bench/*.pgbench.sql) with as many clients as the server has connections: each
 * transaction books another patient tagged `tag` on a slot of its own whose capacity never runs out.
 */
async function pgbench(
  pg: Awaited<ReturnType<typeof throwAwayPostgres>>,
  sql: SqlExecutor,
  s: Awaited<ReturnType<typeof createSession>>,
  script: string,
  tag: string,
) {
  const slot = await s.slot(tag === 'pgbench' ? 60 : 90, 1_000_000_000);
  const transactions = opts.dbPool * opts.pgbenchTxPerClient;
  await insertPatients(sql, tag, transactions);
  const args = [
    '-n',
    '-M',
    'extended',
    '-c',
    String(opts.dbPool),
    '-j',
    '2',
    '-t',
    String(opts.pgbenchTxPerClient),
    '-f',
    path.join(__dirname, script),
    ...Object.entries({
      n: '0',
      per_client: String(opts.pgbenchTxPerClient),
      tag,
      slot,
      session: s.sessionId,
      department: s.departmentId,
      doctor: s.doctorId,
      date: s.date,
      fee: '5000',
    }).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
    pg.url,
  ];
  const out = await step(`pgbench ${script}: ${transactions} bookings, ${opts.dbPool} clients`, async () => {
    const { stdout } = await promisify(execFile)(path.join(pg.bin, 'pgbench'), args);
    return stdout;
  });
  const figure = (re: RegExp) => Number(re.exec(out)?.[1] ?? Number.NaN);
  const tps = figure(/tps = ([\d.]+)/);
  const failed = figure(/number of failed transactions: (\d+)/);
  const booked = (await placesOf(sql, slot)).live;
  const shown = args.slice(0, -1).map((a) => (path.isAbsolute(a) ? path.relative(process.cwd(), a) : a));
  return {
    tps,
    line:
      `${transactions} bookings, ${opts.dbPool} clients, avg ${ms(figure(/latency average = ([\d.]+) ms/))}, ` +
      `failed ${failed}, booked ${booked}`,
    command: `pgbench ${shown.join(' ')} <url>`,
    failures: [
      failed !== 0 && `pgbench ${script}: ${failed} failed transactions`,
      booked !== transactions && `pgbench ${script} booked ${booked} of ${transactions}`,
    ],
  };
}

const outcome = (a: Answer) =>
  a.status === 201
    ? 'CREATED'
    : ((a.body as { error?: { code?: string } })?.error?.code ?? `HTTP ${a.status}`);

async function main() {
  const started = performance.now();
  const loadAtStart = os.loadavg()[0]!.toFixed(1);
  const pg = await step('throw-away PostgreSQL', () => throwAwayPostgres());
  const jwtSecret = randomBytes(32).toString('hex');
  const inspectPort = opts.profile ? await pg.freePort() : undefined;
  const server = await step('server: migrate, seed the demo hospital, listen', async () =>
    startServer({
      databaseUrl: pg.url,
      port: await pg.freePort(),
      inspectPort,
      env: {
        JWT_SECRET: jwtSecret,
        PII_KEY: randomBytes(32).toString('hex'),
        DATABASE_POOL_SIZE: String(opts.dbPool),
      },
    }),
  );
  const db = openPostgres(pg.url, 4);
  const client = httpClient(server.base, opts.concurrency);
  try {
    const sql = db.sql;
    const [{ tz }] = (await sql.query<{ tz: string }>('SELECT time_zone AS tz FROM hospital LIMIT 1')) as [
      { tz: string },
    ];
    const history = await step(`${opts.historyDays} days of history`, () =>
      insertHistory(sql, { days: opts.historyDays, patients: 20_000 }),
    );
    const s = await createSession(sql, tz);
    const raceSlot = await s.slot(0, opts.places);
    const warmSlot = await s.slot(30, 100);
    const tokens = createTokenService({ secret: jwtSecret, accessTtlSeconds: 3600, refreshTtlSeconds: 3600 });
    /** A booking request, its token signed beforehand so the race measures the server, not the signing. */
    const book = (slotId: string, p: { profileId: string; accountId: string }) => {
      const token = tokens.issue({ kind: 'patient', accountId: p.accountId }).accessToken;
      return () =>
        client
          .request('POST', '/api/v1/bookings', { token, body: { slotId, profileId: p.profileId } })
          .catch((error: Error): Answer => ({ status: 0, body: { error: { code: error.message } }, ms: 0 }));
    };

    // Warm-up on another slot: the server's first requests (JIT, Prisma's query cache) are not the race.
    const warm = await insertPatients(sql, 'warmup', 100);
    await step('warm-up: 100 bookings on another slot', () =>
      pool(
        warm.map((p) => book(warmSlot, p)),
        20,
      ),
    );

    // ---- the race
    const patients = await step(`${opts.patients} patients`, () =>
      insertPatients(sql, 'race', opts.patients),
    );
    const jobs = patients.map((p) => {
      const run = book(raceSlot, p);
      return async () => ({ ...(await run()), at: performance.now() });
    });
    const profiler = inspectPort ? await inspect(inspectPort) : undefined;
    await profiler?.start();
    const raceStart = performance.now();
    const answers = await step(
      `race: ${opts.patients} patients, ${opts.places} places, concurrency ${opts.concurrency}`,
      () => pool(jobs, opts.concurrency),
    );
    const raceSeconds = (performance.now() - raceStart) / 1000;
    const profile = await profiler?.stop();
    profiler?.close();
    const byOutcome: Record<string, number> = {};
    for (const a of answers) byOutcome[outcome(a)] = (byOutcome[outcome(a)] ?? 0) + 1;
    const created = answers.filter((a) => a.status === 201);
    const soldOutSeconds = created.length ? (Math.max(...created.map((a) => a.at)) - raceStart) / 1000 : NaN;
    const errors = Object.entries(byOutcome).filter(([k]) => k !== 'CREATED' && k !== 'SLOT_FULL');
    const places = await placesOf(sql, raceSlot);
    const overbooked = Math.max(0, places.live - places.capacity);
    const latencies = answers.map((a) => a.ms);
    const serverErrors = server.errors();

    // ---- the week of slots, with the history in place
    const from = localDate(new Date(), tz);
    const query = `/api/v1/slots?departmentId=${s.departmentId}&from=${from}&to=${addDays(from, 6)}`;
    const weekly = await step(
      `availability: ${opts.queries} × GET ${query.split('?')[0]} (7 days)`,
      async () => {
        const run = () => client.request('GET', query);
        for (let i = 0; i < 10; i++) await run(); // warm-up
        const out: Answer[] = [];
        for (let i = 0; i < opts.queries; i++) out.push(await run());
        return out;
      },
    );
    const badQuery = weekly.find((a) => a.status !== 200);
    if (badQuery)
      throw new Error(`GET ${query} answered ${badQuery.status}: ${JSON.stringify(badQuery.body)}`);
    const itemsPerWeek = (weekly[0]!.body as { items: unknown[] }).items.length;

    // ---- the database ceilings, the server stopped: pgbench of the project's booking SQL, then of the least
    // SQL that keeps the same capacity invariant (one statement), each on a slot of its own
    await server.stop();
    await sql.exec('VACUUM ANALYZE');
    const project = await pgbench(pg, sql, s, 'booking.pgbench.sql', 'pgbench');
    const minimal = await pgbench(pg, sql, s, 'minimal.pgbench.sql', 'minimal');

    // ---- figures
    const bookingsPerSecond = created.length / soldOutSeconds;
    const requestsPerSecond = answers.length / raceSeconds;
    const expected = Math.min(opts.patients, opts.places);
    printTable(
      `Booking race: ${opts.patients} patients, ${opts.places} places, concurrency ${opts.concurrency} ` +
        `(${pg.version}, server pool ${opts.dbPool}, ${os.cpus().length} CPUs)`,
      [
        ['bookings', `${created.length} (expected ${expected}); SLOT_FULL ${byOutcome.SLOT_FULL ?? 0}`],
        ['overbooked places', `${overbooked} (slot counter ${places.booked}, live bookings ${places.live})`],
        ['errors', errors.length ? errors.map(([k, v]) => `${k} ×${v}`).join(', ') : '0'],
        ...serverErrors.map(([message, n]): [string, string] => ['  server logged', `×${n} ${message}`]),
        [
          'bookings/s',
          `${perSecond(bookingsPerSecond)} (${expected} places gone in ${soldOutSeconds.toFixed(2)} s)`,
        ],
        [
          'requests/s',
          `${perSecond(requestsPerSecond)} (${answers.length} answers in ${raceSeconds.toFixed(2)} s)`,
        ],
        [
          'latency p50 / p95 / p99',
          `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 95))} / ${ms(percentile(latencies, 99))}`,
        ],
        ['pgbench, project SQL', `${perSecond(project.tps)} (${project.line})`],
        ['pgbench, minimal SQL', `${perSecond(minimal.tps)} (${minimal.line})`],
        [
          'HTTP ÷ pgbench',
          `bookings/s ${share(bookingsPerSecond, project.tps)} of the project SQL, ` +
            `${share(bookingsPerSecond, minimal.tps)} of the minimal; requests/s ` +
            `${share(requestsPerSecond, project.tps)} / ${share(requestsPerSecond, minimal.tps)}`,
        ],
        ['project SQL ÷ minimal', share(project.tps, minimal.tps)],
      ],
    );
    const week = weekly.map((a) => a.ms);
    printTable(
      `Availability: GET /api/v1/slots, 7 days of ${s.department}, ${opts.queries} sequential calls, with ` +
        `${opts.historyDays} days of history (${history.sessions} sessions, ${history.slots} slots, ${history.bookings} bookings)`,
      [
        [
          'p50 / p95 / p99',
          `${ms(percentile(week, 50))} / ${ms(percentile(week, 95))} / ${ms(percentile(week, 99))}`,
        ],
        ['slots per answer', String(itemsPerWeek)],
      ],
    );
    if (profile) summarise(profile, 'race', path.join(ROOT, '.cache'));
    const command =
      `N=${opts.patients} M=${opts.places} CONCURRENCY=${opts.concurrency} DB_POOL=${opts.dbPool} ` +
      `PGBENCH_TX=${opts.pgbenchTxPerClient} HISTORY_DAYS=${opts.historyDays} QUERIES=${opts.queries} npm run bench:booking`;
    console.log(`\n  command  ${command}`);
    for (const run of [project, minimal]) console.log(`  pgbench  ${run.command}`);
    console.log(
      `  total    ${((performance.now() - started) / 1000).toFixed(0)} s; load average at start ${loadAtStart}, ` +
        `now ${os.loadavg()[0]!.toFixed(1)} (other work on this machine skews every figure)`,
    );

    // ---- correctness: the only things a benchmark asserts
    const failures = [
      overbooked > 0 && `${overbooked} places overbooked`,
      created.length !== expected && `${created.length} bookings instead of ${expected}`,
      places.booked !== places.live && `slot counter ${places.booked} ≠ ${places.live} live bookings`,
      ...[project, minimal].flatMap((run) => run.failures),
    ].filter(Boolean);
    if (failures.length) {
      console.error(`\nFAILED: ${failures.join('; ')}`);
      process.exitCode = 1;
    }
  } finally {
    client.close();
    await server.stop();
    await db.close();
    cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  cleanup();
  process.exit(1);
});
