import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Protects personal identifiers (ID numbers, phones) at rest. Two keys are derived from the master key:
 * one encrypts (AES-256-GCM, random IV, so equal values encrypt differently), one makes a keyed hash
 * (HMAC-SHA256) that finds duplicates without storing or comparing the clear value.
 */
export interface PiiCipher {
  encrypt(plain: string): string;
  decrypt(token: string): string;
  /** Deterministic keyed hash for equality checks. */
  hash(plain: string): string;
}

const VERSION = 'v1';

export function createPiiCipher(masterKey: Buffer): PiiCipher {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
  const encKey = derive('pii-encryption');
  const macKey = derive('pii-lookup-hash');
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [
        VERSION,
        iv.toString('base64url'),
        body.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
      ].join('.');
    },
    decrypt(token) {
      const [version, iv, body, tag] = token.split('.');
      if (version !== VERSION || !iv || !body || !tag) throw new Error('unrecognised PII ciphertext');
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
    hash(plain) {
      return createHmac('sha256', macKey).update(plain, 'utf8').digest('hex');
    },
  };
}
