import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readMigrations } from '../../server/src/db/migrate';

export const ROOT = path.resolve(__dirname, '..', '..');
export const MIGRATIONS_DIR = path.join(ROOT, 'prisma', 'migrations');
export const DEMO_PASSWORD = 'demo1234';
/** Fixed keys so tests are reproducible; never used outside tests. */
export const TEST_SECRETS = {
  jwtSecret: 'test-secret-that-is-long-enough-for-hs256-0123456789',
  piiKey: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
};

/** The template depends on the migrations and the seed; any change to them makes a new one. */
export function templateKey(): string {
  const hash = createHash('sha256');
  // A dump only loads into the PGlite build that wrote it.
  const pglite = createRequire(path.join(ROOT, 'server', 'package.json')).resolve('@electric-sql/pglite');
  hash.update(pglite);
  hash.update(fs.readFileSync(path.join(pglite.slice(0, pglite.lastIndexOf('/dist/')), 'package.json')));
  for (const m of readMigrations(MIGRATIONS_DIR)) hash.update(m.checksum);
  for (const f of ['demo-hospital.ts', 'seed.ts']) {
    hash.update(fs.readFileSync(path.join(ROOT, 'server', 'src', 'db', 'seed', f)));
  }
  return hash.digest('hex').slice(0, 16);
}

export const CACHE_DIR = path.join(ROOT, '.cache', 'test-db');
export const pgliteTemplateFile = (key: string) => path.join(CACHE_DIR, `pglite-${key}.tar.gz`);
export const pgTemplateName = (key: string) => `hospital_tpl_${key}`;
