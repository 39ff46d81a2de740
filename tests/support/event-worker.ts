// A dispatcher process of its own, for kill -9 tests: one subscriber that writes each delivery into
// test_delivery (in the cursor's transaction: exactly once) and prints its position (outside it: at least
// once). `node --import tsx tests/support/event-worker.ts` with DATABASE_URL and WORKER_SUBSCRIBER.
import { systemClock } from '../../server/src/core/clock';
import { createLogger } from '../../server/src/core/logger';
import { unitOfWorkClient } from '../../server/src/core/unit-of-work';
import { openPostgres } from '../../server/src/db/client';
import { createDispatcher } from '../../server/src/modules/events/dispatcher';

const database = openPostgres(process.env.DATABASE_URL!, 4);
const name = process.env.WORKER_SUBSCRIBER ?? 'test.worker';
const dispatcher = createDispatcher({
  db: unitOfWorkClient(database.prisma),
  clock: systemClock,
  logger: createLogger('warn'),
  batchSize: Number(process.env.WORKER_BATCH ?? 50),
  listen: (channel, onNotify) => database.listen(channel, onNotify),
  subscribers: [
    {
      name,
      types: ['session.stopped'],
      async handle(tx, e) {
        if (e.type !== 'session.stopped') return;
        await tx.$executeRaw`
          INSERT INTO test_delivery (subscriber, position, aggregate, seq)
          VALUES (${name}, ${e.position.toString()}::bigint, ${e.aggregateId}, ${e.payload.cancelledBookings})`;
        process.stdout.write(`delivered ${e.position}\n`);
        await new Promise((r) => setTimeout(r, 2));
      },
    },
  ],
});
void dispatcher.start().then(() => process.stdout.write('started\n'));
