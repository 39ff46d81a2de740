// A throw-away PostgreSQL cluster for tests and benchmarks: initdb in a temp folder, a free loopback port,
// removed on stop. Run directly (`node scripts/lib/postgres.mjs`) it starts one and prints its URL until Ctrl-C.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export function findPgBin() {
  const base = '/usr/lib/postgresql';
  if (process.env.PG_BIN) return process.env.PG_BIN;
  if (!fs.existsSync(base)) return undefined;
  const versions = fs
    .readdirSync(base)
    .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
    .sort((a, b) => b - a);
  return versions.length ? path.join(base, versions[0], 'bin') : undefined;
}

export async function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** initdb + pg_ctl start in a temp folder; as root, through the postgres user (initdb refuses root). */
export async function startPostgres(bin) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hospital-pg-'));
  fs.chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const wrap = (cmd, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
  let port = await freePort();
  const exec = (cmd, args) => {
    const [c, a] = wrap(path.join(bin, cmd), args);
    execFileSync(c, a, { stdio: ['ignore', 'ignore', 'inherit'] });
  };
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  exec('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  // The probed port may be taken by another process before PostgreSQL binds it: try a fresh one then.
  for (let attempt = 1; ; attempt++) {
    try {
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
      break;
    } catch (error) {
      if (attempt >= 3) throw error;
      port = await freePort();
    }
  }
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

if (process.argv[1] && import.meta.filename === fs.realpathSync(process.argv[1])) {
  const bin = findPgBin();
  if (!bin) {
    console.error('PostgreSQL binaries not found: apt-get install postgresql');
    process.exit(1);
  }
  const pg = await startPostgres(bin);
  console.log(pg.url);
  const stop = () => {
    pg.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
}
