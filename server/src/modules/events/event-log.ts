import type { Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import { afterCommit } from '../../core/unit-of-work';
import type { Db, DbTx, Prisma } from '../../db/client';
import type { EventType, NewEvent } from './event-types';

/** The channel dispatchers LISTEN on, notified after a commit that recorded events (PGlite: in-process). */
export const EVENT_CHANNEL = 'domain_event';

/**
 * Writes domain events into the caller's transaction, so an event exists exactly when the change it
 * describes does. Call it after the aggregate's row lock, so one aggregate's events take positions in the
 * order their transactions commit.
 *
 * Two statements, in this order, because the dispatcher's fence depends on it (docs/decisions/014): the
 * transaction gets its id first, then the position is drawn — so every transaction that has drawn a position
 * has an id lower than any id handed out afterwards.
 *
 * The dispatchers are woken after the commit, not by a `pg_notify` inside the transaction: PostgreSQL
 * serialises the commits of notifying transactions on one lock, which at release time made every booking
 * wait for every other's commit (docs/decisions/031). One notification is in flight per instance at a time,
 * however many commits recorded events meanwhile; should the process die between a commit and its
 * notification, the dispatchers' slow poll delivers the event.
 */
export function createEventLog({ clock, db, logger }: { clock: Clock; db: Db; logger?: Logger }) {
  let sending = false;
  let again = false;
  const notify = async () => {
    sending = true;
    do {
      again = false;
      await db.$executeRaw`SELECT pg_notify(${EVENT_CHANNEL}, '')`.catch((err: unknown) =>
        logger?.warn({ err }, 'waking the event dispatchers failed; their poll will deliver'),
      );
    } while (again);
    sending = false;
  };
  const announce = () => {
    if (sending) again = true;
    else void notify();
  };

  return {
    async record<T extends EventType>(tx: DbTx, actor: Actor, event: NewEvent<T>): Promise<bigint> {
      const [row] = await tx.$queryRaw<{ xid: string }[]>`SELECT pg_current_xact_id()::text AS xid`;
      const [inserted] = await tx.$queryRaw<{ position: string }[]>`
        INSERT INTO domain_event (type, aggregate_type, aggregate_id, payload, occurred_at,
                                  actor_type, actor_id, request_id, xid)
        VALUES (${event.type}, ${event.aggregate.type}, ${event.aggregate.id},
                ${JSON.stringify(event.payload as Prisma.InputJsonValue)}::jsonb, ${clock.now()},
                ${actor.type}::"ActorType", ${actor.id}, ${actor.requestId}, ${row!.xid}::bigint)
        RETURNING position::text AS position`;
      afterCommit(db, announce);
      return BigInt(inserted!.position);
    },
    /**
     * For events written by SQL of their own (`book_place`): wakes the dispatchers once the statement or the
     * unit of work it ran in has committed.
     */
    recorded(): void {
      afterCommit(db, announce);
    },
  };
}

export type EventLog = ReturnType<typeof createEventLog>;
