import type Router from '@koa/router';
import { migrationsUpToDate } from '../../db/migrate';
import type { AppState } from '../../http/state';
import type { Services } from '../services';

/**
 * `/healthz`: the process answers (for restarts). `/readyz`: the database answers and every migration is
 * applied (for load balancers: do not send traffic before that).
 */
export function mountHealth(router: Router<AppState>, services: Services, migrationsDir: string): void {
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
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
