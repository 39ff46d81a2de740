import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import type { Tx } from '../../core/unit-of-work';
import type { Db } from '../../db/client';
import type { Listener } from '../../db/listen';
import { EVENT_CHANNEL } from './event-log';
import type { DomainEvent, EventType } from './event-types';
import { eventsRepository, type Fence } from './events.repository';

/**
 * One reaction to domain events. `handle` runs inside the transaction that advances the subscriber's cursor:
 * what it writes to the database happens exactly once; what it does outside (an HTTP call) happens at least
 * once, so it must be harmless to repeat for the same `event.position`.
 */
export interface Subscriber {
  /** Stable: the cursor is kept under this name. */
  name: string;
  /** The event types it handles; the others move its cursor on without a call. */
  types: readonly EventType[];
  handle(tx: Tx, event: DomainEvent): Promise<void>;
}

/** How one pass over a subscriber ended. */
type Outcome =
  | 'idle' // caught up
  | 'more' // a full batch: go again
  | 'fenced' // a transaction older than the fence is still running
  | 'waiting' // backing off after a failure
  | 'busy'; // another instance holds the cursor

export interface DispatcherOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  subscribers: Subscriber[];
  /** LISTEN on the events channel (PostgreSQL: its own connection; PGlite: in-process). */
  listen?: (channel: string, onNotify: () => void) => Promise<Listener>;
  batchSize?: number;
  /** A slow poll behind the notifications (one lost while a connection was down, a backoff that ended). */
  pollMs?: number;
}

const STALL_RETRY_MS = 100;
const MAX_BACKOFF_MS = 5 * 60_000;

/**
 * Delivers the domain event log to its subscribers: each in position order, at least once, from a cursor of
 * its own (docs/decisions/014-domain-events.md). Positions are drawn before commit, so a later position can
 * become visible before an earlier one: each pass takes a fence (the last position drawn, then a fresh
 * transaction id) and delivers up to it only once every transaction older than the fence has ended — then
 * nothing below it can still appear. Several instances may run one each: a subscriber's cursor row is
 * locked by one of them at a time (SKIP LOCKED), so events stay in order.
 *
 * A handler that throws stops its subscriber at that event — later events wait, order is kept — and it is
 * retried with a growing backoff; the cursor row says why (`last_error`). The other subscribers go on.
 */
export function createDispatcher(opts: DispatcherOptions) {
  const { db, clock, logger, subscribers } = opts;
  const batchSize = opts.batchSize ?? 100;
  const repo = eventsRepository(db);
  const byName = new Map(subscribers.map((s) => [s.name, s]));
  let ready: Promise<void> | undefined;
  const ensureCursors = () => {
    ready ??= repo.ensureCursors(subscribers.map((s) => s.name)).catch((error) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };

  async function runOnce(sub: Subscriber, fence: Fence): Promise<Outcome> {
    return db.$transaction(async (tx) => {
      const r = eventsRepository(tx);
      // First, before this transaction takes a lock and with it an id of its own.
      if (!(await r.behind(tx, fence))) return 'fenced';
      const cursor = await r.lockCursor(tx, sub.name);
      if (!cursor) return 'busy';
      const now = clock.now();
      if (cursor.retryAt && cursor.retryAt > now) return 'waiting';
      const batch = await r.after(tx, cursor.position, fence, batchSize);
      let position = cursor.position;
      for (const event of batch) {
        if (sub.types.includes(event.type)) {
          await tx.$executeRawUnsafe('SAVEPOINT event_handler');
          try {
            // The cursor's transaction is a unit of work like any other: its handler may take row locks.
            await sub.handle(tx as Tx, event);
            await tx.$executeRawUnsafe('RELEASE SAVEPOINT event_handler');
          } catch (error) {
            await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT event_handler');
            const backoff = Math.min(1000 * 2 ** cursor.failures, MAX_BACKOFF_MS);
            logger.error(
              { err: error, subscriber: sub.name, position: event.position.toString(), type: event.type },
              'event subscriber failed; retrying later',
            );
            const message = String((error as Error)?.message ?? error).slice(0, 500);
            await r.failed(tx, sub.name, position, message, new Date(now.getTime() + backoff));
            return 'waiting';
          }
        }
        position = event.position;
      }
      if (position !== cursor.position || cursor.failures > 0) await r.advance(tx, sub.name, position);
      return batch.length === batchSize ? 'more' : 'idle';
    });
  }

  /** Runs one subscriber up to the fence, or until it waits or is held elsewhere. */
  async function catchUp(sub: Subscriber, fence: Fence): Promise<Outcome> {
    for (;;) {
      const outcome = await runOnce(sub, fence);
      if (outcome !== 'more') return outcome;
    }
  }

  /**
   * The fence this instance delivers up to. It is kept until every subscriber got past it: under a steady
   * stream of transactions a fence taken anew each time could always find an older one still running.
   */
  let fence: Fence | undefined;

  /**
   * One pass over every subscriber up to the fence (taken now when there is none); true when one of them is
   * waiting — for transactions older than the fence to end, or for its retry.
   */
  async function pass(): Promise<boolean> {
    await ensureCursors();
    fence ??= await repo.fence();
    const current = fence;
    const outcomes = await Promise.all(
      subscribers.map((s) =>
        catchUp(s, current).catch((error) => {
          logger.error({ err: error, subscriber: s.name }, 'event dispatch failed');
          return 'waiting' as const;
        }),
      ),
    );
    if (!outcomes.includes('fenced')) fence = undefined;
    return outcomes.some((o) => o === 'fenced' || o === 'waiting');
  }

  // ---- running in the background: woken by notifications, a short retry when waiting, a slow poll.
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let listener: Listener | undefined;

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(wake, ms);
    timer.unref();
  };

  function wake(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      let waiting = false;
      do {
        again = false;
        waiting = await pass().catch((error) => {
          logger.error({ err: error }, 'event dispatch failed');
          return true;
        });
      } while (again && !stopped);
      schedule(waiting ? STALL_RETRY_MS : (opts.pollMs ?? 5_000));
    })().finally(() => {
      running = undefined;
    });
  }

  return {
    /** Starts listening and dispatching in the background. */
    async start() {
      stopped = false;
      listener = await opts.listen?.(EVENT_CHANNEL, wake);
      wake();
    },
    /** Stops; a pass in progress finishes (its transaction commits or rolls back whole). */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await listener?.close();
      await running;
    },
    /**
     * Delivers everything recorded so far, waiting out older transactions (tests, the CLI, shutdown). A
     * subscriber that keeps failing or is held by another instance makes it give up after `timeoutMs`.
     */
    async drain(timeoutMs = 10_000): Promise<void> {
      const until = Date.now() + timeoutMs;
      while (await pass()) {
        if (Date.now() > until) throw new Error('events.drain: subscribers did not catch up');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    /** Re-runs a subscriber from just after `position` (0: from the beginning), e.g. after fixing it. */
    async rewind(subscriber: string, position: bigint) {
      if (!byName.has(subscriber)) throw new Error(`no subscriber named ${subscriber}`);
      await ensureCursors();
      await repo.moveCursor(subscriber, position);
      wake();
    },
    /** Where each subscriber stands, and how far behind the log it is. */
    async status() {
      const [cursors, last] = await Promise.all([repo.cursors(), repo.lastPosition()]);
      return cursors.map((c) => ({
        subscriber: c.subscriber,
        position: c.position,
        behind: last - c.position,
        failures: c.failures,
        lastError: c.lastError,
        retryAt: c.retryAt,
      }));
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
