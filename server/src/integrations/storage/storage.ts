/**
 * Where the server keeps files its users upload (doctors' photos): an interface, the local disk as the embedded
 * default (server/src/integrations/storage/local.ts) and any S3-compatible object store as the real one
 * (s3.ts). Keys are chosen by the server (`doctor-photos/<random>.jpg`), never by whoever uploads.
 */
export interface StoredFile {
  bytes: Uint8Array;
  contentType: string;
}

export interface FileStorage {
  /** `local` or `s3`, for the start-up log. */
  readonly kind: 'local' | 's3';
  /** Stores the bytes under the key (replacing what was there). */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The file under the key, or null when there is none. */
  get(key: string): Promise<StoredFile | null>;
}

/** The store failed or refused (not "no such file", which `get` answers as null). */
export class StorageError extends Error {
  constructor(
    message: string,
    /** The store's HTTP status, when it answered. */
    readonly status?: number,
    /** The store's own error code (S3: `AccessDenied`, `NoSuchBucket`…). */
    readonly storeCode?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}

/**
 * A key the stores accept: segments of letters, digits, `_`, `-` and `.`, separated by `/`, none of them `.` or
 * `..`, at most 200 characters — so a key is also a safe relative path on disk and an S3 key needing no escaping.
 */
export function isStorageKey(key: string): boolean {
  if (key.length === 0 || key.length > 200) return false;
  return key
    .split('/')
    .every((segment) => /^[A-Za-z0-9_.-]+$/.test(segment) && segment !== '.' && segment !== '..');
}

export function assertStorageKey(key: string): void {
  if (!isStorageKey(key)) throw new StorageError(`not a storage key: ${JSON.stringify(key.slice(0, 80))}`);
}
