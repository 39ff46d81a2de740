import { type Actor, SYSTEM_ACTOR } from '../../server/src/core/actor';
import type { Db } from '../../server/src/db/client';
import { createEventLog } from '../../server/src/modules/events/event-log';
import type { NewEvent } from '../../server/src/modules/events/event-types';

/**
 * Test events: `session.stopped` events whose payload names an aggregate and a sequence number within it
 * (`reason` = `"<aggregate> <seq>"`), recorded through the real event log.
 */
export function testEvent(aggregate: string, seq: number): NewEvent<'session.stopped'> {
  return {
    type: 'session.stopped',
    aggregate: { type: 'test', id: aggregate },
    payload: { sessionId: aggregate, reason: `${aggregate} ${seq}`, cancelledBookings: seq },
  };
}

/** The real event log on `db` (it wakes the dispatchers after `db`'s commits). */
export const eventLogFor = (db: Db) => createEventLog({ clock: { now: () => new Date() }, db });

/** Records one test event in a transaction of its own. */
export async function recordTestEvent(db: Db, aggregate: string, seq: number, actor: Actor = SYSTEM_ACTOR) {
  return db.$transaction((tx) => eventLogFor(db).record(tx, actor, testEvent(aggregate, seq)));
}

/** A table handlers write to in the cursor's transaction: what they did exactly once. */
export const DELIVERY_TABLE = `
  CREATE TABLE IF NOT EXISTS test_delivery (
    subscriber text NOT NULL,
    position bigint NOT NULL,
    aggregate text NOT NULL,
    seq int NOT NULL,
    PRIMARY KEY (subscriber, position)
  )`;
