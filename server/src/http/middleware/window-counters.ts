import type { SqlExecutor } from '../../db/sql';

/** Table of the shared counters (prisma/schema.prisma, `RateLimitCounter`), created by a migration. */
const TABLE = 'rate_limit';
/** Rows of windows that ended this long ago are deleted (by whichever instance flushes then). */
const PURGE_AFTER_MS = 3600_000;
const PURGE_EVERY_MS = 300_000;

/** What one counted request learns: its rank in the window, and when the window ends. */
export interface Counted {
  /** 1 for the window's first request (across instances, with a store), 2 for the next … */
  rank: number;
  msBeforeNext: number;
}

interface KeyState {
  /** The window's total in the store, as the last flush answered it (this instance's flushed counts included). */
  shared: number;
  /** Counts in the flush in flight, and the waiters among them (by their place in that batch). */
  sending: number;
  sendingWaiters: Waiter[];
  /** Counts not yet sent, and the waiters among them. */
  pending: number;
  waiters: Waiter[];
  expire: number;
}
interface Waiter {
  index: number;
  resolve: (rank: number) => void;
}

/**
 * Fixed-window request counters, per key, each window starting with the key's first request. With a store (the database) they are shared by every instance
 * without a write per request: each instance counts in memory and adds what it counted to the shared rows in
 * one statement for all keys — sent at once when no statement is in flight, else with the next — and learns
 * the totals, every instance's counts included, from the same statement.
 *
 * A request far from the limit (its rank, as this instance knows it, at most half the limit) is answered at
 * once; nearer the limit it waits for the statement that counts it and is ranked by the total that statement
 * answers, so that the limit holds across instances exactly where it matters. What a request answered at once
 * can miss is what other instances counted for the same key since this instance's last statement — at most
 * the requests of one round trip. Should the store fail, each instance goes on with its own counts (and says so
 * through `onStoreError`) rather than refuse or fail requests.
 */
export function windowCounters(opts: {
  points: number;
  durationMs: number;
  keyPrefix: string;
  store?: SqlExecutor;
  onStoreError?: (error: unknown) => void;
}) {
  const { points, durationMs, store } = opts;
  const states = new Map<string, KeyState>();
  let flushing = false;
  let again = false;
  let purgedAt = 0;

  /**
   * The key's state, its window started by the key's first request (not aligned to the clock): a window
   * that ended starts anew; the store's row says when the shared window ends, learnt at each flush.
   */
  function stateOf(key: string, now: number): KeyState {
    let state = states.get(key);
    if (state && state.expire <= now && state.sending === 0) {
      state.shared = 0;
      state.expire = now + durationMs;
    }
    if (!state) {
      state = {
        shared: 0,
        sending: 0,
        sendingWaiters: [],
        pending: 0,
        waiters: [],
        expire: now + durationMs,
      };
      states.set(key, state);
    }
    return state;
  }

  async function flush(): Promise<void> {
    flushing = true;
    try {
      await flushAll();
    } finally {
      flushing = false;
    }
  }

  async function flushAll(): Promise<void> {
    do {
      again = false;
      const batch: [string, KeyState][] = [];
      const now = Date.now();
      for (const [key, s] of states) {
        if (s.pending > 0) {
          s.sending = s.pending;
          s.sendingWaiters = s.waiters;
          s.pending = 0;
          s.waiters = [];
          batch.push([key, s]);
        } else if (s.expire < now && s.sending === 0) {
          states.delete(key);
        }
      }
      if (!batch.length) continue;
      let totals: Map<string, { points: number; expire: number }>;
      try {
        // A row whose window ended starts a new one with this batch's counts.
        const rows = await store!.query<{ key: string; points: number; expire: string | number }>(
          `INSERT INTO ${TABLE} (key, points, expire)
           SELECT * FROM unnest($1::varchar[], $2::int[], $3::bigint[])
           ON CONFLICT (key) DO UPDATE SET
             points = CASE WHEN ${TABLE}.expire IS NULL OR ${TABLE}.expire <= $4 THEN excluded.points
                           ELSE ${TABLE}.points + excluded.points END,
             expire = CASE WHEN ${TABLE}.expire IS NULL OR ${TABLE}.expire <= $4 THEN excluded.expire
                           ELSE ${TABLE}.expire END
           RETURNING key, points, expire`,
          [
            batch.map(([key]) => `${opts.keyPrefix}:${key}`),
            batch.map(([, s]) => s.sending),
            batch.map(([, s]) => s.expire),
            now,
          ],
        );
        totals = new Map(
          rows.map((r) => [
            r.key.slice(opts.keyPrefix.length + 1),
            { points: r.points, expire: Number(r.expire) },
          ]),
        );
      } catch (error) {
        opts.onStoreError?.(error);
        totals = new Map();
      }
      for (const [key, s] of batch) {
        const shared = totals.get(key);
        const total = shared?.points ?? s.shared + s.sending;
        for (const w of s.sendingWaiters) w.resolve(total - s.sending + w.index + 1);
        s.shared = total;
        if (shared) s.expire = shared.expire;
        s.sending = 0;
        s.sendingWaiters = [];
      }
      if (now - purgedAt > PURGE_EVERY_MS) {
        purgedAt = now;
        await store!
          .query(`DELETE FROM ${TABLE} WHERE expire < $1`, [now - PURGE_AFTER_MS])
          .catch((error: unknown) => opts.onStoreError?.(error));
      }
    } while (again);
  }

  /** Without a store nothing flushes: windows that ended are dropped here, once a minute. */
  function pruneMemory(now: number) {
    if (now - purgedAt < 60_000) return;
    purgedAt = now;
    for (const [key, s] of states) if (s.expire < now) states.delete(key);
  }

  function scheduleFlush() {
    if (flushing) again = true;
    else void flush();
  }

  return {
    /** Counts one request for `key` and answers its rank in the current window. */
    async count(key: string): Promise<Counted> {
      const now = Date.now();
      const state = stateOf(key, now);
      const msBeforeNext = state.expire - now;
      const known = state.shared + state.sending + state.pending + 1;
      if (!store) {
        pruneMemory(now);
        state.shared += 1;
        return { rank: known, msBeforeNext };
      }
      const index = state.pending;
      state.pending += 1;
      if (known <= points / 2) {
        scheduleFlush();
        return { rank: known, msBeforeNext };
      }
      const rank = new Promise<number>((resolve) => state.waiters.push({ index, resolve }));
      scheduleFlush();
      return { rank: await rank, msBeforeNext };
    },
  };
}
