import { DOCTOR_PHOTO_MAX_BYTES } from '@hospital/shared';
import { bodyParser } from '@koa/bodyparser';
import cors from '@koa/cors';
import Router from '@koa/router';
import Koa, { type Middleware } from 'koa';
import helmet from 'koa-helmet';
import { z } from 'zod';
import type { Config } from './config';
import { AppError } from './core/errors';
import type { Logger } from './core/logger';
import type { SqlExecutor } from './db/sql';
import type { Lifecycle } from './http/lifecycle';
import { admission } from './http/middleware/admission';
import { authenticate } from './http/middleware/authenticate';
import { compression } from './http/middleware/compress';
import { errorHandler } from './http/middleware/error-handler';
import { rateLimit } from './http/middleware/rate-limit';
import { requestContext } from './http/middleware/request-context';
import { requireJson } from './http/middleware/require-json';
import { buildDocument, createRegistry, DOCS_INIT, docsPage, readSwaggerAsset } from './http/openapi';
import { mountRoutes, type RouteDef } from './http/route';
import type { AppState } from './http/state';
import { mountSpa } from './http/static';
import { auditRoutes } from './modules/audit/audit.routes';
import { accountsRoutes } from './modules/auth/accounts.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { bookingRoutes } from './modules/booking/booking.routes';
import { catalogRoutes } from './modules/catalog/catalog.routes';
import { doctorPhotoRoutes } from './modules/catalog/doctor-photo.routes';
import { deskRoutes } from './modules/desk/desk.routes';
import { mountHealth } from './modules/health/health.routes';
import { paymentRoutes } from './modules/payment/payment.routes';
import { privacyRoutes } from './modules/privacy/privacy.routes';
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
  /** Set by index.ts: `/readyz` answers 503 once the instance is shutting down. */
  lifecycle?: Lifecycle;
}

/**
 * Every API route definition the app mounts, in order. The role × operation test enumerates this list, so a
 * route added here without an expected answer per role fails it.
 */
export function apiRoutes(
  services: Services,
  loginLimiter: Middleware<AppState>,
  smsSendLimiter?: Middleware<AppState>,
): RouteDef[] {
  return [
    ...authRoutes(services, loginLimiter, smsSendLimiter),
    ...profileRoutes(services),
    ...privacyRoutes(services),
    ...catalogRoutes(services),
    ...doctorPhotoRoutes(services),
    ...auditRoutes(services),
    ...accountsRoutes(services),
    ...bookingRoutes(services),
    ...deskRoutes(services),
    ...paymentRoutes(services),
    ...schedulingRoutes(services),
  ];
}

/**
 * WeChat Pay's notifications are never rate-limited: WeChat retries one until it is acknowledged, from
 * addresses shared by every merchant, and each retry must reach the settlement code. Their signature check
 * (over the raw body, before anything is settled) is their protection. The router matches paths without
 * regard to case or a trailing slash, and so does this.
 */
const WECHAT_PAY_NOTIFY_PATH = '/api/v1/payments/wechat/notify';
function isWechatPayNotification(ctx: { method: string; path: string }): boolean {
  return ctx.method === 'POST' && ctx.path.replace(/\/+$/, '').toLowerCase() === WECHAT_PAY_NOTIFY_PATH;
}

/** The one route whose body may be larger than BODY_LIMIT (catalog.uploadDoctorPhoto). */
const DOCTOR_PHOTO_UPLOAD_PATH = /^\/api\/v1\/admin\/doctors\/[^/]+\/photo\/?$/i;
function isDoctorPhotoUpload(ctx: { method: string; path: string }): boolean {
  return ctx.method === 'POST' && DOCTOR_PHOTO_UPLOAD_PATH.test(ctx.path);
}

// Validation messages in Chinese by default: they reach patients' screens through `error.message`.
z.config(z.locales.zhCN());

/** Builds the Koa application without listening, so tests drive it through `app.callback()`. */
export function createApp({ config, services, tokens, logger, sql, lifecycle }: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>({ proxy: config.trustProxy });
  const allowed = new Set(config.corsOrigins);
  // What fails while an answer streams (a file, a compressor), after the error handler is done. A phone that
  // loses its signal or gets all the bytes it was promised and hangs up mid-stream is not our error.
  app.on('error', (err: NodeJS.ErrnoException, ctx?: Koa.ParameterizedContext<AppState>) => {
    const log = ctx?.state.log ?? logger;
    if (err.code === 'ERR_STREAM_PREMATURE_CLOSE') log.debug({ path: ctx?.path }, 'client went away');
    else log.error({ err, path: ctx?.path }, 'error while answering');
  });

  // Load shedding first: in a rush most requests are refused here, and each must cost next to nothing.
  app.use(
    admission({
      maxInFlight: config.maxInFlight,
      exempt: isWechatPayNotification,
      logger,
      allowedOrigins: allowed,
      load: services.load,
    }),
  );
  app.use(requestContext(logger));
  // Around the error handler, so that large error answers (validation details) are compressed too.
  if (config.compression) app.use(compression());
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
  app.use(authenticate(tokens, services.revocations));
  app.use(requireJson());
  const jsonParser = (jsonLimit: string) =>
    bodyParser({
      enableTypes: ['json'],
      jsonLimit,
      jsonStrict: true,
      encoding: 'utf-8',
      // Bodies on GET and DELETE are read too, so that one sent where none is expected is refused (400), and
      // malformed JSON is a 400 on every method (the parser only reads POST, PUT and PATCH by default).
      parsedMethods: ['POST', 'PUT', 'PATCH', 'DELETE', 'GET', 'HEAD'],
    });
  const parseJson = jsonParser(config.bodyLimit);
  // A doctor's photo comes base64 in JSON: up to DOCTOR_PHOTO_MAX_BYTES, a third more as text.
  const parsePhotoJson = jsonParser(`${Math.ceil((DOCTOR_PHOTO_MAX_BYTES * 4) / 3 / 1024) + 4}kb`);
  app.use((ctx, next) => (isDoctorPhotoUpload(ctx) ? parsePhotoJson : parseJson)(ctx, next));

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
    logger,
    exempt: isWechatPayNotification,
  });
  const loginLimiter = rateLimit({
    perMinute: config.rateLimit.loginPerMinute,
    keyPrefix: 'login',
    by: 'ip',
    store,
    logger,
  });
  const smsSendLimiter = rateLimit({
    perHour: config.sms.sendPerIpPerHour,
    keyPrefix: 'sms-send',
    by: 'ip',
    store,
    logger,
  });
  router.use('/api', apiLimiter);

  const registry = createRegistry();
  mountRoutes(router, registry, apiRoutes(services, loginLimiter, smsSendLimiter), {
    idempotency: services.idempotency,
    load: services.load,
  });

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
  mountHealth(router, services, config.migrationsDir, lifecycle);
  mountSpa(router, '/h5', config.h5Dir, { precompressed: config.compression, build: 'npm run build:h5' });
  mountSpa(router, '/console', config.consoleDir, {
    precompressed: config.compression,
    build: 'npm run build -w console',
  });
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
