import type { Server } from 'node:http';
import { createApp } from './app';
import { bootstrap } from './bootstrap';
import { ConfigError, loadConfig } from './config';
import { MigrationError } from './db/migrate';
import { createLogger } from './http/logger';
import { startJobs } from './jobs/runner';

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
  const app = createApp({
    config,
    services: ready.services,
    tokens: ready.tokens,
    logger,
    sql: ready.database.sql,
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

  const { booking, scheduling, idempotency, payment } = ready.services;
  const jobs = startJobs(
    [
      { name: 'expire-holds', everyMs: 5_000, run: () => booking.expireHolds() },
      { name: 'mark-no-shows', everyMs: 60_000, run: () => booking.markNoShows() },
      { name: 'generate-slots', everyMs: 10 * 60_000, run: () => scheduling.generateWindow() },
      { name: 'process-refunds', everyMs: 5_000, run: () => payment.processRefunds() },
      { name: 'reconcile-payments', everyMs: 60_000, run: () => payment.reconcile() },
      {
        name: 'purge-idempotency-keys',
        everyMs: 60 * 60_000,
        run: async () => (await idempotency.purgeExpired()).count,
      },
    ],
    logger,
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing open requests');
    const force = setTimeout(() => {
      logger.warn('open requests did not finish in 10 s; closing anyway');
      server.closeAllConnections();
    }, 10_000);
    force.unref();
    server.close(async () => {
      await jobs.stop();
      await ready.database.close().catch((err) => logger.error({ err }, 'closing the database failed'));
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
