import { createHash } from 'node:crypto';
import { AwsClient } from 'aws4fetch';
import { assertStorageKey, type FileStorage, StorageError } from './storage';

/** An S3-compatible bucket (AWS S3, MinIO, Ceph, Tencent COS, Aliyun OSS in S3 mode…). */
export interface S3StorageOptions {
  /** The service's origin: https://s3.ap-east-1.amazonaws.com, https://cos.ap-shanghai.myqcloud.com, http://minio:9000. */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /**
   * `https://endpoint/bucket/key` (true: MinIO and most self-hosted stores) or `https://bucket.endpoint/key`
   * (false: the clouds' default).
   */
  pathStyle: boolean;
  /** Covers connecting and reading the body. Default 10 000 ms. */
  timeoutMs?: number;
  /** Default: the global fetch, looked up on every call (msw replaces it after the client may be built). */
  fetch?: typeof fetch;
}

/** `<Error><Code>AccessDenied</Code>…` → `AccessDenied`. */
function errorCodeOf(xml: string): string | undefined {
  return /<Code>([^<]{1,100})<\/Code>/.exec(xml)?.[1];
}

/**
 * Files as objects in an S3-compatible bucket, each request signed with AWS Signature V4 (aws4fetch), the
 * payload's SHA-256 signed too (`x-amz-content-sha256`), so the store refuses bytes changed on the way. The
 * bucket can stay private: the server reads the objects and serves them itself.
 */
export function createS3Storage(options: S3StorageOptions): FileStorage {
  const signer = new AwsClient({
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    region: options.region,
    service: 's3',
    retries: 0,
  });
  const endpoint = new URL(options.endpoint);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const urlOf = (key: string) => {
    assertStorageKey(key); // a key is already URL-safe: no escaping to get wrong
    const base = options.pathStyle
      ? `${endpoint.origin}/${options.bucket}`
      : `${endpoint.protocol}//${options.bucket}.${endpoint.host}`;
    return `${base}/${key}`;
  };

  async function send(method: 'GET' | 'PUT', key: string, init: { body?: Uint8Array; type?: string } = {}) {
    const payloadHash = createHash('sha256')
      .update(init.body ?? new Uint8Array())
      .digest('hex');
    const headers: Record<string, string> = { 'x-amz-content-sha256': payloadHash };
    if (init.type) headers['content-type'] = init.type;
    const request = await signer.sign(urlOf(key), {
      method,
      headers,
      body: init.body as BodyInit | undefined,
    });
    try {
      const response = await (options.fetch ?? fetch)(request, { signal: AbortSignal.timeout(timeoutMs) });
      const body = new Uint8Array(await response.arrayBuffer());
      return { response, body };
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new StorageError(
        `S3 ${method} ${key}: ${timedOut ? 'timed out' : 'network error'}`,
        undefined,
        undefined,
        { cause: error },
      );
    }
  }

  function failure(method: string, key: string, status: number, body: Uint8Array): StorageError {
    const code = errorCodeOf(new TextDecoder().decode(body.slice(0, 4096)));
    return new StorageError(`S3 ${method} ${key}: ${status}${code ? ` ${code}` : ''}`, status, code);
  }

  return {
    kind: 's3',
    async put(key, bytes, contentType) {
      const { response, body } = await send('PUT', key, { body: bytes, type: contentType });
      if (!response.ok) throw failure('PUT', key, response.status, body);
    },
    async get(key) {
      const { response, body } = await send('GET', key);
      if (!response.ok) {
        const error = failure('GET', key, response.status, body);
        // No such object is an answer; no such bucket (also 404) means the store's setup is wrong.
        if (response.status === 404 && (error.storeCode ?? 'NoSuchKey') === 'NoSuchKey') return null;
        throw error;
      }
      return {
        bytes: body,
        contentType: response.headers.get('content-type') ?? 'application/octet-stream',
      };
    },
  };
}
