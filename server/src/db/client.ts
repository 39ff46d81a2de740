import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/client';
import { type Listener, listenPostgres } from './listen';
import { pgliteExecutor, pgPoolExecutor, type SqlExecutor } from './sql';

export type { Prisma } from './generated/client';
/** Re-exported so tests and tools use the server's PGlite build, not another copy in node_modules. */
export { PGlite };

/** What services and repositories get: the Prisma client, or the client inside a transaction. */
export type Db = PrismaClient;
export type DbTx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
export type DbClient = Db | DbTx;

export interface Database {
  prisma: PrismaClient;
  sql: SqlExecutor;
  kind: 'pglite' | 'postgres';
  /** For logs: never contains a password. */
  describe: string;
  close(): Promise<void>;
  /**
   * LISTEN on a channel: on PostgreSQL over a connection of its own (reopened when lost) so that several
   * instances hear each other's `pg_notify`; on PGlite in-process. `onNotify` also runs once on (re)connect.
   */
  listen(channel: string, onNotify: () => void): Promise<Listener>;
}

/** Opens PostgreSQL through a pg pool that Prisma and the SQL executor share. */
export function openPostgres(
  url: string,
  poolSize = 10,
  onIdleError: (error: Error) => void = () => undefined,
): Database {
  const pool = new Pool({ connectionString: url, max: poolSize });
  // An idle connection can be cut by the server (restart, failover, an administrator): the pool drops it and
  // opens a new one on demand. Without a listener Node would treat the event as an uncaught error and exit.
  pool.on('error', onIdleError);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const safe = new URL(url);
  safe.password = safe.password ? '***' : '';
  return {
    prisma,
    sql: pgPoolExecutor(pool),
    kind: 'postgres',
    describe: `PostgreSQL ${safe.host}${safe.pathname}`,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
    listen: (channel, onNotify) => listenPostgres(url, channel, onNotify, onIdleError),
  };
}

/** Wraps an open PGlite instance (the embedded default, and tests' in-memory databases). */
export function fromPGlite(pglite: PGlite, describe: string): Database {
  // The adapter's types name an older PGlite (its peer range is open); the runtime API it uses is the same.
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite as never) });
  return {
    prisma,
    sql: pgliteExecutor(pglite),
    kind: 'pglite',
    describe,
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
    // PGlite delivers `pg_notify` at commit to listeners in this process, like PostgreSQL does to others.
    async listen(channel, onNotify) {
      const unlisten = await pglite.listen(channel, () => onNotify());
      onNotify();
      return { close: () => unlisten() };
    },
  };
}

/** Opens (creating when missing) the embedded database in `dir`. One process at a time. */
export async function openPGlite(dir: string): Promise<Database> {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const pglite = await PGlite.create({ dataDir: dir });
  return fromPGlite(pglite, `PGlite ${dir}`);
}

export async function openDatabase(opts: {
  url?: string;
  dataDir: string;
  poolSize?: number;
  onIdleError?: (error: Error) => void;
}): Promise<Database> {
  return opts.url
    ? openPostgres(opts.url, opts.poolSize, opts.onIdleError)
    : openPGlite(path.join(opts.dataDir, 'pglite'));
}
