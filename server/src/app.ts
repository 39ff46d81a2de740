import { bodyParser } from '@koa/bodyparser';
import cors from '@koa/cors';
import Router from '@koa/router';
import Koa from 'koa';
import helmet from 'koa-helmet';
import { z } from 'zod';
import type { Config } from './config';
import type { SqlExecutor } from './db/sql';
import { AppError } from './http/errors';
import type { Logger } from './http/logger';
import { authenticate } from './http/middleware/authenticate';
import { errorHandler } from './http/middleware/error-handler';
import { rateLimit } from './http/middleware/rate-limit';
import { requestContext } from './http/middleware/request-context';
import { requireJson } from './http/middleware/require-json';
import { buildDocument, createRegistry, DOCS_INIT, docsPage, readSwaggerAsset } from './http/openapi';
import { mountRoutes } from './http/route';
import type { AppState } from './http/state';
import { mountSpa } from './http/static';
import { auditRoutes } from './modules/audit/audit.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { bookingRoutes } from './modules/booking/booking.routes';
import { catalogRoutes } from './modules/catalog/catalog.routes';
import { mountHealth } from './modules/health/health.routes';
import { paymentRoutes } from './modules/payment/payment.routes';
import { profileRoutes } from './modules/profile/profile.routes';
import { schedulingRoutes } from './modules/scheduling/scheduling.routes';
import type { Services } from './modules/services';
import type { TokenService } from './security/tokens';

export interface AppDeps {
  config: Config;
  services: Services;
  tokens: TokenService;
  logger: Logger;
  /** The database's SQL executor: where rate-limit counters live when `config.rateLimit.store` is `database`. */
  sql?: SqlExecutor;
}

// Validation messages in Chinese by default: they reach patients' screens through `error.message`.
z.config(z.locales.zhCN());

/** Builds the Koa application without listening, so tests drive it through `app.callback()`. */
export function createApp({ config, services, tokens, logger, sql }: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>({ proxy: config.trustProxy });
  const allowed = new Set(config.corsOrigins);

  app.use(requestContext(logger));
  app.use(errorHandler());
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:'],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(
    cors({
      origin: (ctx) => (allowed.has(ctx.get('origin')) ? ctx.get('origin') : ''),
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id', 'Accept-Language'],
      exposeHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit-Remaining'],
      maxAge: 600,
    }),
  );
  app.use(authenticate(tokens));
  app.use(requireJson());
  app.use(
    bodyParser({ enableTypes: ['json'], jsonLimit: config.bodyLimit, jsonStrict: true, encoding: 'utf-8' }),
  );

  const router = new Router<AppState>();
  if (config.rateLimit.store === 'database' && !sql) {
    throw new Error('createApp: RATE_LIMIT_STORE=database needs the database (deps.sql)');
  }
  const store = config.rateLimit.store === 'database' ? sql : undefined;
  const apiLimiter = rateLimit({
    perMinute: config.rateLimit.perMinute,
    keyPrefix: 'api',
    by: 'principal-or-ip',
    store,
  });
  const loginLimiter = rateLimit({
    perMinute: config.rateLimit.loginPerMinute,
    keyPrefix: 'login',
    by: 'ip',
    store,
  });
  router.use('/api', apiLimiter);

  const registry = createRegistry();
  mountRoutes(
    router,
    registry,
    [
      ...authRoutes(services, loginLimiter),
      ...profileRoutes(services),
      ...catalogRoutes(services),
      ...auditRoutes(services),
      ...bookingRoutes(services),
      ...paymentRoutes(services),
      ...schedulingRoutes(services),
    ],
    { idempotency: services.idempotency },
  );

  let document: ReturnType<typeof buildDocument> | undefined;
  router.get('/api/openapi.json', (ctx) => {
    document ??= buildDocument(registry, { title: '医院患者体验平台 API', version: '1' });
    ctx.body = document;
  });
  router.get('/api/docs', (ctx) => {
    ctx.type = 'html';
    ctx.body = docsPage();
  });
  router.get('/api/docs/init.js', (ctx) => {
    ctx.type = 'application/javascript';
    ctx.body = DOCS_INIT;
  });
  router.get('/api/docs/assets/:file', (ctx) => {
    const asset = readSwaggerAsset(ctx.params.file!);
    if (!asset) throw new AppError('ROUTE_NOT_FOUND');
    ctx.type = ctx.params.file!.endsWith('.css') ? 'text/css' : 'application/javascript';
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.body = asset;
  });
  mountHealth(router, services, config.migrationsDir);
  mountSpa(router, '/h5', config.h5Dir);
  router.get('/', (ctx) => ctx.redirect('/h5/'));

  app.use(router.routes());
  app.use(
    router.allowedMethods({
      throw: true,
      methodNotAllowed: () => new AppError('METHOD_NOT_ALLOWED'),
      notImplemented: () => new AppError('METHOD_NOT_ALLOWED'),
    }),
  );
  return app;
}
