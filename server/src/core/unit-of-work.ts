import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db, DbTx } from '../db/client';

/** The one set of transaction options: wait for a connection during a rush rather than fail; keep work short. */
export const TX_OPTIONS = { maxWait: 20_000, timeout: 15_000 } as const;

/** Deadlocks and serialization failures are safe to retry whole: PostgreSQL rolled everything back. */
const RETRYABLE = new Set(['40P01', '40001', 'P2034']);
const MAX_ATTEMPTS = 3;

function retryable(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { originalCode?: unknown; code?: unknown } } | null;
  const codes = [e?.code, e?.cause?.originalCode, e?.cause?.code];
  if (codes.some((c) => typeof c === 'string' && RETRYABLE.has(c))) return true;
  // Driver adapters sometimes carry the SQLSTATE only in the message.
  return error instanceof Error && /deadlock detected|could not serialize access/.test(error.message);
}

/**
 * The database client every service gets: `db.$transaction(fn)` opens a unit of work, and anything that runs
 * inside it — every `db.…` call, and a nested `db.$transaction` — uses that unit's transaction.
 *
 * Why: an idempotent request (book, pay, cancel) must record its answer in the same transaction as its work,
 * so a crash leaves either both or neither. The request opens the unit, the use case's own transaction joins
 * it, and its reads see its own uncommitted writes (on PGlite, with one connection, a read on the root client
 * inside a transaction would wait forever). Outside a unit nothing changes: each call runs on its own.
 *
 * A transaction that PostgreSQL aborts for a deadlock or a serialization failure is retried whole (the lock
 * order in docs/decisions/004-lock-order.md makes deadlocks rare; this makes the rare one harmless).
 */
export function unitOfWorkClient(root: Db): Db {
  const ambient = new AsyncLocalStorage<DbTx>();
  const transaction = async (fn: unknown, options?: Record<string, unknown>) => {
    if (typeof fn !== 'function') {
      throw new TypeError('unitOfWorkClient: only interactive transactions are supported');
    }
    const work = fn as (tx: DbTx) => Promise<unknown>;
    const outer = ambient.getStore();
    if (outer) return work(outer);
    for (let attempt = 1; ; attempt++) {
      try {
        return await root.$transaction((tx) => ambient.run(tx, () => work(tx)), {
          ...TX_OPTIONS,
          ...options,
        });
      } catch (error) {
        if (attempt < MAX_ATTEMPTS && retryable(error)) continue;
        throw error;
      }
    }
  };
  return new Proxy(root, {
    get(target, prop) {
      if (prop === '$transaction') return transaction;
      const client = (ambient.getStore() ?? target) as unknown as Record<PropertyKey, unknown>;
      const value = Reflect.get(client, prop, client);
      return typeof value === 'function' ? value.bind(client) : value;
    },
  });
}
