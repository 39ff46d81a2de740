import { type KeyObject, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PayKeyError, toApiV3Key, toPrivateKey, toPublicKey } from './crypto';
import { WECHAT_PAY_BASE_URL } from './wechat-pay';

/**
 * Which WeChat Pay provider to run, from the environment. Secrets come back as KeyObjects, which print as
 * `PrivateKeyObject { … }` and serialise as `{}`: logging the config cannot leak them.
 */
export type PayConfig =
  | {
      /** The embedded stand-in (no WECHAT_PAY_MCH_ID). */
      kind: 'local';
      mchId: string;
      appId: string;
    }
  | {
      kind: 'wechat';
      mchId: string;
      appId: string;
      merchantSerialNo: string;
      merchantPrivateKey: KeyObject;
      apiV3Key: KeyObject;
      /** Serial (`PUB_KEY_ID_…` or platform certificate serial, upper case) → verification key. */
      platformPublicKeys: Record<string, KeyObject>;
      baseUrl: string;
    };

/** Every problem found, each naming its variable; never a key or any part of one. */
export class PayConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid WeChat Pay configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PayConfigError';
  }
}

const LOCAL_MCH_ID = '1900000000';
const LOCAL_APP_ID = 'wx_local_app';

const envSchema = z.object({
  NODE_ENV: z.string().optional(),
  /** 商户号. Unset means the local stand-in. */
  WECHAT_PAY_MCH_ID: z
    .string()
    .regex(/^\d{1,32}$/, 'must be the merchant number (digits)')
    .optional(),
  /** The appid bound to the merchant; defaults to WECHAT_APP_ID (the mini-program). */
  WECHAT_PAY_APP_ID: z.string().optional(),
  WECHAT_APP_ID: z.string().optional(),
  /** Serial of the merchant API certificate, 40 hex digits in the merchant platform. */
  WECHAT_PAY_SERIAL_NO: z
    .string()
    .regex(/^[0-9A-Fa-f]{8,64}$/, 'must be the merchant API certificate serial number (hex)')
    .optional(),
  /** apiclient_key.pem: a path, or the PEM itself (`\n` escapes allowed). */
  WECHAT_PAY_PRIVATE_KEY_FILE: z.string().optional(),
  WECHAT_PAY_PRIVATE_KEY: z.string().optional(),
  /** 32 characters, set in the merchant platform. */
  WECHAT_PAY_API_V3_KEY: z.string().optional(),
  WECHAT_PAY_API_V3_KEY_FILE: z.string().optional(),
  /** Public-key mode: the WeChat Pay public key and its id (PUB_KEY_ID_…). */
  WECHAT_PAY_PLATFORM_PUBLIC_KEY_FILE: z.string().optional(),
  WECHAT_PAY_PLATFORM_PUBLIC_KEY: z.string().optional(),
  WECHAT_PAY_PLATFORM_SERIAL: z
    .string()
    .regex(/^PUB_KEY_ID_[0-9A-Za-z_]+$/, 'must be the WeChat Pay public key id (PUB_KEY_ID_…)')
    .optional(),
  /** Certificate mode: a directory of `<serial>.pem` platform certificates. May be combined with public-key mode. */
  WECHAT_PAY_PLATFORM_CERTS_DIR: z.string().optional(),
  WECHAT_PAY_API_BASE: z.url({ protocol: /^https?$/ }).default(WECHAT_PAY_BASE_URL),
  /** Allows the local stand-in when NODE_ENV=production (a demo); anyone can then "pay" for free. */
  WECHAT_PAY_ALLOW_LOCAL: z.enum(['true', 'false', '1', '0']).optional(),
});

const SECRET_VARIABLES = [
  'WECHAT_PAY_SERIAL_NO',
  'WECHAT_PAY_PRIVATE_KEY_FILE',
  'WECHAT_PAY_PRIVATE_KEY',
  'WECHAT_PAY_API_V3_KEY',
  'WECHAT_PAY_API_V3_KEY_FILE',
  'WECHAT_PAY_PLATFORM_PUBLIC_KEY_FILE',
  'WECHAT_PAY_PLATFORM_PUBLIC_KEY',
  'WECHAT_PAY_PLATFORM_SERIAL',
  'WECHAT_PAY_PLATFORM_CERTS_DIR',
] as const;

/**
 * Reads the WeChat Pay settings. Without WECHAT_PAY_MCH_ID: `{ kind: 'local' }` (refused in production unless
 * WECHAT_PAY_ALLOW_LOCAL=true). With it: every key is read (from the file variable or the inline one, never
 * both), parsed and checked now, so a broken key stops start-up instead of the first payment. Throws
 * PayConfigError listing every problem by variable name.
 */
export function loadPayConfig(source: NodeJS.ProcessEnv = process.env): PayConfig {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new PayConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const appId = e.WECHAT_PAY_APP_ID ?? e.WECHAT_APP_ID;

  if (!e.WECHAT_PAY_MCH_ID) {
    const stray = SECRET_VARIABLES.filter((name) => e[name] !== undefined);
    if (stray.length)
      throw new PayConfigError([`WECHAT_PAY_MCH_ID: required when ${stray.join(', ')} is set`]);
    const allowLocal = e.WECHAT_PAY_ALLOW_LOCAL === 'true' || e.WECHAT_PAY_ALLOW_LOCAL === '1';
    if (e.NODE_ENV === 'production' && !allowLocal) {
      throw new PayConfigError([
        'WECHAT_PAY_MCH_ID: required in production (the local stand-in lets anyone mark an order paid); ' +
          'set WECHAT_PAY_ALLOW_LOCAL=true only for a demo',
      ]);
    }
    return { kind: 'local', mchId: LOCAL_MCH_ID, appId: appId ?? LOCAL_APP_ID };
  }

  const problems: string[] = [];
  if (!appId) problems.push('WECHAT_PAY_APP_ID: required (or WECHAT_APP_ID) when WECHAT_PAY_MCH_ID is set');
  if (!e.WECHAT_PAY_SERIAL_NO) problems.push('WECHAT_PAY_SERIAL_NO: required when WECHAT_PAY_MCH_ID is set');

  const privatePem = secretText(e, 'WECHAT_PAY_PRIVATE_KEY', problems);
  let merchantPrivateKey: KeyObject | undefined;
  if (privatePem !== undefined) {
    merchantPrivateKey = keyOrProblem(() => toPrivateKey(privatePem), 'WECHAT_PAY_PRIVATE_KEY', problems);
  }

  const apiV3Text = secretText(e, 'WECHAT_PAY_API_V3_KEY', problems);
  let apiV3Key: KeyObject | undefined;
  if (apiV3Text !== undefined) {
    apiV3Key = keyOrProblem(() => toApiV3Key(apiV3Text.trim()), 'WECHAT_PAY_API_V3_KEY', problems);
  }

  const platformPublicKeys: Record<string, KeyObject> = {};
  const publicKeySet =
    e.WECHAT_PAY_PLATFORM_PUBLIC_KEY_FILE !== undefined || e.WECHAT_PAY_PLATFORM_PUBLIC_KEY !== undefined;
  // Undefined when unset or unreadable; secretText has already said why in the second case.
  const publicPem = secretText(e, 'WECHAT_PAY_PLATFORM_PUBLIC_KEY', problems, false);
  if (!publicKeySet && e.WECHAT_PAY_PLATFORM_SERIAL) {
    problems.push('WECHAT_PAY_PLATFORM_PUBLIC_KEY_FILE: required when WECHAT_PAY_PLATFORM_SERIAL is set');
  } else if (publicPem !== undefined && !e.WECHAT_PAY_PLATFORM_SERIAL) {
    problems.push('WECHAT_PAY_PLATFORM_SERIAL: required with the WeChat Pay public key (its PUB_KEY_ID_…)');
  } else if (publicPem !== undefined && e.WECHAT_PAY_PLATFORM_SERIAL) {
    const key = keyOrProblem(() => toPublicKey(publicPem), 'WECHAT_PAY_PLATFORM_PUBLIC_KEY', problems);
    if (key) platformPublicKeys[e.WECHAT_PAY_PLATFORM_SERIAL] = key;
  }
  if (e.WECHAT_PAY_PLATFORM_CERTS_DIR) {
    Object.assign(platformPublicKeys, readCertsDir(e.WECHAT_PAY_PLATFORM_CERTS_DIR, problems));
  }
  if (
    Object.keys(platformPublicKeys).length === 0 &&
    !problems.some((p) => p.startsWith('WECHAT_PAY_PLATFORM'))
  ) {
    problems.push(
      'WECHAT_PAY_PLATFORM_PUBLIC_KEY_FILE: a WeChat Pay public key (with WECHAT_PAY_PLATFORM_SERIAL) or ' +
        'WECHAT_PAY_PLATFORM_CERTS_DIR is required to verify WeChat Pay',
    );
  }

  if (problems.length || !appId || !e.WECHAT_PAY_SERIAL_NO || !merchantPrivateKey || !apiV3Key) {
    throw new PayConfigError(problems);
  }
  return {
    kind: 'wechat',
    mchId: e.WECHAT_PAY_MCH_ID,
    appId,
    merchantSerialNo: e.WECHAT_PAY_SERIAL_NO.toUpperCase(),
    merchantPrivateKey,
    apiV3Key,
    platformPublicKeys,
    baseUrl: e.WECHAT_PAY_API_BASE,
  };
}

type Env = z.infer<typeof envSchema>;

/**
 * The value of `NAME_FILE` (read from disk) or `NAME` (inline, `\n` escapes turned into newlines). A read
 * failure names the variable, the path and the error code, never any content.
 */
function secretText(
  e: Env,
  name: 'WECHAT_PAY_PRIVATE_KEY' | 'WECHAT_PAY_API_V3_KEY' | 'WECHAT_PAY_PLATFORM_PUBLIC_KEY',
  problems: string[],
  required = true,
): string | undefined {
  const fileVar = `${name}_FILE` as const;
  const file = e[fileVar];
  const inline = e[name];
  if (file !== undefined && inline !== undefined) {
    problems.push(`${name}: set either ${fileVar} or ${name}, not both`);
    return undefined;
  }
  if (file !== undefined) {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (err) {
      problems.push(`${fileVar}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      return undefined;
    }
  }
  if (inline !== undefined) return inline.replace(/\\n/g, '\n');
  if (required) problems.push(`${fileVar}: required (or ${name}) when WECHAT_PAY_MCH_ID is set`);
  return undefined;
}

function keyOrProblem(parse: () => KeyObject, name: string, problems: string[]): KeyObject | undefined {
  try {
    return parse();
  } catch (err) {
    // PayKeyError messages are ours and quote nothing; anything else is replaced, to be safe.
    problems.push(`${name}: ${err instanceof PayKeyError ? err.message : 'cannot be parsed'}`);
    return undefined;
  }
}

/**
 * `<serial>.pem` files: platform certificates (the file name must equal the certificate's serial) or WeChat
 * Pay public keys named by their PUB_KEY_ID_. Expired certificates are kept: WeChat may still sign with one
 * during a rotation, and replacing files is the operator's job.
 */
function readCertsDir(dir: string, problems: string[]): Record<string, KeyObject> {
  const name = 'WECHAT_PAY_PLATFORM_CERTS_DIR';
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.pem'));
  } catch (err) {
    problems.push(`${name}: cannot read ${dir} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    return {};
  }
  if (files.length === 0) problems.push(`${name}: ${dir} holds no <serial>.pem file`);
  const keys: Record<string, KeyObject> = {};
  for (const file of files.sort()) {
    const serial = file.slice(0, -'.pem'.length).toUpperCase();
    let text: string;
    try {
      text = fs.readFileSync(path.join(dir, file), 'utf8');
    } catch (err) {
      problems.push(`${name}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      continue;
    }
    if (text.includes('BEGIN CERTIFICATE')) {
      let certSerial: string;
      try {
        certSerial = new X509Certificate(text).serialNumber.toUpperCase();
      } catch {
        problems.push(`${name}: ${file} is not a valid PEM certificate`);
        continue;
      }
      if (certSerial !== serial) {
        problems.push(
          `${name}: ${file} holds the certificate with serial ${certSerial}; name the file after it`,
        );
        continue;
      }
    }
    const key = keyOrProblem(() => toPublicKey(text, file), name, problems);
    if (key) keys[serial] = key;
  }
  return keys;
}
