import path from 'node:path';
import { createLocalStorage } from './local';
import { createS3Storage, type S3StorageOptions } from './s3';
import type { FileStorage } from './storage';

export { createLocalStorage } from './local';
export { createS3Storage } from './s3';
export type { FileStorage, StoredFile } from './storage';
export { isStorageKey, StorageError } from './storage';

/** Which store the server keeps uploads in (server/src/config.ts reads it from STORAGE and STORAGE_S3_*). */
export type StorageConfig = { kind: 'local'; dir: string } | ({ kind: 's3' } & S3StorageOptions);

/** The configured store. */
export function createFileStorage(config: StorageConfig): FileStorage {
  if (config.kind === 'local') return createLocalStorage(path.resolve(config.dir));
  const { kind: _kind, ...options } = config;
  return createS3Storage(options);
}
