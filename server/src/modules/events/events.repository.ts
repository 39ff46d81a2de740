import type { DbClient, DbTx } from '../../db/client';
import type { DomainEvent, EventType } from './event-types';

interface EventRow {
  position: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: unknown;
  occurred_at: Date;
  actor_type: 'staff' | 'patient' | 'system';
  actor_id: string | null;
  request_id: string | null;
}

/** See `fence()`. */
export interface Fence {
  position: bigint;
  xid: bigint;
}

export interface CursorRow {
  position: bigint;
  failures: number;
  retryAt: Date | null;
}

/** The event log and the subscribers' cursors (raw SQL: positions and transaction ids are 64-bit). */
export function eventsRepository(db: DbClient) {
  return {
    /** Makes sure every subscriber has a cursor; a new one starts at the beginning of the log. */
    async ensureCursors(subscribers: string[]) {
      await db.$executeRaw`
        INSERT INTO event_cursor (subscriber) SELECT unnest(${subscribers}::text[])
        ON CONFLICT (subscriber) DO NOTHING`;
    },
    /**
     * A fence: the last position drawn so far, then (a later statement) a fresh transaction id. Every
     * transaction that drew a position up to `position` already had an id (event-log.ts), lower than `xid`;
     * once every transaction below `xid` has ended, events up to `position` are all there is to see.
     * Outside any transaction (two statements of their own).
     */
    async fence(): Promise<Fence> {
      const [seq] = await db.$queryRaw<{ last: string }[]>`
        SELECT CASE WHEN is_called THEN last_value ELSE 0 END::text AS last FROM domain_event_position_seq`;
      const [id] = await db.$queryRaw<{ xid: string }[]>`SELECT pg_current_xact_id()::text AS xid`;
      return { position: BigInt(seq!.last), xid: BigInt(id!.xid) };
    },
    /** Whether every transaction older than the fence has ended (asked before this one takes an id). */
    async behind(tx: DbTx, fence: Fence): Promise<boolean> {
      const [row] = await tx.$queryRaw<{ xmin: string }[]>`
        SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`;
      return BigInt(row!.xmin) > fence.xid;
    },
    /** Locks a subscriber's cursor for this transaction; null when another instance holds it. */
    async lockCursor(tx: DbTx, subscriber: string): Promise<CursorRow | null> {
      const rows = await tx.$queryRaw<{ position: string; failures: number; retry_at: Date | null }[]>`
        SELECT position::text AS position, failures, retry_at FROM event_cursor
        WHERE subscriber = ${subscriber} FOR UPDATE SKIP LOCKED`;
      const r = rows[0];
      return r ? { position: BigInt(r.position), failures: r.failures, retryAt: r.retry_at } : null;
    },
    /** Up to `limit` events after `position` and up to the fence, oldest first. */
    async after(tx: DbTx, position: bigint, fence: Fence, limit: number): Promise<DomainEvent[]> {
      // Ordered by the column, not by the text alias the row carries it in.
      const rows = await tx.$queryRaw<EventRow[]>`
        SELECT position::text AS position, type, aggregate_type, aggregate_id, payload, occurred_at,
               actor_type::text AS actor_type, actor_id, request_id
        FROM domain_event
        WHERE position > ${position.toString()}::bigint AND position <= ${fence.position.toString()}::bigint
        ORDER BY domain_event.position LIMIT ${limit}`;
      return rows.map(
        (r) =>
          ({
            position: BigInt(r.position),
            type: r.type as EventType,
            aggregateType: r.aggregate_type,
            aggregateId: r.aggregate_id,
            payload: r.payload,
            occurredAt: r.occurred_at,
            actor: { type: r.actor_type, id: r.actor_id },
            requestId: r.request_id,
          }) as DomainEvent,
      );
    },
    async advance(tx: DbTx, subscriber: string, position: bigint) {
      await tx.$executeRaw`
        UPDATE event_cursor SET position = ${position.toString()}::bigint, failures = 0, last_error = NULL,
               retry_at = NULL, updated_at = now()
        WHERE subscriber = ${subscriber}`;
    },
    async failed(tx: DbTx, subscriber: string, position: bigint, error: string, retryAt: Date) {
      await tx.$executeRaw`
        UPDATE event_cursor SET position = ${position.toString()}::bigint, failures = failures + 1,
               last_error = ${error}, retry_at = ${retryAt}, updated_at = now()
        WHERE subscriber = ${subscriber}`;
    },
    async moveCursor(subscriber: string, position: bigint) {
      const n = await db.$executeRaw`
        UPDATE event_cursor SET position = ${position.toString()}::bigint, failures = 0, last_error = NULL,
               retry_at = NULL, updated_at = now()
        WHERE subscriber = ${subscriber}`;
      return n > 0;
    },
    cursors() {
      return db.eventCursor.findMany({ orderBy: { subscriber: 'asc' } });
    },
    async lastPosition(): Promise<bigint> {
      const [row] = await db.$queryRaw<{ last: string | null }[]>`
        SELECT max(position)::text AS last FROM domain_event`;
      return BigInt(row?.last ?? '0');
    },
  };
}
