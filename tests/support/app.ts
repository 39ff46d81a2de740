import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Koa from 'koa';
import request from 'supertest';
import { createApp } from '../../server/src/app';
import { type Config, loadConfig } from '../../server/src/config';
import { type Clock, systemClock } from '../../server/src/core/clock';
import { createLogger } from '../../server/src/core/logger';
import type { Database } from '../../server/src/db/client';
import { createSmsSender, type SmsSender } from '../../server/src/integrations/sms';
import { createLocalStorage, type FileStorage } from '../../server/src/integrations/storage';
import {
  createLocalWechatLoginClient,
  type WechatLoginClient,
} from '../../server/src/integrations/wechat/login';
import { createServices, type Services } from '../../server/src/modules/services';
import { createPiiCipher } from '../../server/src/security/pii';
import { parseKey } from '../../server/src/security/secrets';
import { createTokenService, type TokenService } from '../../server/src/security/tokens';
import { PRIVACY_POLICY_VERSION } from '../../shared/src/privacy';
import { createTestDatabase } from './db';
import { DEMO_PASSWORD, MIGRATIONS_DIR, TEST_SECRETS } from './template';

export interface TestApp {
  app: Koa;
  http: ReturnType<typeof request>;
  db: Database;
  services: Services;
  tokens: TokenService;
  config: Config;
  /**
   * Signs in `dev:<name>` through the API and returns its access token. The patient also accepts the current
   * privacy notice, as the app asks before the first profile (`{ consent: false }`: not yet).
   */
  patientToken(name: string, opts?: { consent?: boolean }): Promise<string>;
  /** Signs in a demo staff account (admin, scheduler, clerk, doctor, complaints, quality). */
  staffToken(username: string): Promise<string>;
  /** Listens on a free loopback port (for real HTTP: races, raw bytes); closed by `close()`. */
  listen(): Promise<{ base: string; port: number; server: Server }>;
  close(): Promise<void>;
}

/** A real app on a private database with the demo hospital; nothing is mocked but WeChat. */
export async function createTestApp(
  opts: {
    env?: Record<string, string>;
    clock?: Clock;
    wechatLogin?: WechatLoginClient;
    /** Default: the configured one, the local stand-in (its codes come back as `demoCode`) or none (`off`). */
    sms?: SmsSender;
    /** Default: the local store in a fresh temporary folder. */
    storage?: FileStorage;
    db?: Database;
  } = {},
): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_SECRETS.jwtSecret,
    PII_KEY: TEST_SECRETS.piiKey,
    MIGRATIONS_DIR,
    RATE_LIMIT_PER_MINUTE: '100000',
    PUBLIC_BASE_URL: 'https://hospital.example.cn',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    SMS_SEND_PER_IP_PER_HOUR: '100000',
    ...opts.env,
  });
  const db = opts.db ?? (await createTestDatabase());
  const tokens = createTokenService({
    secret: TEST_SECRETS.jwtSecret,
    accessTtlSeconds: config.jwt.accessTtlSeconds,
    refreshTtlSeconds: config.jwt.refreshTtlSeconds,
  });
  const files = path.join(tmpdir(), `hospital-files-${randomUUID()}`);
  const services = createServices({
    database: db,
    clock: opts.clock ?? systemClock,
    tokens,
    pii: createPiiCipher(parseKey(TEST_SECRETS.piiKey, 'PII_KEY')),
    wechatLogin: opts.wechatLogin ?? createLocalWechatLoginClient(),
    sms: opts.sms ?? createSmsSender(config.sms, createLogger('silent')),
    // Made on the first upload, removed by close().
    storage: opts.storage ?? createLocalStorage(files),
    hospitalCode: config.hospitalCode,
    logger: createLogger('silent'),
    pay: config.pay,
    payNotifyUrl: 'https://hospital.example.cn/api/v1/payments/wechat/notify',
    // Tests settle local refunds explicitly (payProvider.flushRefunds()).
    localRefundSettleAfterMs: 'manual',
  });
  const app = createApp({ config, services, tokens, logger: createLogger('silent'), sql: db.sql });
  const http = request(app.callback());
  const servers: Server[] = [];
  return {
    app,
    http,
    db,
    services,
    tokens,
    config,
    async patientToken(name, { consent = true } = {}) {
      const res = await http
        .post('/api/v1/auth/wechat')
        .send({ code: `dev:${name}` })
        .expect(200);
      const token = res.body.accessToken as string;
      if (consent) {
        await http
          .post('/api/v1/me/privacy/consent')
          .set('Authorization', `Bearer ${token}`)
          .send({ version: PRIVACY_POLICY_VERSION })
          .expect(201);
      }
      return token;
    },
    async staffToken(username) {
      const res = await http
        .post('/api/v1/auth/staff/login')
        .send({ username, password: DEMO_PASSWORD })
        .expect(200);
      return res.body.accessToken as string;
    },
    async listen() {
      const server = app.listen(0, '127.0.0.1');
      // The client (fetch) closes its idle keep-alive connections first (it reads the server's hint): a server
      // closing one at the same moment on a loaded machine resets the request the client just sent on it.
      server.keepAliveTimeout = 60_000;
      servers.push(server);
      await new Promise((r) => server.once('listening', r));
      const { port } = server.address() as AddressInfo;
      return { base: `http://127.0.0.1:${port}`, port, server };
    },
    async close() {
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
      await services.events.stop();
      await db.close();
      rmSync(files, { recursive: true, force: true });
    },
  };
}

/** Valid resident ID numbers (checksums computed by the shared validator's rule). */
export const SAMPLE_IDS = {
  beijing1949: '11010519491231002X',
};

/**
 * A JSON request over real HTTP to a listening test app (`t.listen()`), for races and raw protocol checks
 * where supertest's in-process calls would not do. The body is `{}` when the answer has none.
 */
export async function callJson<T>(
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: object,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string>; body: T }> {
  const res = await fetch(base + path, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: Object.fromEntries(res.headers),
    body: (text ? JSON.parse(text) : {}) as T,
  };
}
