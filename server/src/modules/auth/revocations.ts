import type { SessionCheck } from '../../core/actor';
import type { Clock } from '../../core/clock';
import type { Db } from '../../db/client';
import { sessionRepository } from './session.repository';

/** The PostgreSQL channel an instance notifies after ending sessions, so the others look at once. */
export const REVOCATION_CHANNEL = 'auth_session_revoked';

/** Rows revoked shortly before the newest one seen are read again: a transaction may commit after a later one. */
const OVERLAP_MS = 5 * 60_000;
/** Kept past the access-token lifetime by this much, for clocks that differ between instances. */
const SKEW_MS = 5 * 60_000;

export interface Revocations extends SessionCheck {
  /** Remembers sessions this instance has just ended (after the commit). */
  add(sessionIds: Iterable<string>): void;
  /** Reads the sessions other instances ended since the last look; returns how many were new here. */
  sync(): Promise<number>;
  readonly size: number;
}

/**
 * The sessions ended recently, in memory, so that every authenticated request is checked without a query:
 * an access token lives `accessTtlSeconds`, so a session ended longer ago than that cannot have a token
 * left that would pass, and is forgotten. The instance that ends a session adds it at once; the others learn
 * it from `sync()` — run by a job every few seconds and, on PostgreSQL, whenever another instance notifies
 * REVOCATION_CHANNEL (see index.ts). Memory: one entry per session ended within the access-token lifetime.
 */
export function createRevocations(deps: { db: Db; clock: Clock; accessTtlSeconds: number }): Revocations {
  const keepMs = deps.accessTtlSeconds * 1000 + SKEW_MS;
  /** Session id → when this instance learnt of it (its own clock: only used to forget). */
  const ended = new Map<string, number>();
  let newest: Date | undefined;
  let running: Promise<number> | undefined;

  const forget = () => {
    const limit = Date.now() - keepMs;
    // Insertion order is the order learnt in, so the oldest come first.
    for (const [id, learnt] of ended) {
      if (learnt >= limit) break;
      ended.delete(id);
    }
  };

  const add = (ids: Iterable<string>): number => {
    const now = Date.now();
    let added = 0;
    for (const id of ids) {
      if (ended.has(id)) continue;
      ended.set(id, now);
      added++;
    }
    forget();
    return added;
  };

  async function look(): Promise<number> {
    const since = newest
      ? new Date(newest.getTime() - OVERLAP_MS)
      : new Date(deps.clock.now().getTime() - keepMs);
    const rows = await sessionRepository(deps.db).revokedSince(since);
    // Until a first revocation is seen, each look reads the whole window (cheap: a partial index, no rows).
    for (const row of rows) if (row.revokedAt && (!newest || row.revokedAt > newest)) newest = row.revokedAt;
    return add(rows.map((r) => r.id));
  }

  return {
    isRevoked: (sessionId) => ended.has(sessionId),
    add(ids) {
      add(ids);
    },
    sync() {
      // Calls while one runs share it (a burst of notifications is one query).
      running ??= look().finally(() => {
        running = undefined;
      });
      return running;
    },
    get size() {
      return ended.size;
    },
  };
}
