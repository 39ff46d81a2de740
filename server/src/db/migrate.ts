import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SqlExecutor } from './sql';

/**
 * Applies `prisma/migrations/<name>/migration.sql` in order, recording each in `_prisma_migrations`
 * exactly as Prisma does (checksum = sha256 of the file), so `prisma migrate deploy` on a machine with
 * Prisma's native engine sees the same history. We run them ourselves because that engine cannot be
 * installed everywhere this product runs.
 *
 * Each migration runs in its own transaction under an advisory lock, so two instances starting at once
 * apply it once. A failed migration is recorded as failed and stops start-up; so does a migration whose
 * file changed after it was applied.
 */
export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
}

/** Same key on every instance: `hospital-migrations` hashed to a bigint-safe integer. */
const LOCK_KEY = 72_707_369_001;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export function readMigrations(dir: string): MigrationFile[] {
  if (!fs.existsSync(dir)) throw new MigrationError(`migrations folder not found: ${dir}`);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

async function recorded(sql: SqlExecutor): Promise<Map<string, MigrationRow>> {
  const rows = await sql.query<MigrationRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM "_prisma_migrations"
     WHERE rolled_back_at IS NULL ORDER BY started_at`,
  );
  return new Map(rows.map((r) => [r.migration_name, r]));
}

function refuseBroken(files: MigrationFile[], rows: Map<string, MigrationRow>): void {
  for (const file of files) {
    const row = rows.get(file.name);
    if (!row) continue;
    if (!row.finished_at) {
      throw new MigrationError(
        `Migration ${file.name} failed earlier and was not resolved. Fix the database by hand, then mark it ` +
          `rolled back (npm run migrate -- --rolled-back ${file.name}) and start again.` +
          (row.logs ? `\nIts error was: ${row.logs}` : ''),
      );
    }
    if (row.checksum !== file.checksum) {
      throw new MigrationError(
        `Migration ${file.name} was edited after it was applied (checksum differs). Restore the original ` +
          'file and put the change in a new migration.',
      );
    }
  }
}

export interface MigrateResult {
  applied: string[];
  /** Recorded in the database but missing from the folder (a newer build ran here). */
  unknown: string[];
}

export async function applyMigrations(sql: SqlExecutor, dir: string): Promise<MigrateResult> {
  const files = readMigrations(dir);
  await sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await tx.exec(CREATE_TABLE);
  });
  const before = await recorded(sql);
  refuseBroken(files, before);

  const applied: string[] = [];
  for (const file of files) {
    if (before.has(file.name)) continue;
    try {
      const didApply = await sql.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
        // Another instance may have applied it while we waited for the lock.
        const now = await recorded(tx);
        refuseBroken([file], now);
        if (now.has(file.name)) return false;
        await tx.exec(file.sql);
        await tx.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), file.checksum, file.name],
        );
        return true;
      });
      if (didApply) applied.push(file.name);
    } catch (error) {
      if (error instanceof MigrationError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      await sql.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, logs, applied_steps_count)
         VALUES ($1, $2, $3, now(), $4, 0)`,
        [randomUUID(), file.checksum, file.name, reason],
      );
      throw new MigrationError(`Migration ${file.name} failed and was rolled back: ${reason}`);
    }
  }
  const names = new Set(files.map((f) => f.name));
  return { applied, unknown: [...before.keys()].filter((n) => !names.has(n)) };
}

/** Marks a failed migration as rolled back after an operator repaired the database by hand. */
export async function markRolledBack(sql: SqlExecutor, name: string): Promise<number> {
  const rows = await sql.query<{ id: string }>(
    `UPDATE "_prisma_migrations" SET rolled_back_at = now()
     WHERE migration_name = $1 AND finished_at IS NULL AND rolled_back_at IS NULL RETURNING id`,
    [name],
  );
  return rows.length;
}

/** True when every migration in the folder is applied (for /readyz). */
export async function migrationsUpToDate(sql: SqlExecutor, dir: string): Promise<boolean> {
  const rows = await recorded(sql);
  return readMigrations(dir).every(
    (f) => rows.get(f.name)?.finished_at && rows.get(f.name)?.checksum === f.checksum,
  );
}
