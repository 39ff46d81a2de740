import type Router from '@koa/router';
import { migrationsUpToDate } from '../../db/migrate';
import type { Lifecycle } from '../../http/lifecycle';
import type { AppState } from '../../http/state';
import type { Services } from '../services';

/**
 * `/healthz`: the process answers (for restarts). `/readyz`: the database answers and every migration is
 * applied (for load balancers: do not send traffic before that), and the instance is not shutting down (503
 * `stopping` from the moment SIGTERM arrives, while open requests are still being answered).
 */
export function mountHealth(
  router: Router<AppState>,
  services: Services,
  migrationsDir: string,
  lifecycle?: Lifecycle,
): void {
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    if (lifecycle?.draining) {
      ctx.status = 503;
      ctx.body = { status: 'stopping' };
      return;
    }
    const checks: Record<string, 'ok' | 'failing'> = { database: 'failing', migrations: 'failing' };
    try {
      await services.database.sql.query('SELECT 1');
      checks.database = 'ok';
      checks.migrations = (await migrationsUpToDate(services.database.sql, migrationsDir)) ? 'ok' : 'failing';
    } catch (error) {
      ctx.state.log.warn({ err: error }, 'readiness check failed');
    }
    const ready = Object.values(checks).every((c) => c === 'ok');
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : 'not_ready', checks };
  });
}
