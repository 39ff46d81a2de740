import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  type KeyObject,
  randomBytes,
  sign,
  verify,
  X509Certificate,
} from 'node:crypto';

/**
 * The cryptography of WeChat Pay API v3, with nothing but node:crypto. Pure functions: no clock, no I/O, no
 * logging. Keys travel as KeyObjects wherever possible because a KeyObject prints as
 * `PrivateKeyObject { asymmetricKeyType: 'rsa' }` and serialises as `{}`, so a stray log line or
 * JSON.stringify cannot leak key material; PEM strings are accepted and converted at the edges.
 */

/** The only signature scheme API v3 has: SHA256 with RSA (PKCS#1 v1.5), base64. */
export const SIGNATURE_SCHEME = 'WECHATPAY2-SHA256-RSA2048';
/** The only resource encryption API v3 has. */
export const RESOURCE_ALGORITHM = 'AEAD_AES_256_GCM';
const GCM_TAG_BYTES = 16;

/** A key as configuration hands it over: PEM text or an already parsed KeyObject. */
export type KeyInput = KeyObject | string;

/** Thrown for keys that do not parse or have the wrong kind. The message never quotes the key. */
export class PayKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayKeyError';
  }
}

/** The merchant's RSA private key (`apiclient_key.pem`, PKCS#8 or PKCS#1 PEM). */
export function toPrivateKey(input: KeyInput, what = 'private key'): KeyObject {
  let key: KeyObject;
  try {
    key = typeof input === 'string' ? createPrivateKey(input) : input;
  } catch {
    throw new PayKeyError(`${what} is not a PEM private key`);
  }
  if (key.type !== 'private' || key.asymmetricKeyType !== 'rsa') {
    throw new PayKeyError(`${what} must be an RSA private key`);
  }
  return key;
}

/**
 * A WeChat Pay verification key: the WeChat Pay public key (`-----BEGIN PUBLIC KEY-----`, public-key mode,
 * serial `PUB_KEY_ID_…`) or a platform certificate (`-----BEGIN CERTIFICATE-----`, whose public key is used).
 */
export function toPublicKey(input: KeyInput, what = 'public key'): KeyObject {
  let key: KeyObject;
  try {
    if (typeof input !== 'string') key = input;
    else if (input.includes('BEGIN CERTIFICATE')) key = new X509Certificate(input).publicKey;
    else key = createPublicKey(input);
  } catch {
    throw new PayKeyError(`${what} is neither a PEM public key nor a PEM certificate`);
  }
  if (key.type !== 'public' || key.asymmetricKeyType !== 'rsa') {
    throw new PayKeyError(`${what} must be an RSA public key`);
  }
  return key;
}

/**
 * The APIv3 key (set in the merchant platform): 32 characters used as the 32 raw bytes of an AES-256 key.
 * Checked by byte length, because that is what AES needs and a non-ASCII character would silently change it.
 */
export function toApiV3Key(input: KeyInput): KeyObject {
  if (typeof input !== 'string') {
    if (input.type !== 'secret' || input.symmetricKeySize !== 32) {
      throw new PayKeyError('APIv3 key must be a 32-byte secret key');
    }
    return input;
  }
  const bytes = Buffer.from(input, 'utf8');
  if (bytes.length !== 32) throw new PayKeyError('APIv3 key must be exactly 32 bytes (32 ASCII characters)');
  return createSecretKey(bytes);
}

/** A random string for `nonce_str`, `Wechatpay-Nonce`, `nonceStr`: 32 uppercase hex characters (WeChat's limit is 32). */
export function generateNonce(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

/** Seconds since the epoch as WeChat writes them (`timestamp`, `Wechatpay-Timestamp`, `timeStamp`). */
export function unixSeconds(at: Date): string {
  return Math.floor(at.getTime() / 1000).toString();
}

/** Lines joined by `\n`, the last one terminated too: the shape of every API v3 signing message. */
function lines(...parts: string[]): string {
  return `${parts.join('\n')}\n`;
}

/** SHA256-with-RSA over a UTF-8 message, base64. */
export function rsaSign(message: string, privateKey: KeyInput): string {
  return sign('sha256', Buffer.from(message, 'utf8'), toPrivateKey(privateKey)).toString('base64');
}

/** Checks a base64 SHA256-with-RSA signature; false (never a throw) for garbage, e.g. a `WECHATPAY/SIGNTEST/` probe. */
export function rsaVerify(message: string, signature: string, publicKey: KeyInput): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  try {
    return verify(
      'sha256',
      Buffer.from(message, 'utf8'),
      toPublicKey(publicKey),
      Buffer.from(signature, 'base64'),
    );
  } catch {
    return false;
  }
}

/** What the merchant signs for each request: method, path with query, timestamp, nonce, body (`''` for GET). */
export function requestSigningMessage(r: {
  method: string;
  urlPathWithQuery: string;
  timestamp: string;
  nonce: string;
  body: string;
}): string {
  return lines(r.method.toUpperCase(), r.urlPathWithQuery, r.timestamp, r.nonce, r.body);
}

/**
 * The `Authorization` header value of an API v3 request:
 * `WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"`.
 * `urlPathWithQuery` is the URL without scheme and host (`/v3/pay/transactions/jsapi`,
 * `/v3/pay/transactions/out-trade-no/X?mchid=1`) exactly as sent; `body` is the exact JSON text sent.
 */
export function signRequest(r: {
  method: string;
  urlPathWithQuery: string;
  timestamp: string;
  nonce: string;
  body: string;
  mchId: string;
  /** Serial number of the merchant API certificate whose private key signs. */
  serialNo: string;
  privateKey: KeyInput;
}): string {
  const signature = rsaSign(requestSigningMessage(r), r.privateKey);
  return (
    `${SIGNATURE_SCHEME} mchid="${r.mchId}",nonce_str="${r.nonce}",signature="${signature}",` +
    `timestamp="${r.timestamp}",serial_no="${r.serialNo}"`
  );
}

/** The fields of an `Authorization` header, or null when it is not a well-formed API v3 one. */
export interface ParsedAuthorization {
  mchId: string;
  nonce: string;
  signature: string;
  timestamp: string;
  serialNo: string;
}

/** Reads an `Authorization` header (what WeChat does on its side; the stand-ins use it). */
export function parseAuthorization(header: string | null | undefined): ParsedAuthorization | null {
  if (!header?.startsWith(`${SIGNATURE_SCHEME} `)) return null;
  const fields = new Map<string, string>();
  for (const match of header.slice(SIGNATURE_SCHEME.length + 1).matchAll(/([a-z_]+)="([^"]*)"/g)) {
    fields.set(match[1]!, match[2]!);
  }
  const mchId = fields.get('mchid');
  const nonce = fields.get('nonce_str');
  const signature = fields.get('signature');
  const timestamp = fields.get('timestamp');
  const serialNo = fields.get('serial_no');
  if (!mchId || !nonce || !signature || !timestamp || !serialNo) return null;
  return { mchId, nonce, signature, timestamp, serialNo };
}

/** What WeChat signs in responses and notifications: timestamp, nonce, raw body (`''` for 204). */
export function responseSigningMessage(timestamp: string, nonce: string, body: string): string {
  return lines(timestamp, nonce, body);
}

/** WeChat's side: the `Wechatpay-Signature` of a response or notification (stand-ins only). */
export function signResponse(r: {
  timestamp: string;
  nonce: string;
  body: string;
  privateKey: KeyInput;
}): string {
  return rsaSign(responseSigningMessage(r.timestamp, r.nonce, r.body), r.privateKey);
}

/**
 * Verifies a `Wechatpay-Signature` over `timestamp\nnonce\nbody\n`. `body` must be the raw body as received
 * (re-serialised JSON does not verify).
 */
export function verifySignature(r: {
  timestamp: string;
  nonce: string;
  body: string;
  signature: string;
  publicKey: KeyInput;
}): boolean {
  return rsaVerify(responseSigningMessage(r.timestamp, r.nonce, r.body), r.signature, r.publicKey);
}

/** Why a signed WeChat message (response or notification) was not trusted. */
export type SignedMessageProblem =
  | 'MISSING_HEADERS'
  | 'UNSUPPORTED_SIGNATURE_TYPE'
  | 'STALE_TIMESTAMP'
  | 'UNKNOWN_SERIAL'
  | 'BAD_SIGNATURE';

/** Header names are matched case-insensitively; Node lowercases them, fetch's Headers too, raw maps may not. */
export type HeaderBag = Record<string, string | string[] | undefined> | Headers;

export function headerValue(headers: HeaderBag, name: string): string | undefined {
  // Duck-typed rather than instanceof: fetch polyfills and interceptors bring their own Headers class.
  if (typeof headers.get === 'function') return (headers as Headers).get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** Whether the message carries WeChat's signature headers at all (error responses may not). */
export function hasWechatpaySignature(headers: HeaderBag): boolean {
  return headerValue(headers, 'Wechatpay-Signature') !== undefined;
}

/**
 * The whole check of a message WeChat signed: the four `Wechatpay-*` headers are present, the timestamp is
 * within `maxSkewSeconds` of `now` either way (a replayed old message and a clock far off are both refused),
 * the key is chosen by `Wechatpay-Serial` among the configured ones (platform certificate serial or
 * `PUB_KEY_ID_…`), and the signature verifies over the raw body. Returns null when the message is genuine.
 */
export function checkWechatpaySignature(r: {
  headers: HeaderBag;
  body: string;
  keys: ReadonlyMap<string, KeyObject>;
  now: Date;
  maxSkewSeconds: number;
}): SignedMessageProblem | null {
  const timestamp = headerValue(r.headers, 'Wechatpay-Timestamp');
  const nonce = headerValue(r.headers, 'Wechatpay-Nonce');
  const signature = headerValue(r.headers, 'Wechatpay-Signature');
  const serial = headerValue(r.headers, 'Wechatpay-Serial');
  if (!timestamp || !nonce || !signature || !serial) return 'MISSING_HEADERS';
  const type = headerValue(r.headers, 'Wechatpay-Signature-Type');
  if (type !== undefined && type !== SIGNATURE_SCHEME) return 'UNSUPPORTED_SIGNATURE_TYPE';
  if (!/^\d{1,12}$/.test(timestamp)) return 'STALE_TIMESTAMP';
  if (Math.abs(r.now.getTime() / 1000 - Number(timestamp)) > r.maxSkewSeconds) return 'STALE_TIMESTAMP';
  const key = r.keys.get(serial) ?? r.keys.get(serial.toUpperCase());
  if (!key) return 'UNKNOWN_SERIAL';
  return verifySignature({ timestamp, nonce, body: r.body, signature, publicKey: key })
    ? null
    : 'BAD_SIGNATURE';
}

/** The encrypted `resource` of a notification (and of the certificates download). */
export interface EncryptedResource {
  /** base64 of the AES-256-GCM ciphertext with the 16-byte tag appended. */
  ciphertext: string;
  /** The GCM nonce as text; its UTF-8 bytes (12 of them) are the IV. */
  nonce: string;
  /** Authenticated but unencrypted: `transaction`, `refund`, or empty. */
  associatedData: string;
}

/** The ciphertext, its tag, or the key is wrong: the resource was tampered with or the APIv3 key differs. */
export class ResourceDecryptError extends Error {
  constructor(
    message = 'the notification resource could not be decrypted (wrong APIv3 key or tampered data)',
  ) {
    super(message);
    this.name = 'ResourceDecryptError';
  }
}

/** Decrypts a notification resource with the APIv3 key; throws ResourceDecryptError on any failure. */
export function decryptResource(resource: EncryptedResource, apiV3Key: KeyInput): string {
  const key = toApiV3Key(apiV3Key);
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length < GCM_TAG_BYTES || resource.nonce === '') throw new ResourceDecryptError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(resource.nonce, 'utf8'), {
      authTagLength: GCM_TAG_BYTES,
    });
    decipher.setAuthTag(data.subarray(data.length - GCM_TAG_BYTES));
    decipher.setAAD(Buffer.from(resource.associatedData, 'utf8'));
    return Buffer.concat([
      decipher.update(data.subarray(0, data.length - GCM_TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new ResourceDecryptError();
  }
}

/**
 * WeChat's side of `decryptResource` (stand-ins only): a fresh 12-character nonce unless one is given, the tag
 * appended to the ciphertext, base64.
 */
export function encryptResource(
  plaintext: string,
  apiV3Key: KeyInput,
  associatedData: string,
  nonce: string = randomBytes(9).toString('base64url').slice(0, 12),
): EncryptedResource {
  const cipher = createCipheriv('aes-256-gcm', toApiV3Key(apiV3Key), Buffer.from(nonce, 'utf8'), {
    authTagLength: GCM_TAG_BYTES,
  });
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { ciphertext: encrypted.toString('base64'), nonce, associatedData };
}

/** The object the mini-program passes to `wx.requestPayment` (appId is signed but not passed on). */
export interface ClientPayParams {
  appId: string;
  /** Seconds since the epoch, as a string. */
  timeStamp: string;
  nonceStr: string;
  /** `prepay_id=…` */
  package: string;
  signType: 'RSA';
  /** base64 SHA256-with-RSA by the merchant key over `appId\ntimeStamp\nnonceStr\npackage\n`. */
  paySign: string;
}

/** The `paySign` of `wx.requestPayment`, signed with the merchant private key. */
export function clientPaySign(p: {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  privateKey: KeyInput;
}): string {
  return rsaSign(lines(p.appId, p.timeStamp, p.nonceStr, p.package), p.privateKey);
}

/** Complete, signed `wx.requestPayment` parameters for a prepay id. */
export function buildClientPayParams(p: {
  appId: string;
  prepayId: string;
  privateKey: KeyInput;
  now: Date;
  nonce?: string;
}): ClientPayParams {
  const timeStamp = unixSeconds(p.now);
  const nonceStr = p.nonce ?? generateNonce();
  const pkg = `prepay_id=${p.prepayId}`;
  return {
    appId: p.appId,
    timeStamp,
    nonceStr,
    package: pkg,
    signType: 'RSA',
    paySign: clientPaySign({ appId: p.appId, timeStamp, nonceStr, package: pkg, privateKey: p.privateKey }),
  };
}

/**
 * RFC 3339 in Beijing time (`2024-05-20T13:29:35+08:00`), the form WeChat writes and documents for
 * `time_expire`, `success_time` and `create_time`.
 */
export function rfc3339Beijing(at: Date): string {
  const shifted = new Date(Math.floor(at.getTime() / 1000) * 1000 + 8 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}
