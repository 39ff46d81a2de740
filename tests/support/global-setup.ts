import fs from 'node:fs';
import { Client } from 'pg';
import { fromPGlite, openPostgres, PGlite } from '../../server/src/db/client';
import { applyMigrations } from '../../server/src/db/migrate';
import { seedDemoHospital } from '../../server/src/db/seed/seed';
import {
  CACHE_DIR,
  DEMO_PASSWORD,
  MIGRATIONS_DIR,
  pgliteTemplateFile,
  pgTemplateName,
  templateKey,
} from './template';

/**
 * The template holds the demo hospital with its rosters but no generated slots: slots depend on "now", and
 * tests choose their own now (an injected clock) and generate or create the sessions they need.
 *
 * Builds, once per run, a migrated and seeded database that every test file clones: a PGlite data-dir dump
 * (≈ 1 s to load instead of 5 s of initdb + migrations + seed), or a PostgreSQL template database when
 * TEST_DATABASE_URL is set (CREATE DATABASE … TEMPLATE is a file copy).
 */
export default async function globalSetup(): Promise<void> {
  const key = templateKey();
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new Client({ connectionString: url });
    await admin.connect();
    const name = pgTemplateName(key);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount) {
      await admin.query(`CREATE DATABASE ${name}`);
      const target = new URL(url);
      target.pathname = `/${name}`;
      const db = openPostgres(target.toString(), 2);
      await applyMigrations(db.sql, MIGRATIONS_DIR);
      await seedDemoHospital(db.prisma, { demoPassword: DEMO_PASSWORD, generateWindow: false });
      await db.close();
    }
    await admin.end();
    return;
  }
  const file = pgliteTemplateFile(key);
  if (fs.existsSync(file)) return;
  const pglite = await PGlite.create({ dataDir: 'memory://' });
  const db = fromPGlite(pglite, 'template');
  await applyMigrations(db.sql, MIGRATIONS_DIR);
  await seedDemoHospital(db.prisma, { demoPassword: DEMO_PASSWORD, generateWindow: false });
  await db.prisma.$disconnect();
  const dump = await pglite.dumpDataDir('gzip');
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  fs.writeFileSync(`${file}.tmp`, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(`${file}.tmp`, file);
  await pglite.close();
}
