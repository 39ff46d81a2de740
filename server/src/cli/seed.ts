import { loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { seedDemoHospital } from '../db/seed/seed';
import { createPiiCipher } from '../security/pii';
import { resolveSecrets } from '../security/secrets';

/** `npm run seed`: migrate, then add whatever of the demo hospital is missing (safe to run again). */
async function main() {
  // Checked as a start-up that seeds: in production the demo staff must not get the published password.
  const config = loadConfig({ ...process.env, SEED_DEMO: 'true' });
  const db = await openDatabase({ url: config.database.url, dataDir: config.dataDir });
  try {
    await applyMigrations(db.sql, config.migrationsDir);
    const pii = createPiiCipher(resolveSecrets(config).piiKey);
    const { created } = await seedDemoHospital(db.prisma, { demoPassword: config.demoPassword, pii });
    const added = Object.entries(created).filter(([, n]) => n > 0);
    console.log(
      `${db.describe}: ${added.length ? `added ${added.map(([k, n]) => `${n} ${k}`).join(', ')}` : 'demo hospital already complete'}`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
