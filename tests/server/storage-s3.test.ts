import { createHash, createHmac } from 'node:crypto';
import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { type ConfigError, loadConfig } from '../../server/src/config';
import { createFileStorage, createS3Storage, StorageError } from '../../server/src/integrations/storage';

const KEY_ID = 'AKIDEXAMPLETEST00001';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const REGION = 'ap-east-1';
const ENDPOINT = 'https://s3.example-cloud.cn';
const BUCKET = 'hospital-files';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function store(extra: Partial<Parameters<typeof createS3Storage>[0]> = {}) {
  return createS3Storage({
    endpoint: ENDPOINT,
    region: REGION,
    bucket: BUCKET,
    accessKeyId: KEY_ID,
    secretAccessKey: SECRET,
    pathStyle: true,
    ...extra,
  });
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * Checks a request's AWS Signature V4 the way S3 does, written here from the specification (not with the
 * library the store signs with): the canonical request over the signed headers, the scope, the derived key.
 */
function signatureProblem(request: Request, body: Uint8Array): string | null {
  const auth = request.headers.get('authorization') ?? '';
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!m) return `malformed Authorization: ${auth}`;
  const [, keyId, day, region, signedHeaders, signature] = m as unknown as string[];
  if (keyId !== KEY_ID) return `key id ${keyId}`;
  if (region !== REGION) return `region ${region}`;
  const amzDate = request.headers.get('x-amz-date') ?? '';
  if (!amzDate.startsWith(day!)) return 'x-amz-date outside the scope';
  const payloadHash = request.headers.get('x-amz-content-sha256');
  if (payloadHash !== sha256(body)) return 'x-amz-content-sha256 is not the hash of the body';
  const names = signedHeaders!.split(';');
  for (const required of ['host', 'x-amz-content-sha256', 'x-amz-date'])
    if (!names.includes(required)) return `${required} not signed`;
  const url = new URL(request.url);
  const canonical = [
    request.method,
    url.pathname,
    url.search.slice(1),
    names.map((n) => `${n}:${(n === 'host' ? url.host : (request.headers.get(n) ?? '')).trim()}\n`).join(''),
    signedHeaders,
    payloadHash,
  ].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', amzDate, `${day}/${region}/s3/aws4_request`, sha256(canonical)].join(
    '\n',
  );
  const key = hmac(hmac(hmac(hmac(`AWS4${SECRET}`, day!), region!), 's3'), 'aws4_request');
  return hmac(key, toSign).toString('hex') === signature ? null : 'signature does not match';
}

/** A bucket in memory that answers only correctly signed requests, as S3 does (403 SignatureDoesNotMatch). */
function fakeBucket(base = `${ENDPOINT}/${BUCKET}`) {
  const objects = new Map<string, { bytes: Uint8Array; type: string }>();
  const seen: { method: string; url: string; problem: string | null }[] = [];
  const denied = () =>
    new HttpResponse('<?xml version="1.0"?><Error><Code>SignatureDoesNotMatch</Code></Error>', {
      status: 403,
      headers: { 'content-type': 'application/xml' },
    });
  server.use(
    http.put(`${base}/*`, async ({ request }) => {
      const bytes = new Uint8Array(await request.arrayBuffer());
      const problem = signatureProblem(request, bytes);
      seen.push({ method: 'PUT', url: request.url, problem });
      if (problem) return denied();
      objects.set(new URL(request.url).pathname, { bytes, type: request.headers.get('content-type') ?? '' });
      return new HttpResponse(null, { status: 200, headers: { etag: '"x"' } });
    }),
    http.get(`${base}/*`, ({ request }) => {
      const problem = signatureProblem(request, new Uint8Array());
      seen.push({ method: 'GET', url: request.url, problem });
      if (problem) return denied();
      const found = objects.get(new URL(request.url).pathname);
      if (!found)
        return new HttpResponse('<Error><Code>NoSuchKey</Code></Error>', {
          status: 404,
          headers: { 'content-type': 'application/xml' },
        });
      return new HttpResponse(found.bytes, { status: 200, headers: { 'content-type': found.type } });
    }),
  );
  return { objects, seen };
}

describe('the S3-compatible store', () => {
  test('puts the bytes under the key with their content type, signed, and reads them back', async () => {
    const bucket = fakeBucket();
    const s3 = store();
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await s3.put('doctor-photos/0123abcd.png', bytes, 'image/png');
    expect(bucket.seen).toEqual([
      { method: 'PUT', url: `${ENDPOINT}/${BUCKET}/doctor-photos/0123abcd.png`, problem: null },
    ]);
    expect(bucket.objects.get(`/${BUCKET}/doctor-photos/0123abcd.png`)).toEqual({ bytes, type: 'image/png' });
    expect(await s3.get('doctor-photos/0123abcd.png')).toEqual({ bytes, contentType: 'image/png' });
    expect(bucket.seen[1]).toEqual({
      method: 'GET',
      url: `${ENDPOINT}/${BUCKET}/doctor-photos/0123abcd.png`,
      problem: null,
    });
  });

  test('answers null for a key the bucket does not hold', async () => {
    fakeBucket();
    expect(await store().get('doctor-photos/missing.jpg')).toBeNull();
  });

  test('addresses the bucket as a host name when path style is off', async () => {
    const bucket = fakeBucket(`https://${BUCKET}.s3.example-cloud.cn`);
    await store({ pathStyle: false }).put('doctor-photos/v.webp', new Uint8Array([1]), 'image/webp');
    expect(bucket.seen).toEqual([
      { method: 'PUT', url: `https://${BUCKET}.s3.example-cloud.cn/doctor-photos/v.webp`, problem: null },
    ]);
  });

  test('a wrong secret is refused by the bucket and reported with its status and code', async () => {
    const bucket = fakeBucket();
    const error = await store({ secretAccessKey: 'not-the-secret' })
      .put('doctor-photos/w.png', new Uint8Array([1]), 'image/png')
      .catch((e: unknown) => e);
    expect(bucket.seen[0]?.problem).toBe('signature does not match');
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ status: 403, storeCode: 'SignatureDoesNotMatch' });
    expect((error as Error).message).not.toContain('not-the-secret');
  });

  test('other refusals and server errors are StorageErrors, on get as on put', async () => {
    server.use(
      http.get(`${ENDPOINT}/${BUCKET}/*`, () =>
        HttpResponse.text('<Error><Code>NoSuchBucket</Code><Message>gone</Message></Error>', { status: 404 }),
      ),
      http.put(`${ENDPOINT}/${BUCKET}/*`, () => new HttpResponse('busy', { status: 503 })),
    );
    // A missing bucket is not a missing file: it is the store's setup that is wrong.
    await expect(store().get('doctor-photos/a.png')).rejects.toMatchObject({
      name: 'StorageError',
      status: 404,
      storeCode: 'NoSuchBucket',
    });
    await expect(store().put('doctor-photos/a.png', new Uint8Array([1]), 'image/png')).rejects.toMatchObject({
      name: 'StorageError',
      status: 503,
    });
  });

  test('a store that does not answer in time, or cannot be reached, is a StorageError', async () => {
    server.use(
      http.get(`${ENDPOINT}/${BUCKET}/*`, async () => {
        await delay(300);
        return new HttpResponse(null);
      }),
      http.put(`${ENDPOINT}/${BUCKET}/*`, () => HttpResponse.error()),
    );
    await expect(store({ timeoutMs: 50 }).get('doctor-photos/a.png')).rejects.toThrow(/timed out/);
    await expect(store().put('doctor-photos/a.png', new Uint8Array([1]), 'image/png')).rejects.toThrow(
      /network error/,
    );
  });

  test('is chosen by STORAGE_S3_BUCKET (or STORAGE=s3), and names what it lacks', () => {
    const s3 = {
      STORAGE_S3_ENDPOINT: ENDPOINT,
      STORAGE_S3_BUCKET: BUCKET,
      STORAGE_S3_ACCESS_KEY_ID: KEY_ID,
      STORAGE_S3_SECRET_ACCESS_KEY: SECRET,
      STORAGE_S3_REGION: REGION,
    };
    expect(loadConfig(s3).storage).toEqual({
      kind: 's3',
      endpoint: ENDPOINT,
      region: REGION,
      bucket: BUCKET,
      accessKeyId: KEY_ID,
      secretAccessKey: SECRET,
      pathStyle: true,
    });
    expect(loadConfig({ ...s3, STORAGE_S3_PATH_STYLE: 'false' }).storage).toMatchObject({ pathStyle: false });
    expect(createFileStorage(loadConfig(s3).storage).kind).toBe('s3');
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ STORAGE: 's3' })).toEqual([
      'STORAGE_S3_ENDPOINT: required with STORAGE=s3',
      'STORAGE_S3_BUCKET: required with STORAGE=s3',
      'STORAGE_S3_ACCESS_KEY_ID: required with STORAGE=s3',
      'STORAGE_S3_SECRET_ACCESS_KEY: required with STORAGE=s3',
    ]);
    expect(problems({ STORAGE_S3_BUCKET: BUCKET })).toHaveLength(3);
    // STORAGE=local keeps files on the disk even with a bucket configured.
    expect(loadConfig({ ...s3, STORAGE: 'local' }).storage.kind).toBe('local');
  });
});
