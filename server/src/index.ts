import type { Server } from 'node:http';
import { createApp } from './app';
import { bootstrap } from './bootstrap';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './core/logger';
import { MigrationError } from './db/migrate';
import { createLifecycle, gracefulCloser } from './http/lifecycle';
import { startJobs } from './jobs/runner';
import { REVOCATION_CHANNEL } from './modules/auth/revocations';
import { moduleJobs } from './modules/jobs';

/** Open requests get this long after SIGTERM; then their connections are cut. */
const DRAIN_DEADLINE_MS = 10_000;

/** Entry point: configuration, database, HTTP listener, graceful shutdown. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  let ready: Awaited<ReturnType<typeof bootstrap>>;
  try {
    ready = await bootstrap(config, logger);
  } catch (error) {
    if (error instanceof MigrationError) {
      logger.fatal(error.message);
      console.error(`\nStart-up stopped: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const lifecycle = createLifecycle();
  const app = createApp({
    config,
    services: ready.services,
    tokens: ready.tokens,
    logger,
    sql: ready.database.sql,
    lifecycle,
  });
  const server: Server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ port, database: ready.database.describe }, 'listening');
    console.log(
      `\n  Hospital API  http://localhost:${port}/api/docs\n  Health        http://localhost:${port}/readyz\n`,
    );
  });
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
  const closer = gracefulCloser(server);

  const { revocations } = ready.services;
  // Sessions ended on another instance: heard at once on PostgreSQL, and looked up every 5 s in any case.
  const syncRevocations = () =>
    void revocations.sync().catch((err) => logger.warn({ err }, 'reading ended sessions failed'));
  const listener = await ready.database.listen(REVOCATION_CHANNEL, syncRevocations);
  const jobs = startJobs(moduleJobs(ready.services), logger);
  // Domain events to their subscribers: woken at each commit that recorded one (LISTEN), polled as well.
  await ready.services.events.start();

  // SIGTERM: /readyz says 503 at once, no new connections, every request already received is answered, then
  // the jobs, the event dispatcher, the LISTEN connections and the database are closed and the process exits (within moments of the
  // last answer; at the latest DRAIN_DEADLINE_MS later, cutting what is still open).
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    lifecycle.startDraining();
    logger.info({ signal, inFlight: closer.inFlight }, 'shutting down: finishing open requests');
    // A last resort should closing the database hang.
    setTimeout(() => {
      logger.error('shutdown did not complete; exiting');
      process.exit(1);
    }, DRAIN_DEADLINE_MS + 5_000).unref();
    const jobsStopped = jobs.stop();
    const { forced, lastAnswerAt } = await closer.close(DRAIN_DEADLINE_MS);
    if (forced) logger.warn(`open requests did not finish in ${DRAIN_DEADLINE_MS / 1000} s; cut`);
    logger.info(
      { lastAnswerAt: lastAnswerAt && new Date(lastAnswerAt).toISOString() },
      'every request answered; closing',
    );
    await jobsStopped;
    await ready.services.events.stop();
    await listener.close();
    await ready.database.close().catch((err) => logger.error({ err }, 'closing the database failed'));
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
