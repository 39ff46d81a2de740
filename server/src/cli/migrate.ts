import { loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { applyMigrations, markRolledBack } from '../db/migrate';

/**
 * `npm run migrate`: apply pending migrations (the server also does this at start-up).
 * `npm run migrate -- --rolled-back <name>`: after repairing a failed migration by hand, mark it rolled back
 * so the next start applies it again.
 */
async function main() {
  const config = loadConfig();
  const db = await openDatabase({ url: config.database.url, dataDir: config.dataDir });
  try {
    const flag = process.argv.indexOf('--rolled-back');
    if (flag >= 0) {
      const name = process.argv[flag + 1];
      if (!name) throw new Error('usage: npm run migrate -- --rolled-back <migration name>');
      const n = await markRolledBack(db.sql, name);
      console.log(n ? `${name} marked rolled back` : `${name} has no failed, unresolved record`);
      return;
    }
    const { applied } = await applyMigrations(db.sql, config.migrationsDir);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : `${db.describe}: up to date`);
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
