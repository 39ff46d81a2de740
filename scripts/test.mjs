#!/usr/bin/env node
// `npm test`: every suite on the embedded database (PGlite), then the server suite again on a throw-away
// PostgreSQL cluster when its binaries are installed. REQUIRE_POSTGRES=1 (CI) fails when they are not.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const jestBin = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const passthrough = process.argv.slice(2);
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

function findPgBin() {
  const base = '/usr/lib/postgresql';
  if (process.env.PG_BIN) return process.env.PG_BIN;
  if (!fs.existsSync(base)) return undefined;
  const versions = fs
    .readdirSync(base)
    .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
    .sort((a, b) => b - a);
  return versions.length ? path.join(base, versions[0], 'bin') : undefined;
}

async function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** initdb + pg_ctl start in a temp folder; as root, through the postgres user (initdb refuses root). */
async function startPostgres(bin) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hospital-pg-'));
  fs.chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const wrap = (cmd, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
  const port = await freePort();
  const exec = (cmd, args) => {
    const [c, a] = wrap(path.join(bin, cmd), args);
    execFileSync(c, a, { stdio: ['ignore', 'ignore', 'inherit'] });
  };
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  exec('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  exec('pg_ctl', [
    '-D',
    data,
    '-l',
    path.join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`,
    'start',
  ]);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    version: execFileSync(path.join(bin, 'postgres'), ['--version'])
      .toString()
      .replace(/^.*\(PostgreSQL\)\s*(\S+).*$/s, 'PostgreSQL $1'),
    stop() {
      try {
        exec('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } catch {
        /* already gone */
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const generate = run(
  process.execPath,
  [path.join(root, 'node_modules', 'prisma', 'build', 'index.js'), 'generate'],
  {},
);
if (generate !== 0) process.exit(generate);

const results = [jest('all projects on PGlite (in memory)', [])];
const databases = ['PGlite'];
const bin = findPgBin();
if (bin) {
  const pg = await startPostgres(bin);
  try {
    results.push(
      jest(`server on ${pg.version}`, ['--selectProjects', 'server'], { TEST_DATABASE_URL: pg.url }),
    );
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
