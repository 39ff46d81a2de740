import { generateKeyPairSync, sign, verify } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { loadPayConfig, PayConfigError } from '../../server/src/integrations/wechat/pay/config';
import { createWechatPayProvider } from '../../server/src/integrations/wechat/pay/wechat-pay';
import { selfSignedCertificate } from '../support/wechat-pay-standin';

const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const certPlatform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const MERCHANT_PEM = merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PLATFORM_PEM = platform.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const CERT_SERIAL = '3A9F2C00DE11';
const API_V3_KEY = 'k3yK3yk3yK3yk3yK3yk3yK3yk3yK3y12';
const PUBLIC_KEY_ID = 'PUB_KEY_ID_0119000091912025081200101000001';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wechat-pay-config-'));
  fs.writeFileSync(path.join(dir, 'apiclient_key.pem'), MERCHANT_PEM);
  fs.writeFileSync(path.join(dir, 'pub_key.pem'), PLATFORM_PEM);
  fs.writeFileSync(path.join(dir, 'apiv3.key'), `${API_V3_KEY}\n`);
  fs.mkdirSync(path.join(dir, 'certs'));
  fs.writeFileSync(
    path.join(dir, 'certs', `${CERT_SERIAL}.pem`),
    selfSignedCertificate({
      privateKey: certPlatform.privateKey,
      publicKey: certPlatform.publicKey,
      serialHex: CERT_SERIAL,
    }),
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function env(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    WECHAT_PAY_MCH_ID: '1900009191',
    WECHAT_APP_ID: 'wxd678efh567hg6787',
    WECHAT_PAY_SERIAL_NO: '1dde55ad98ed71d6edd4a4a16996de7b47773a8c',
    WECHAT_PAY_PRIVATE_KEY_FILE: path.join(dir, 'apiclient_key.pem'),
    WECHAT_PAY_API_V3_KEY: API_V3_KEY,
    WECHAT_PAY_PLATFORM_PUBLIC_KEY_FILE: path.join(dir, 'pub_key.pem'),
    WECHAT_PAY_PLATFORM_SERIAL: PUBLIC_KEY_ID,
    ...extra,
  };
}

function problemsOf(source: NodeJS.ProcessEnv): string[] {
  try {
    loadPayConfig(source);
  } catch (err) {
    expect(err).toBeInstanceOf(PayConfigError);
    const error = err as PayConfigError;
    // Whatever went wrong, no key material reaches the message.
    expect(error.message).not.toContain(API_V3_KEY);
    expect(error.message).not.toContain(MERCHANT_PEM.split('\n')[1]);
    return error.problems;
  }
  throw new Error('expected PayConfigError');
}

describe('loadPayConfig', () => {
  it('chooses the local stand-in when no merchant number is set', () => {
    expect(loadPayConfig({})).toStrictEqual({ kind: 'local', mchId: '1900000000', appId: 'wx_local_app' });
    expect(loadPayConfig({ WECHAT_APP_ID: 'wxabc', WECHAT_PAY_MCH_ID: '' })).toMatchObject({
      kind: 'local',
      appId: 'wxabc',
    });
  });

  it('refuses the local stand-in in production unless a demo asks for it', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toStrictEqual([
      expect.stringMatching(/^WECHAT_PAY_MCH_ID: required in production/),
    ]);
    expect(loadPayConfig({ NODE_ENV: 'production', WECHAT_PAY_ALLOW_LOCAL: 'true' }).kind).toBe('local');
  });

  it('refuses keys configured without a merchant number (a typo in the variable name, say)', () => {
    expect(problemsOf({ WECHAT_PAY_API_V3_KEY: API_V3_KEY })).toStrictEqual([
      'WECHAT_PAY_MCH_ID: required when WECHAT_PAY_API_V3_KEY is set',
    ]);
  });

  it('reads public-key mode from files, with keys as KeyObjects that never print', () => {
    const config = loadPayConfig(env());
    if (config.kind !== 'wechat') throw new Error('expected wechat');
    expect(config).toMatchObject({
      mchId: '1900009191',
      appId: 'wxd678efh567hg6787',
      merchantSerialNo: '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C',
      baseUrl: 'https://api.mch.weixin.qq.com',
    });
    expect(Object.keys(config.platformPublicKeys)).toStrictEqual([PUBLIC_KEY_ID]);
    // The parsed keys are the configured ones.
    const signature = sign('sha256', Buffer.from('x'), config.merchantPrivateKey);
    expect(verify('sha256', Buffer.from('x'), merchant.publicKey, signature)).toBe(true);
    expect(config.apiV3Key.export().toString()).toBe(API_V3_KEY);

    const printed = `${JSON.stringify(config)} ${inspect(config, { depth: 5 })}`;
    expect(printed).not.toContain(API_V3_KEY);
    expect(printed).not.toContain(MERCHANT_PEM.split('\n')[1]);
    // And it is exactly what the provider takes.
    expect(createWechatPayProvider(config).kind).toBe('wechat');
  });

  it('takes inline PEMs with \\n escapes, the APIv3 key from a file, and WECHAT_PAY_APP_ID over WECHAT_APP_ID', () => {
    const config = loadPayConfig(
      env({
        WECHAT_PAY_PRIVATE_KEY_FILE: undefined,
        WECHAT_PAY_PRIVATE_KEY: MERCHANT_PEM.replace(/\n/g, '\\n'),
        WECHAT_PAY_PLATFORM_PUBLIC_KEY_FILE: undefined,
        WECHAT_PAY_PLATFORM_PUBLIC_KEY: PLATFORM_PEM,
        WECHAT_PAY_API_V3_KEY: undefined,
        WECHAT_PAY_API_V3_KEY_FILE: path.join(dir, 'apiv3.key'),
        WECHAT_PAY_APP_ID: 'wxpayapp',
      }),
    );
    expect(config).toMatchObject({ kind: 'wechat', appId: 'wxpayapp' });
  });

  it('reads platform certificates named by serial, alongside the public key', () => {
    const config = loadPayConfig(env({ WECHAT_PAY_PLATFORM_CERTS_DIR: path.join(dir, 'certs') }));
    if (config.kind !== 'wechat') throw new Error('expected wechat');
    expect(Object.keys(config.platformPublicKeys).sort()).toStrictEqual([CERT_SERIAL, PUBLIC_KEY_ID]);
    const certsOnly = loadPayConfig(
      env({
        WECHAT_PAY_PLATFORM_PUBLIC_KEY_FILE: undefined,
        WECHAT_PAY_PLATFORM_SERIAL: undefined,
        WECHAT_PAY_PLATFORM_CERTS_DIR: path.join(dir, 'certs'),
      }),
    );
    expect(certsOnly.kind === 'wechat' && Object.keys(certsOnly.platformPublicKeys)).toStrictEqual([
      CERT_SERIAL,
    ]);
  });

  it('refuses a certificate filed under another serial', () => {
    const misfiled = fs.mkdtempSync(path.join(dir, 'misfiled-'));
    fs.copyFileSync(path.join(dir, 'certs', `${CERT_SERIAL}.pem`), path.join(misfiled, 'ABCDEF.pem'));
    expect(problemsOf(env({ WECHAT_PAY_PLATFORM_CERTS_DIR: misfiled }))).toStrictEqual([
      `WECHAT_PAY_PLATFORM_CERTS_DIR: ABCDEF.pem holds the certificate with serial ${CERT_SERIAL}; name the file after it`,
    ]);
  });

  it('names every missing variable', () => {
    expect(problemsOf({ WECHAT_PAY_MCH_ID: '1900009191' })).toStrictEqual([
      'WECHAT_PAY_APP_ID: required (or WECHAT_APP_ID) when WECHAT_PAY_MCH_ID is set',
      'WECHAT_PAY_SERIAL_NO: required when WECHAT_PAY_MCH_ID is set',
      'WECHAT_PAY_PRIVATE_KEY_FILE: required (or WECHAT_PAY_PRIVATE_KEY) when WECHAT_PAY_MCH_ID is set',
      'WECHAT_PAY_API_V3_KEY_FILE: required (or WECHAT_PAY_API_V3_KEY) when WECHAT_PAY_MCH_ID is set',
      expect.stringMatching(/^WECHAT_PAY_PLATFORM_PUBLIC_KEY_FILE: a WeChat Pay public key/),
    ]);
    expect(problemsOf(env({ WECHAT_PAY_PLATFORM_SERIAL: undefined }))).toStrictEqual([
      expect.stringMatching(/^WECHAT_PAY_PLATFORM_SERIAL: required/),
    ]);
  });

  it('names bad values without repeating them', () => {
    const problems = problemsOf(
      env({
        WECHAT_PAY_API_V3_KEY: `${API_V3_KEY}-and-more`,
        WECHAT_PAY_PRIVATE_KEY_FILE: undefined,
        WECHAT_PAY_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nTOPSECRET\n-----END PRIVATE KEY-----',
        WECHAT_PAY_PLATFORM_PUBLIC_KEY_FILE: path.join(dir, 'missing.pem'),
      }),
    );
    expect(problems).toStrictEqual([
      'WECHAT_PAY_PRIVATE_KEY: private key is not a PEM private key',
      'WECHAT_PAY_API_V3_KEY: APIv3 key must be exactly 32 bytes (32 ASCII characters)',
      `WECHAT_PAY_PLATFORM_PUBLIC_KEY_FILE: cannot read ${path.join(dir, 'missing.pem')} (ENOENT)`,
    ]);
    expect(problems.join(' ')).not.toContain('TOPSECRET');
    expect(problemsOf(env({ WECHAT_PAY_PLATFORM_SERIAL: '5157F09E' }))).toStrictEqual([
      'WECHAT_PAY_PLATFORM_SERIAL: must be the WeChat Pay public key id (PUB_KEY_ID_…)',
    ]);
    expect(problemsOf(env({ WECHAT_PAY_PRIVATE_KEY: MERCHANT_PEM }))).toStrictEqual([
      'WECHAT_PAY_PRIVATE_KEY: set either WECHAT_PAY_PRIVATE_KEY_FILE or WECHAT_PAY_PRIVATE_KEY, not both',
    ]);
  });
});
