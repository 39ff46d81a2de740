import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Client } from 'pg';
import { type Database, fromPGlite, openPostgres, PGlite } from '../../server/src/db/client';
import { pgliteTemplateFile, pgTemplateName, templateKey } from './template';

/** Which database this test run uses: PGlite in memory by default, PostgreSQL with TEST_DATABASE_URL. */
export const TEST_DB_KIND: 'pglite' | 'postgres' = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

async function adminQuery(sql: string): Promise<void> {
  const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

function urlFor(name: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A private database for one test file, migrated and holding the demo hospital.
 * `empty: true` gives a database with nothing in it (for migration tests).
 */
export async function createTestDatabase(
  opts: { empty?: boolean } = {},
): Promise<Database & { /** PostgreSQL only: for a server process of its own. */ url?: string }> {
  if (TEST_DB_KIND === 'postgres') {
    const name = `t_${randomBytes(6).toString('hex')}`;
    await adminQuery(
      opts.empty
        ? `CREATE DATABASE ${name}`
        : `CREATE DATABASE ${name} TEMPLATE ${pgTemplateName(templateKey())}`,
    );
    const db = openPostgres(urlFor(name), 20);
    return {
      ...db,
      url: urlFor(name),
      async close() {
        await db.close();
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }
  if (opts.empty) return fromPGlite(await PGlite.create({ dataDir: 'memory://' }), 'PGlite (empty)');
  const blob = new Blob([fs.readFileSync(pgliteTemplateFile(templateKey()))]);
  return fromPGlite(await PGlite.create({ dataDir: 'memory://', loadDataDir: blob }), 'PGlite (template)');
}
