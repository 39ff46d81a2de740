import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db, DbTx } from '../db/client';

/** The one set of transaction options: wait for a connection during a rush rather than fail; keep work short. */
export const TX_OPTIONS = { maxWait: 20_000, timeout: 15_000 } as const;
/** The one exception: slot generation writes a window's rows in one transaction (PGlite on a slow disk). */
export const BATCH_TX_OPTIONS = { maxWait: 60_000, timeout: 120_000 } as const;

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
  const ambient = new AsyncLocalStorage<{ tx: DbTx; committed: (() => void)[] }>();
  const transaction = async (fn: unknown, options?: Record<string, unknown>) => {
    if (typeof fn !== 'function') {
      throw new TypeError('unitOfWorkClient: only interactive transactions are supported');
    }
    const work = fn as (tx: DbTx) => Promise<unknown>;
    const outer = ambient.getStore();
    if (outer) return work(outer.tx);
    for (let attempt = 1; ; attempt++) {
      const committed: (() => void)[] = [];
      try {
        const result = await root.$transaction((tx) => ambient.run({ tx, committed }, () => work(tx)), {
          ...TX_OPTIONS,
          ...options,
        });
        for (const then of committed) then();
        return result;
      } catch (error) {
        if (attempt < MAX_ATTEMPTS && retryable(error)) continue;
        throw error;
      }
    }
  };
  // `afterCommit(db, fn)`: inside a unit, once it has committed (never when it rolls back); outside, at once.
  const afterCommitHere = (then: () => void) => {
    const unit = ambient.getStore();
    if (unit) unit.committed.push(then);
    else then();
  };
  return new Proxy(root, {
    get(target, prop) {
      if (prop === '$transaction') return transaction;
      if (prop === AFTER_COMMIT) return afterCommitHere;
      const client = (ambient.getStore()?.tx ?? target) as unknown as Record<PropertyKey, unknown>;
      const value = Reflect.get(client, prop, client);
      return typeof value === 'function' ? value.bind(client) : value;
    },
  });
}

const AFTER_COMMIT = Symbol('afterCommit');

/**
 * Runs `then` once what `db` is doing has committed: inside a unit of work of this client, after that unit's
 * commit (not at all when it rolls back); outside one — a single statement commits by itself — at once. For
 * what must not be seen before the data is (waking the event dispatchers). Called on a client that is not a
 * unit-of-work client, it runs at once.
 */
export function afterCommit(db: Db, then: () => void): void {
  const hook = (db as unknown as Record<symbol, ((then: () => void) => void) | undefined>)[AFTER_COMMIT];
  if (hook) hook(then);
  else then();
}

declare const IN_UNIT: unique symbol;
/**
 * A unit of work's transaction. Only `UnitOfWork.run` hands one out, and repository functions that take row
 * locks exist only on a repository built on one (`withLocks`): a lock taken outside a transaction would be
 * released at once, so calling such a function on the root client does not type-check.
 */
export type Tx = DbTx & { readonly [IN_UNIT]: true };

/** What a use case gets from its unit of work, once. */
export interface Unit<H> {
  tx: Tx;
  /** The instant the use case decides at, read once the transaction has its connection. */
  now: Date;
  /** The hospital's rules and time zone (cached, dropped when an administrator changes them). */
  hospital: H;
}

export interface UnitOfWork<H> {
  /**
   * Runs `fn` in one transaction (the one set of options above; a deadlock retried whole). Inside another
   * unit — an idempotent request's, a payment's — it joins that unit's transaction.
   */
  run<T>(fn: (unit: Unit<H>) => Promise<T>, kind?: 'batch'): Promise<T>;
}

export function createUnitOfWork<H>(deps: {
  /** The unit-of-work client (`unitOfWorkClient`), so that units nest by joining. */
  db: Db;
  clock: { now(): Date };
  hospital: (tx: DbTx) => Promise<H>;
}): UnitOfWork<H> {
  return {
    run: (fn, kind) =>
      deps.db.$transaction(
        async (tx) => {
          // After the connection is acquired: at release time a request may wait seconds for one.
          const now = deps.clock.now();
          return fn({ tx: tx as Tx, now, hospital: await deps.hospital(tx) });
        },
        kind === 'batch' ? BATCH_TX_OPTIONS : undefined,
      ),
  };
}

/**
 * A repository whose lock-taking functions (`locks`) exist only on a unit of work's transaction:
 * `repo(tx)` has every function, `repo(db)` every one but those.
 */
export function withLocks<R extends object, K extends keyof R>(
  make: (db: Db | DbTx) => R,
  _locks: readonly K[],
): {
  (db: Tx): R;
  (db: Db): Omit<R, K>;
} {
  return make as never;
}
