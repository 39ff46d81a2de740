import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Database } from '../../server/src/db/client';
import { applyMigrations, MigrationError, markRolledBack, readMigrations } from '../../server/src/db/migrate';
import { createTestDatabase, TEST_DB_KIND } from '../support/db';
import { MIGRATIONS_DIR, ROOT } from '../support/template';

/** A private copy of the migrations folder that a test may edit. */
function copyMigrations(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

function addMigration(dir: string, name: string, sql: string) {
  fs.mkdirSync(path.join(dir, name));
  fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql);
}

let db: Database;
beforeEach(async () => {
  db = await createTestDatabase({ empty: true });
});
afterEach(() => db.close());

test(`every migration applies to an empty ${TEST_DB_KIND} database, recorded as Prisma records it`, async () => {
  const files = readMigrations(MIGRATIONS_DIR);
  const { applied } = await applyMigrations(db.sql, MIGRATIONS_DIR);
  expect(applied).toEqual(files.map((f) => f.name));

  const rows = await db.sql.query<{
    migration_name: string;
    checksum: string;
    finished_at: Date | null;
    applied_steps_count: number;
  }>(
    'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
  );
  expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
  for (const row of rows) {
    const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
    expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
    expect(row.finished_at).not.toBeNull();
    expect(row.applied_steps_count).toBe(1);
  }
  // The schema is usable through Prisma.
  expect(await db.prisma.department.count()).toBe(0);
});

test('a second start applies nothing', async () => {
  await applyMigrations(db.sql, MIGRATIONS_DIR);
  const second = await applyMigrations(db.sql, MIGRATIONS_DIR);
  expect(second.applied).toEqual([]);
  const [{ n }] = (await db.sql.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM "_prisma_migrations"',
  )) as [{ n: number }];
  expect(n).toBe(readMigrations(MIGRATIONS_DIR).length);
});

test('two instances starting at once apply each migration once', async () => {
  const results = await Promise.all([
    applyMigrations(db.sql, MIGRATIONS_DIR),
    applyMigrations(db.sql, MIGRATIONS_DIR),
  ]);
  expect([...results[0].applied, ...results[1].applied].sort()).toEqual(
    readMigrations(MIGRATIONS_DIR).map((f) => f.name),
  );
});

test('an edited migration stops start-up with a clear message', async () => {
  const dir = copyMigrations();
  await applyMigrations(db.sql, dir);
  const first = readMigrations(dir)[0]!;
  fs.appendFileSync(path.join(dir, first.name, 'migration.sql'), '\n-- a harmless-looking edit\n');
  await expect(applyMigrations(db.sql, dir)).rejects.toThrow(MigrationError);
  await expect(applyMigrations(db.sql, dir)).rejects.toThrow(
    `Migration ${first.name} was edited after it was applied`,
  );
});

test('a failing migration is rolled back whole, recorded, and blocks the next start until resolved', async () => {
  const dir = copyMigrations();
  addMigration(
    dir,
    '99990101000000_broken',
    'CREATE TABLE half_done (id int);\nALTER TABLE no_such_table ADD COLUMN x int;',
  );
  await expect(applyMigrations(db.sql, dir)).rejects.toThrow(
    /Migration 99990101000000_broken failed and was rolled back/,
  );
  // Nothing of it stayed behind.
  const [leftover] = await db.sql.query<{ exists: boolean }>(
    "SELECT to_regclass('half_done') IS NOT NULL AS exists",
  );
  expect(leftover?.exists).toBe(false);
  // The next start refuses, saying how to resolve it.
  await expect(applyMigrations(db.sql, dir)).rejects.toThrow(
    /failed earlier and was not resolved.*--rolled-back 99990101000000_broken/s,
  );

  // An operator fixes the migration and marks the failure rolled back: the next start applies it.
  fs.writeFileSync(
    path.join(dir, '99990101000000_broken', 'migration.sql'),
    'CREATE TABLE half_done (id int);',
  );
  expect(await markRolledBack(db.sql, '99990101000000_broken')).toBe(1);
  const { applied } = await applyMigrations(db.sql, dir);
  expect(applied).toEqual(['99990101000000_broken']);
});

const run = promisify(execFile);

test('the server itself refuses to start on a failed migration and says why', async () => {
  const dir = copyMigrations();
  addMigration(dir, '99990101000000_broken', 'ALTER TABLE no_such_table ADD COLUMN x int;');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-'));
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MIGRATIONS_DIR: dir,
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
  };
  if (TEST_DB_KIND === 'postgres') {
    // Start against this test's empty PostgreSQL database.
    const [current] = await db.sql.query<{ name: string }>('SELECT current_database() AS name');
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${current!.name}`;
    env.DATABASE_URL = url.toString();
  }
  const failure = await run(process.execPath, [tsx, '--conditions=@hospital/source', 'server/src/index.ts'], {
    cwd: ROOT,
    env,
  }).then(
    () => undefined,
    (e: { code: number; stderr: string }) => e,
  );
  expect(failure?.code).toBe(1);
  expect(failure?.stderr).toContain(
    'Start-up stopped: Migration 99990101000000_broken failed and was rolled back',
  );
}, 60_000);

test('a notice-only consent kept as "<version>/notice" becomes a row of scope NOTICE for that version', async () => {
  // The database as the release before the scope column left it, with one consent of each kind.
  const all = copyMigrations();
  const before = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  for (const f of readMigrations(all)) {
    if (f.name >= '20261201204138_consent_scope_account_deleted') break;
    fs.cpSync(path.join(all, f.name), path.join(before, f.name), { recursive: true });
  }
  fs.copyFileSync(path.join(all, 'migration_lock.toml'), path.join(before, 'migration_lock.toml'));
  await applyMigrations(db.sql, before);
  const account = '5f0c4a3e-1d2b-4c5d-8e9f-0a1b2c3d4e5f';
  await db.sql.query(`INSERT INTO "patient_account" (id, openid) VALUES ('${account}', 'sms:abc')`);
  await db.sql.query(
    `INSERT INTO "privacy_consent" (id, account_id, version, accepted_at) VALUES
       (gen_random_uuid(), '${account}', '2026-12-01/notice', now()),
       (gen_random_uuid(), '${account}', '2026-12-01', now())`,
  );

  await applyMigrations(db.sql, all);
  const rows = await db.sql.query<{ version: string; scope: string }>(
    'SELECT version, scope::text AS scope FROM "privacy_consent" ORDER BY scope',
  );
  expect(rows).toEqual([
    { version: '2026-12-01', scope: 'NOTICE' },
    { version: '2026-12-01', scope: 'NOTICE_AND_SENSITIVE' },
  ]);
});
