import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { bootstrap } from '../../server/src/bootstrap';
import { ConfigError, loadConfig } from '../../server/src/config';
import { createLogger } from '../../server/src/core/logger';
import { createTestDatabase } from '../support/db';
import { MIGRATIONS_DIR } from '../support/template';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

test('defaults give a runnable embedded setup', () => {
  const config = loadConfig({});
  expect(config).toMatchObject({
    port: 3000,
    database: { url: undefined },
    seedDemo: true,
    demoPassword: 'demo1234',
  });
  expect(config.dataDir).toBe(path.resolve('.data'));
});

test.each([
  [{ PORT: 'eighty' }, 'PORT'],
  [{ PORT: '70000' }, 'PORT'],
  [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL'],
  [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
  [{ JWT_ACCESS_TTL: '15 minutes' }, 'JWT_ACCESS_TTL'],
  [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
  [{ WECHAT_APP_SECRET: 'abc' }, 'WECHAT_APP_ID'],
])('a bad value (%j) is reported by its variable name', (env, name) => {
  expect(problems(env as Record<string, string>).some((p) => p.startsWith(`${name}:`))).toBe(true);
});

test('with DATABASE_URL the demo hospital is seeded only when asked', () => {
  expect(loadConfig({ DATABASE_URL: 'postgres://u@localhost/x' }).seedDemo).toBe(false);
  expect(loadConfig({ DATABASE_URL: 'postgres://u@localhost/x', SEED_DEMO: 'true' }).seedDemo).toBe(true);
});

test('rate-limit counters are shared through PostgreSQL by default, per process on the embedded database', () => {
  const pg = 'postgres://u@localhost/x';
  expect(loadConfig({}).rateLimit.store).toBe('memory');
  expect(loadConfig({ DATABASE_URL: pg }).rateLimit.store).toBe('database');
  expect(loadConfig({ DATABASE_URL: pg, RATE_LIMIT_STORE: 'memory' }).rateLimit.store).toBe('memory');
  expect(problems({ RATE_LIMIT_STORE: 'redis' })[0]).toMatch(/^RATE_LIMIT_STORE:/);
});

test('the server refuses to start on a bad variable and names it', async () => {
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const error = await run(process.execPath, [tsx, '--conditions=@hospital/source', 'server/src/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: 'not-a-port', DATA_DIR: '/nonexistent/never-created' },
  }).then(
    () => undefined,
    (e: { code: number; stderr: string }) => e,
  );
  expect(error?.code).toBe(78);
  expect(error?.stderr).toContain('PORT:');
}, 30_000);

describe('no local stand-in that lets a caller act as someone else in production', () => {
  // Everything else production needs, so that only the stand-ins are in question.
  const PROD = {
    NODE_ENV: 'production',
    JWT_SECRET: 'x'.repeat(40),
    PII_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
    DATABASE_URL: 'postgres://u@localhost/x',
    WECHAT_PAY_ALLOW_LOCAL: 'true',
    SMS_ALLOW_LOCAL: 'true',
  };

  test('the local dev:<name> login is refused, naming WECHAT_APP_SECRET and the demo switch', () => {
    const found = problems(PROD);
    expect(found).toEqual([expect.stringMatching(/^WECHAT_APP_SECRET: required in production/)]);
    expect(found[0]).toContain('WECHAT_LOGIN_ALLOW_LOCAL=true');
  });

  test('allowed for a demo with WECHAT_LOGIN_ALLOW_LOCAL=true; not needed with a real WeChat app', () => {
    expect(problems({ ...PROD, WECHAT_LOGIN_ALLOW_LOCAL: 'true' })).toEqual([]);
    expect(problems({ ...PROD, WECHAT_LOGIN_ALLOW_LOCAL: 'false' })[0]).toMatch(/^WECHAT_APP_SECRET:/);
    expect(problems({ ...PROD, WECHAT_APP_ID: 'wx123', WECHAT_APP_SECRET: 'secret' })).toEqual([]);
    // Outside production the stand-in is the default, as before.
    expect(problems({ NODE_ENV: 'development' })).toEqual([]);
  });

  test('the local SMS stand-in (it answers every code) is refused, naming the Aliyun secret and the demo switch', () => {
    const { SMS_ALLOW_LOCAL: _, ...withoutSms } = { ...PROD, WECHAT_LOGIN_ALLOW_LOCAL: 'true' };
    const found = problems(withoutSms);
    expect(found).toEqual([expect.stringMatching(/^ALIYUN_SMS_ACCESS_KEY_SECRET: required in production/)]);
    expect(found[0]).toContain('SMS_ALLOW_LOCAL=true');
    expect(problems({ ...withoutSms, SMS_ALLOW_LOCAL: 'false' })[0]).toMatch(
      /^ALIYUN_SMS_ACCESS_KEY_SECRET:/,
    );
    const aliyun = {
      ALIYUN_SMS_ACCESS_KEY_ID: 'LTAI5t',
      ALIYUN_SMS_ACCESS_KEY_SECRET: 'secret',
      ALIYUN_SMS_SIGN_NAME: '测试医院',
      ALIYUN_SMS_TEMPLATE_CODE: 'SMS_1',
    };
    expect(problems({ ...withoutSms, ...aliyun })).toEqual([]);
    expect(loadConfig({ ...withoutSms, ...aliyun }).sms.kind).toBe('aliyun');
    // A secret without the rest names what is missing.
    expect(problems({ ALIYUN_SMS_ACCESS_KEY_SECRET: 'secret' })).toEqual([
      expect.stringMatching(/^ALIYUN_SMS_ACCESS_KEY_ID:/),
      expect.stringMatching(/^ALIYUN_SMS_SIGN_NAME:/),
      expect.stringMatching(/^ALIYUN_SMS_TEMPLATE_CODE:/),
    ]);
    // Outside production the stand-in is the default.
    expect(loadConfig({}).sms.kind).toBe('local');
  });

  test('a weapp-only hospital switches SMS sign-in off and starts without any SMS provider', async () => {
    const { SMS_ALLOW_LOCAL: _, ...withoutSms } = { ...PROD, WECHAT_LOGIN_ALLOW_LOCAL: 'true' };
    const weappOnly = { ...withoutSms, SMS_SIGN_IN: 'off', MIGRATIONS_DIR };
    expect(problems(weappOnly)).toEqual([]);
    const config = loadConfig(weappOnly);
    expect(config.sms.kind).toBe('off');
    expect(problems({ ...withoutSms, SMS_SIGN_IN: 'maybe' })[0]).toMatch(/^SMS_SIGN_IN:/);

    const { database, services } = await bootstrap(config, createLogger('silent'), {
      database: await createTestDatabase(),
    });
    try {
      await expect(services.auth.smsSend('13900000000', undefined)).rejects.toMatchObject({
        code: 'SMS_SIGN_IN_DISABLED',
      });
    } finally {
      await services.events.stop();
      await database.close();
    }
  });

  test('seeding the demo staff (admin included) with the published password is refused', () => {
    const demo = { ...PROD, WECHAT_LOGIN_ALLOW_LOCAL: 'true', SEED_DEMO: 'true' };
    expect(problems(demo)).toEqual([expect.stringMatching(/^DEMO_PASSWORD: required in production/)]);
    expect(problems({ ...demo, DEMO_PASSWORD: 'a-demo-of-our-own' })).toEqual([]);
    // The embedded database seeds by default, so it is asked there too.
    const { DATABASE_URL: _, ...embedded } = { ...PROD, WECHAT_LOGIN_ALLOW_LOCAL: 'true' };
    expect(problems(embedded)[0]).toMatch(/^DEMO_PASSWORD:/);
    expect(problems({ ...embedded, SEED_DEMO: 'false' })).toEqual([]);
  });

  test('the server stops at start-up with exit code 78 and names the variable', async () => {
    const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const error = await run(process.execPath, [tsx, '--conditions=@hospital/source', 'server/src/index.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...PROD, WECHAT_APP_SECRET: '', DATA_DIR: '/nonexistent/never-created' },
    }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(error?.code).toBe(78);
    expect(error?.stderr).toContain('WECHAT_APP_SECRET: required in production');
    expect(error?.stderr).toContain('WECHAT_LOGIN_ALLOW_LOCAL=true');
  }, 30_000);
});
