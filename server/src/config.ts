import path from 'node:path';
import { z } from 'zod';
import type { SmsConfig } from './integrations/sms';
import type { StorageConfig } from './integrations/storage';
import { loadPayConfig, type PayConfig, PayConfigError } from './integrations/wechat/pay/config';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const duration = z.string().regex(/^\d+[smhd]$/, 'use a number and a unit: 15m, 12h, 30d');

/**
 * Every environment variable the server reads, parsed in one place. A bad value stops start-up with a
 * message naming the variable (see `loadConfig`).
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Where the embedded database and generated secrets live. */
  DATA_DIR: z.string().default('.data'),
  /** PostgreSQL; unset means the embedded PGlite database in DATA_DIR/pglite. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Seed the demo hospital when the database is empty (default: only on the embedded database). */
  SEED_DEMO: bool.optional(),
  DEMO_PASSWORD: z.string().min(6, 'must be at least 6 characters').default('demo1234'),
  HOSPITAL_CODE: z.string().optional(),
  /** HS256 secret, ≥ 32 characters. Unset: generated at first start and kept in DATA_DIR (not in production). */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_ACCESS_TTL: duration.default('30m'),
  JWT_REFRESH_TTL: duration.default('30d'),
  /** 32-byte key (64 hex chars or base64) that encrypts ID numbers and phones. Same rules as JWT_SECRET. */
  PII_KEY: z.string().optional(),
  WECHAT_APP_ID: z.string().optional(),
  /** With an app secret the real WeChat login is used; without, the local `dev:<name>` login. */
  WECHAT_APP_SECRET: z.string().optional(),
  /**
   * Allows the local `dev:<name>` login when NODE_ENV=production (a demo); anyone can then sign in as any
   * patient. Mirrors WECHAT_PAY_ALLOW_LOCAL.
   */
  WECHAT_LOGIN_ALLOW_LOCAL: bool.optional(),
  WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
  /** Aliyun SMS (dysmsapi SendSms) for the H5 sign-in codes; without a secret, the local stand-in that logs them. */
  ALIYUN_SMS_ACCESS_KEY_ID: z.string().optional(),
  ALIYUN_SMS_ACCESS_KEY_SECRET: z.string().optional(),
  /** The approved signature (签名) and verification-code template (模板 CODE, one variable: `${code}`). */
  ALIYUN_SMS_SIGN_NAME: z.string().optional(),
  ALIYUN_SMS_TEMPLATE_CODE: z.string().optional(),
  ALIYUN_SMS_ENDPOINT: z.url().default('https://dysmsapi.aliyuncs.com'),
  /**
   * Allows the local SMS stand-in when NODE_ENV=production (a demo): it answers every code to whoever asks, so
   * anyone can sign in as any mobile number. Mirrors WECHAT_LOGIN_ALLOW_LOCAL.
   */
  SMS_ALLOW_LOCAL: bool.optional(),
  /**
   * `off`: no sign-in by mobile number and text message (a hospital that serves only the weapp): no SMS
   * provider is needed, in production either, and both SMS endpoints answer SMS_SIGN_IN_DISABLED.
   */
  SMS_SIGN_IN: z.enum(['on', 'off']).default('on'),
  /** Sign-in codes one IP address may ask for in an hour (each number: 1 a minute, 5 an hour). */
  SMS_SEND_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(20),
  /** Comma-separated origins allowed by CORS (the H5 app and console in development). */
  CORS_ORIGINS: z.string().default('http://localhost:3000,http://localhost:10086,http://127.0.0.1:3000'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /**
   * API requests one instance answers at once; beyond it a request gets 503 SERVER_BUSY with Retry-After at
   * once (the apps retry), so that a release-time rush queues on the phones, not in the server's memory.
   */
  MAX_IN_FLIGHT: z.coerce.number().int().min(1).default(256),
  /**
   * Where rate-limit counters live: `database` (shared by every instance; the default on PostgreSQL) or
   * `memory` (per instance; the default on the embedded database).
   */
  RATE_LIMIT_STORE: z.enum(['memory', 'database']).optional(),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'use a size such as 100kb or 1mb')
    .default('100kb'),
  /** Number of reverse proxies in front (X-Forwarded-For is trusted only then). */
  TRUST_PROXY: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MIGRATIONS_DIR: z.string().optional(),
  /** How WeChat reaches this server (payment notifications): https://hospital.example.cn. */
  PUBLIC_BASE_URL: z.url().optional(),
  /** The built patient H5 app, served at /h5/. */
  H5_DIR: z.string().optional(),
  /** The built staff console, served at /console/. */
  CONSOLE_DIR: z.string().optional(),
  /**
   * Compress answers (brotli or gzip) and serve the app's precompressed files; `false` behind a proxy that
   * compresses, or to measure without (docs/decisions/023-compression-caching-search.md).
   */
  COMPRESSION: bool.default(true),
  /**
   * Where uploads (doctors' photos) are kept: `local` (files under STORAGE_DIR) or `s3` (an S3-compatible
   * bucket, STORAGE_S3_*). Default: `s3` when STORAGE_S3_BUCKET is set, else `local`.
   */
  STORAGE: z.enum(['local', 's3']).optional(),
  /** The local store's folder; default DATA_DIR/files. */
  STORAGE_DIR: z.string().optional(),
  /** The S3-compatible service's origin (https://s3.ap-east-1.amazonaws.com, http://minio:9000). */
  STORAGE_S3_ENDPOINT: z.url().optional(),
  STORAGE_S3_REGION: z.string().default('us-east-1'),
  STORAGE_S3_BUCKET: z.string().optional(),
  STORAGE_S3_ACCESS_KEY_ID: z.string().optional(),
  STORAGE_S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** `true` (default): https://endpoint/bucket/key; `false`: https://bucket.endpoint/key. */
  STORAGE_S3_PATH_STYLE: bool.default(true),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  dataDir: string;
  database: { url: string | undefined; poolSize: number };
  seedDemo: boolean;
  demoPassword: string;
  hospitalCode: string | undefined;
  jwt: { secret: string | undefined; accessTtlSeconds: number; refreshTtlSeconds: number };
  piiKey: string | undefined;
  wechat: { appId: string | undefined; appSecret: string | undefined; apiBase: string };
  corsOrigins: string[];
  rateLimit: { perMinute: number; loginPerMinute: number; store: 'memory' | 'database' };
  maxInFlight: number;
  bodyLimit: string;
  trustProxy: boolean;
  logLevel: Env['LOG_LEVEL'];
  migrationsDir: string;
  h5Dir: string;
  consoleDir: string;
  compression: boolean;
  publicBaseUrl: string;
  /** WeChat Pay (WECHAT_PAY_* variables), or the local stand-in when no merchant is configured. */
  pay: PayConfig;
  /**
   * The SMS sender of the H5 sign-in (ALIYUN_SMS_*), the local stand-in, or `off` (SMS_SIGN_IN=off); and the
   * per-IP send limit.
   */
  sms: SmsConfig & { sendPerIpPerHour: number };
  /** Where uploads are kept (STORAGE, STORAGE_DIR, STORAGE_S3_*). */
  storage: StorageConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;
function seconds(value: string): number {
  return Number(value.slice(0, -1)) * UNIT_SECONDS[value.slice(-1) as keyof typeof UNIT_SECONDS];
}

/** The repository root, from server/src or server/dist alike. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** Parses the environment; throws ConfigError naming each bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset" (a common result of `FOO= npm start` or an empty line in .env).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.NODE_ENV === 'production') {
    if (!e.JWT_SECRET) problems.push('JWT_SECRET: required in production (every instance must share it)');
    if (!e.PII_KEY) problems.push('PII_KEY: required in production (every instance must share it)');
    // The local stand-ins that let a caller act as someone else are for development and demos only.
    if (!e.WECHAT_APP_SECRET && !e.WECHAT_LOGIN_ALLOW_LOCAL) {
      problems.push(
        'WECHAT_APP_SECRET: required in production (without it the local dev:<name> login lets anyone ' +
          'sign in as any patient); set WECHAT_LOGIN_ALLOW_LOCAL=true only for a demo',
      );
    }
    if (e.SMS_SIGN_IN === 'on' && !e.ALIYUN_SMS_ACCESS_KEY_SECRET && !e.SMS_ALLOW_LOCAL) {
      problems.push(
        'ALIYUN_SMS_ACCESS_KEY_SECRET: required in production (without it the local SMS stand-in answers the ' +
          'sign-in code to whoever asks, so anyone can sign in as any mobile number); set SMS_ALLOW_LOCAL=true ' +
          'only for a demo, or SMS_SIGN_IN=off when the hospital serves only the WeChat mini-program',
      );
    }
    if ((e.SEED_DEMO ?? !e.DATABASE_URL) && cleaned.DEMO_PASSWORD === undefined) {
      problems.push(
        'DEMO_PASSWORD: required in production when the demo hospital is seeded (its staff accounts, admin ' +
          'included, would get the published password demo1234); or set SEED_DEMO=false',
      );
    }
  }
  const storageKind = e.STORAGE ?? (e.STORAGE_S3_BUCKET ? 's3' : 'local');
  if (storageKind === 's3') {
    for (const name of [
      'STORAGE_S3_ENDPOINT',
      'STORAGE_S3_BUCKET',
      'STORAGE_S3_ACCESS_KEY_ID',
      'STORAGE_S3_SECRET_ACCESS_KEY',
    ] as const) {
      if (!e[name]) problems.push(`${name}: required with STORAGE=s3`);
    }
  }
  if (e.WECHAT_APP_SECRET && !e.WECHAT_APP_ID)
    problems.push('WECHAT_APP_ID: required when WECHAT_APP_SECRET is set');
  if (e.SMS_SIGN_IN === 'on' && e.ALIYUN_SMS_ACCESS_KEY_SECRET) {
    for (const name of [
      'ALIYUN_SMS_ACCESS_KEY_ID',
      'ALIYUN_SMS_SIGN_NAME',
      'ALIYUN_SMS_TEMPLATE_CODE',
    ] as const) {
      if (!e[name]) problems.push(`${name}: required when ALIYUN_SMS_ACCESS_KEY_SECRET is set`);
    }
  }
  let pay: PayConfig | undefined;
  try {
    pay = loadPayConfig(source);
  } catch (error) {
    if (!(error instanceof PayConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (pay?.kind === 'wechat' && !e.PUBLIC_BASE_URL?.startsWith('https://')) {
    problems.push(
      'PUBLIC_BASE_URL: an https:// URL is required with WeChat Pay (WeChat posts notifications to it)',
    );
  }
  if (problems.length || !pay) throw new ConfigError(problems);

  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.DATA_DIR),
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    seedDemo: e.SEED_DEMO ?? !e.DATABASE_URL,
    demoPassword: e.DEMO_PASSWORD,
    hospitalCode: e.HOSPITAL_CODE,
    jwt: {
      secret: e.JWT_SECRET,
      accessTtlSeconds: seconds(e.JWT_ACCESS_TTL),
      refreshTtlSeconds: seconds(e.JWT_REFRESH_TTL),
    },
    piiKey: e.PII_KEY,
    wechat: { appId: e.WECHAT_APP_ID, appSecret: e.WECHAT_APP_SECRET, apiBase: e.WECHAT_API_BASE },
    corsOrigins: e.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    rateLimit: {
      perMinute: e.RATE_LIMIT_PER_MINUTE,
      loginPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
      store: e.RATE_LIMIT_STORE ?? (e.DATABASE_URL ? 'database' : 'memory'),
    },
    maxInFlight: e.MAX_IN_FLIGHT,
    bodyLimit: e.BODY_LIMIT,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    migrationsDir: e.MIGRATIONS_DIR
      ? path.resolve(e.MIGRATIONS_DIR)
      : path.join(PROJECT_ROOT, 'prisma', 'migrations'),
    h5Dir: e.H5_DIR ? path.resolve(e.H5_DIR) : path.join(PROJECT_ROOT, 'miniapp', 'dist', 'h5'),
    consoleDir: e.CONSOLE_DIR ? path.resolve(e.CONSOLE_DIR) : path.join(PROJECT_ROOT, 'console', 'dist'),
    compression: e.COMPRESSION,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    pay,
    sms: {
      ...(e.SMS_SIGN_IN === 'off'
        ? { kind: 'off' as const }
        : e.ALIYUN_SMS_ACCESS_KEY_SECRET
          ? {
              kind: 'aliyun' as const,
              accessKeyId: e.ALIYUN_SMS_ACCESS_KEY_ID!,
              accessKeySecret: e.ALIYUN_SMS_ACCESS_KEY_SECRET,
              signName: e.ALIYUN_SMS_SIGN_NAME!,
              templateCode: e.ALIYUN_SMS_TEMPLATE_CODE!,
              endpoint: e.ALIYUN_SMS_ENDPOINT,
            }
          : { kind: 'local' as const }),
      sendPerIpPerHour: e.SMS_SEND_PER_IP_PER_HOUR,
    },
    storage:
      storageKind === 's3'
        ? {
            kind: 's3',
            endpoint: e.STORAGE_S3_ENDPOINT!,
            region: e.STORAGE_S3_REGION,
            bucket: e.STORAGE_S3_BUCKET!,
            accessKeyId: e.STORAGE_S3_ACCESS_KEY_ID!,
            secretAccessKey: e.STORAGE_S3_SECRET_ACCESS_KEY!,
            pathStyle: e.STORAGE_S3_PATH_STYLE,
          }
        : {
            kind: 'local',
            dir: e.STORAGE_DIR ? path.resolve(e.STORAGE_DIR) : path.join(path.resolve(e.DATA_DIR), 'files'),
          },
  };
}
