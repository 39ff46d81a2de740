import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';

export interface Secrets {
  jwtSecret: string;
  /** 32 bytes; see `createPiiCipher`. */
  piiKey: Buffer;
}

/** Accepts 64 hex characters or base64 of 32 bytes. */
export function parseKey(value: string, name: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error(`${name}: must be 32 bytes as 64 hex characters or base64`);
  return key;
}

/**
 * Secrets from the environment, or — for a single embedded instance — generated once and kept in
 * DATA_DIR/secrets.json (mode 600), so tokens and encrypted fields survive a restart. Production refuses
 * to start without them in the environment (see config), because several instances must share them.
 */
export function resolveSecrets(config: Config): Secrets {
  let stored: { jwtSecret?: string; piiKey?: string } = {};
  const file = path.join(config.dataDir, 'secrets.json');
  const needFile = !config.jwt.secret || !config.piiKey;
  if (needFile) {
    if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, 'utf8'));
    const generated = {
      jwtSecret: stored.jwtSecret ?? randomBytes(48).toString('base64url'),
      piiKey: stored.piiKey ?? randomBytes(32).toString('hex'),
    };
    if (generated.jwtSecret !== stored.jwtSecret || generated.piiKey !== stored.piiKey) {
      fs.mkdirSync(config.dataDir, { recursive: true });
      fs.writeFileSync(file, `${JSON.stringify(generated, null, 2)}\n`, { mode: 0o600 });
    }
    stored = generated;
  }
  return {
    jwtSecret: config.jwt.secret ?? stored.jwtSecret!,
    piiKey: parseKey(config.piiKey ?? stored.piiKey!, 'PII_KEY'),
  };
}
