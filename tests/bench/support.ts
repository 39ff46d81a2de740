// Shared pieces of the benchmarks: a throw-away PostgreSQL, the real server in a child process, a keep-alive
// HTTP client, bulk patients, statistics and the final table. Nothing here asserts timing.
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SqlExecutor } from '../../server/src/db/sql';

export const ROOT = path.resolve(__dirname, '..', '..');

// ---- options

/** A positive integer from `--name=value` or the environment variable NAME, else the default. */
export function intOption(name: string, fallback: number): number {
  const flag = process.argv.find((a) => a.startsWith(`--${name.toLowerCase()}=`));
  const raw = flag?.split('=')[1] ?? process.env[name.toUpperCase()];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: expected a positive integer, got "${raw}"`);
  return n;
}

// ---- clean-up that runs on success, failure and Ctrl-C

const cleanups: (() => void)[] = [];
/** Registers a synchronous clean-up step; steps run last-registered first, once. */
export function onCleanup(fn: () => void): void {
  cleanups.push(fn);
}
export function cleanup(): void {
  while (cleanups.length) {
    try {
      cleanups.pop()!();
    } catch (error) {
      console.error('clean-up step failed:', error);
    }
  }
}
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: cleaning up`);
    cleanup();
    process.exit(130);
  });
}

// ---- PostgreSQL (scripts/lib/postgres.mjs, shared with `npm test`)

interface PostgresLib {
  findPgBin(): string | undefined;
  freePort(): Promise<number>;
  startPostgres(bin: string): Promise<{ url: string; version: string; stop(): void }>;
}

export async function throwAwayPostgres() {
  const lib: PostgresLib = await import(pathToFileURL(path.join(ROOT, 'scripts/lib/postgres.mjs')).href);
  const bin = lib.findPgBin();
  if (!bin) throw new Error('PostgreSQL binaries not found (apt-get install postgresql, or set PG_BIN)');
  const pg = await lib.startPostgres(bin);
  onCleanup(() => pg.stop());
  return { ...pg, bin, freePort: lib.freePort };
}

// ---- the server, as it runs in production: its own process, migrating and seeding on start

export async function startServer(opts: {
  databaseUrl: string;
  port: number;
  env: Record<string, string>;
  /** Opens the inspector on this loopback port (cpu-profile.ts takes a profile through it). */
  inspectPort?: number;
}) {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(opts.inspectPort ? [`--inspect=127.0.0.1:${opts.inspectPort}`] : []),
      '--import',
      'tsx',
      '--conditions=@hospital/source',
      'server/src/index.ts',
    ],
    {
      cwd: ROOT,
      // Its own process group, so that everything it starts is stopped with it.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DATABASE_URL: opts.databaseUrl,
        PORT: String(opts.port),
        HOST: '127.0.0.1',
        SEED_DEMO: 'true',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '10000000',
        ...opts.env,
      },
    },
  );
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  // Errors the server logged (pino JSON, level ≥ 50), by message, to explain any 500 in the figures.
  const errors = new Map<string, number>();
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    keep(chunk);
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      try {
        const entry = JSON.parse(line) as { level?: number; err?: { message?: string } };
        if ((entry.level ?? 0) < 50 || !entry.err?.message) continue;
        // Prisma's messages are "Invalid `…` invocation in …", a code frame, then the reason on the last line.
        const lines = entry.err.message.split('\n').filter((l) => l.trim());
        const message = (lines.length > 1 ? `${lines[0]} … ${lines.at(-1)}` : lines[0]!).slice(0, 240);
        errors.set(message, (errors.get(message) ?? 0) + 1);
      } catch {
        /* not a log line */
      }
    }
  });
  child.stderr!.on('data', keep);
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* already gone */
    }
  };
  onCleanup(() => killGroup('SIGKILL'));

  const base = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error(`the server stopped during start-up:\n${output.join('')}`);
    if (Date.now() > deadline) throw new Error(`the server was not ready within 120 s:\n${output.join('')}`);
    const ready = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    output: () => output.join(''),
    /** Logged errors so far: message → count. */
    errors: () => [...errors],
    /** SIGTERM (graceful shutdown), SIGKILL after 5 s. */
    async stop() {
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

// ---- HTTP with enough keep-alive connections for the race

export interface Answer {
  status: number;
  body: unknown;
  ms: number;
  /** The response's headers (absent on an answer made up for a network error). */
  headers?: http.IncomingHttpHeaders;
}

export function httpClient(base: string, maxSockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const url = new URL(base);
  function request(
    method: string,
    p: string,
    opts: { token?: string; body?: object; headers?: Record<string, string> } = {},
  ) {
    const payload = opts.body ? JSON.stringify(opts.body) : undefined;
    const started = performance.now();
    return new Promise<Answer>((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method,
          path: p,
          headers: {
            accept: 'application/json',
            ...(payload ? { 'content-type': 'application/json' } : {}),
            ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
            ...opts.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            let body: unknown = text;
            try {
              body = JSON.parse(text);
            } catch {
              /* not JSON: keep the text */
            }
            resolve({
              status: res.statusCode ?? 0,
              body,
              ms: performance.now() - started,
              headers: res.headers,
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }
  return { request, close: () => agent.destroy() };
}

/** Runs `jobs` with at most `concurrency` in flight at once. */
export async function pool<T>(jobs: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return results;
}

// ---- bulk patients: one account and one profile each, straight into the database

/**
 * Adds `count` patients tagged `tag` and records them in `bench_patient` (n = 1…count), so SQL (history,
 * pgbench) can pick patients by number. ID hashes are unique per person, as the profile service keeps them.
 */
export async function insertPatients(sql: SqlExecutor, tag: string, count: number) {
  await sql.exec(`CREATE TABLE IF NOT EXISTS bench_patient (
    tag text NOT NULL, n int NOT NULL, profile_id uuid NOT NULL, account_id uuid NOT NULL,
    id_number_hash text NOT NULL, PRIMARY KEY (tag, n))`);
  await sql.query(
    `INSERT INTO bench_patient
     SELECT $1, i, gen_random_uuid(), gen_random_uuid(), 'bench-' || $1 || '-' || i FROM generate_series(1, $2::int) i`,
    [tag, count],
  );
  await sql.query(
    `INSERT INTO patient_account (id, openid) SELECT account_id, id_number_hash FROM bench_patient WHERE tag = $1`,
    [tag],
  );
  await sql.query(
    `INSERT INTO profile (id, account_id, name, id_type, id_number_hash, id_number_enc, id_number_masked,
                          phone_enc, phone_masked, birth_date, sex, relationship, updated_at)
     SELECT profile_id, account_id, '压测患者' || n, 'RESIDENT_ID', id_number_hash, 'x', '1101**********0000',
            'x', '138****0000', DATE '1980-01-01', 'MALE', 'SELF', now()
       FROM bench_patient WHERE tag = $1`,
    [tag],
  );
  return sql.query<{ profileId: string; accountId: string }>(
    `SELECT profile_id AS "profileId", account_id AS "accountId" FROM bench_patient WHERE tag = $1 ORDER BY n`,
    [tag],
  );
}

// ---- statistics and output

/** Nearest-rank percentile of unsorted values. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const ms = (v: number) => `${v.toFixed(1)} ms`;
export const perSecond = (v: number) => `${v.toFixed(0)}/s`;

export function printTable(title: string, rows: [string, string][]): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${title}`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

/** Times a step and prints how long it took. */
export async function step<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  process.stdout.write(`› ${label} … `);
  const result = await fn();
  console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}
