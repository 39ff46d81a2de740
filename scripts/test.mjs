#!/usr/bin/env node
// `npm test`: every suite on the embedded database (PGlite), then the server suite and the console's booking and
// money journeys again on a throw-away PostgreSQL cluster when its binaries are installed. REQUIRE_POSTGRES=1
// (CI) fails when they are not.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateIfStale } from './lib/generate.mjs';
import { findPgBin, startPostgres } from './lib/postgres.mjs';

const root = path.resolve(import.meta.dirname, '..');
const jestBin = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const passthrough = process.argv.slice(2);
// Jest's default leaves one core of a 2-core machine (CI's) idle: the PGlite suites are CPU-bound in-process,
// so there every core runs a test file. On PostgreSQL one file at a time: the event dispatcher's fence waits out
// transactions cluster-wide (txid snapshots), so another file's long transaction in the same throw-away cluster
// would hold its drain back. `--maxWorkers`/`-i` given on the command line win.
const chosen = passthrough.some((a) => /^(--maxWorkers|-w|-i|--runInBand)/.test(a));
const allCores = chosen ? [] : [`--maxWorkers=${os.availableParallelism()}`];
const oneAtATime = chosen ? [] : ['--maxWorkers=1'];
const requirePostgres = process.env.REQUIRE_POSTGRES === '1' || process.env.CI === 'true';

function run(cmd, args, env = {}) {
  const res = spawnSync(cmd, args, {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, TZ: 'UTC', ...env },
  });
  return res.status ?? 1;
}

function jest(label, args, env) {
  const report = path.join(os.tmpdir(), `jest-${process.pid}-${label}.json`);
  console.log(`\n━━ ${label} ━━`);
  const status = run(
    process.execPath,
    [
      '--experimental-vm-modules',
      // globalSetup runs outside Jest's module map: resolve @hospital/shared to its source there too.
      '--conditions=@hospital/source',
      '--no-warnings',
      jestBin,
      '--json',
      `--outputFile=${report}`,
      ...args,
      ...passthrough,
    ],
    env,
  );
  let counts = { passed: 0, failed: 0, skipped: 0 };
  if (fs.existsSync(report)) {
    const r = JSON.parse(fs.readFileSync(report, 'utf8'));
    counts = {
      passed: r.numPassedTests,
      failed: r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0),
      skipped: r.numPendingTests,
    };
    fs.rmSync(report);
  } else counts.failed = 1;
  return { label, status, ...counts };
}

// Only when the schema changed, under the same lock as `npm start` (a server started meanwhile reads it).
await generateIfStale(root);

const results = [jest('all projects on PGlite (in memory)', allCores)];
const databases = ['PGlite'];
const bin = findPgBin();
if (bin) {
  const pg = await startPostgres(bin);
  try {
    results.push(
      jest(`server on ${pg.version}`, ['--selectProjects', 'server', ...oneAtATime], {
        TEST_DATABASE_URL: pg.url,
      }),
    );
    // The console journeys that move bookings and money (schedules with its stop-clinic, the window's desk) in
    // the browser against a server on PostgreSQL too; in a full run only (a targeted run names its own files).
    if (!passthrough.length) {
      results.push(
        jest(
          `console e2e on ${pg.version}`,
          ['--selectProjects', 'e2e', '--testPathPatterns', 'console-(schedules|desk)', ...oneAtATime],
          { TEST_DATABASE_URL: pg.url },
        ),
      );
    }
    databases.push(pg.version);
  } finally {
    pg.stop();
  }
} else if (requirePostgres) {
  console.error('\nPostgreSQL binaries not found (/usr/lib/postgresql/*/bin) and this run requires them.');
  results.push({ label: 'server on PostgreSQL', status: 1, passed: 0, failed: 1, skipped: 0 });
} else {
  console.log(
    '\nPostgreSQL not installed: the server suite ran on PGlite only (apt-get install postgresql to add it).',
  );
}

console.log('\n━━ summary ━━');
for (const r of results)
  console.log(
    `${r.status === 0 ? 'ok  ' : 'FAIL'} ${r.label}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`,
  );
console.log(`databases used: ${databases.join(', ')}`);
const total = results.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed }), {
  passed: 0,
  failed: 0,
});
console.log(`tests: ${total.passed} passed, ${total.failed} failed`);
process.exit(results.every((r) => r.status === 0) ? 0 : 1);
