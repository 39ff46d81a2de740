import type { Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import type { DbTx, Prisma } from '../../db/client';
import type { EventType, NewEvent } from './event-types';

/** The channel `record` notifies at commit; dispatchers LISTEN on it (PGlite delivers it in-process). */
export const EVENT_CHANNEL = 'domain_event';

/**
 * Writes domain events into the caller's transaction, so an event exists exactly when the change it
 * describes does. Call it after the aggregate's row lock, so one aggregate's events take positions in the
 * order their transactions commit.
 *
 * Two statements, in this order, because the dispatcher's fence depends on it (docs/decisions/014): the
 * transaction gets its id first, then the position is drawn — so every transaction that has drawn a position
 * has an id lower than any id handed out afterwards. `pg_notify` is delivered at commit (once per
 * transaction, however many events it records).
 */
export function createEventLog({ clock }: { clock: Clock }) {
  return {
    async record<T extends EventType>(tx: DbTx, actor: Actor, event: NewEvent<T>): Promise<bigint> {
      const [row] = await tx.$queryRaw<{ xid: string }[]>`
        SELECT pg_current_xact_id()::text AS xid FROM (SELECT pg_notify(${EVENT_CHANNEL}, '')) AS notified`;
      const [inserted] = await tx.$queryRaw<{ position: string }[]>`
        INSERT INTO domain_event (type, aggregate_type, aggregate_id, payload, occurred_at,
                                  actor_type, actor_id, request_id, xid)
        VALUES (${event.type}, ${event.aggregate.type}, ${event.aggregate.id},
                ${JSON.stringify(event.payload as Prisma.InputJsonValue)}::jsonb, ${clock.now()},
                ${actor.type}::"ActorType", ${actor.id}, ${actor.requestId}, ${row!.xid}::bigint)
        RETURNING position::text AS position`;
      return BigInt(inserted!.position);
    },
  };
}

export type EventLog = ReturnType<typeof createEventLog>;
