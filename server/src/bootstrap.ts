import type { Config } from './config';
import { type Clock, systemClock } from './core/clock';
import type { Logger } from './core/logger';
import { type Database, openDatabase } from './db/client';
import { applyMigrations } from './db/migrate';
import { isEmpty, seedDemoHospital } from './db/seed/seed';
import { createSmsSender } from './integrations/sms';
import { createFileStorage } from './integrations/storage';
import { createLocalWechatLoginClient, createRealWechatLoginClient } from './integrations/wechat/login';
import { backfillPhoneHashes } from './modules/desk/phone-backfill';
import { createServices } from './modules/services';
import { createPiiCipher } from './security/pii';
import { resolveSecrets } from './security/secrets';
import { createTokenService } from './security/tokens';

/** Database opened, migrated and (on an empty embedded database) seeded; services wired. */
export async function bootstrap(
  config: Config,
  logger: Logger,
  opts: { clock?: Clock; database?: Database } = {},
) {
  const secrets = resolveSecrets(config);
  const pii = createPiiCipher(secrets.piiKey);
  const database =
    opts.database ??
    (await openDatabase({
      url: config.database.url,
      dataDir: config.dataDir,
      poolSize: config.database.poolSize,
      onIdleError: (err) => logger.warn({ err }, 'idle database connection closed by the server'),
    }));
  try {
    const { applied, unknown } = await applyMigrations(database.sql, config.migrationsDir);
    logger.info(
      { database: database.describe, applied },
      applied.length ? 'migrations applied' : 'database schema up to date',
    );
    if (unknown.length)
      logger.warn(
        { unknown },
        'the database has migrations this build does not know (a newer build ran here)',
      );
    if (config.seedDemo && (await isEmpty(database.prisma))) {
      const { created } = await seedDemoHospital(database.prisma, {
        demoPassword: config.demoPassword,
        pii,
      });
      logger.info({ created }, 'demo hospital seeded');
    }
    // Rows from before profile.phone_hash: the hash needs the PII key, so it is filled in here, not in SQL.
    await backfillPhoneHashes(database.prisma, pii, logger);
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }

  const tokens = createTokenService({
    secret: secrets.jwtSecret,
    accessTtlSeconds: config.jwt.accessTtlSeconds,
    refreshTtlSeconds: config.jwt.refreshTtlSeconds,
  });
  const wechatLogin =
    config.wechat.appSecret && config.wechat.appId
      ? createRealWechatLoginClient({
          appId: config.wechat.appId,
          appSecret: config.wechat.appSecret,
          baseUrl: config.wechat.apiBase,
          onMisconfigured: (errcode, errmsg) =>
            logger.error({ errcode, errmsg }, 'WeChat rejected our app credentials'),
        })
      : createLocalWechatLoginClient();
  const sms = createSmsSender(config.sms, logger);
  const services = createServices({
    database,
    clock: opts.clock ?? systemClock,
    tokens,
    pii,
    wechatLogin,
    sms,
    storage: createFileStorage(config.storage),
    hospitalCode: config.hospitalCode,
    logger,
    pay: config.pay,
    payNotifyUrl: `${config.publicBaseUrl}/api/v1/payments/wechat/notify`,
  });
  // Sessions ended within an access token's lifetime, before the first request is checked against them.
  await services.revocations.sync();
  const smsKind = sms?.kind ?? 'off';
  logger.info(
    { wechatLogin: wechatLogin.kind, pay: config.pay.kind, sms: smsKind, storage: config.storage.kind },
    'services ready',
  );
  if (
    config.env === 'production' &&
    (wechatLogin.kind === 'local' || config.pay.kind === 'local' || smsKind === 'local')
  ) {
    // Only reachable with WECHAT_LOGIN_ALLOW_LOCAL / WECHAT_PAY_ALLOW_LOCAL / SMS_ALLOW_LOCAL (see config).
    logger.warn(
      { wechatLogin: wechatLogin.kind, pay: config.pay.kind, sms: smsKind },
      'production with a local stand-in (demo): anyone can sign in as anyone / pay for free',
    );
  }
  return { database, services, tokens };
}
