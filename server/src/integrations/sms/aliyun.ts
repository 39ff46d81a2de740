import { createHmac, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { alertSafely, fetchTextOrFail } from '../http';
import type { SmsSender } from './sender';

/** Options of the Aliyun SMS client (dysmsapi `SendSms`, API version 2017-05-25). */
export interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  /** The approved signature (签名名称), shown as 【…】 in the message. */
  signName: string;
  /** The approved verification-code template (SMS_…); its one variable is `${code}`. */
  templateCode: string;
  /** Default https://dysmsapi.aliyuncs.com; tests and proxies override it. */
  endpoint?: string;
  /** Covers connecting and reading the body. Default 5000 ms. */
  timeoutMs?: number;
  /** Default: the global fetch, looked up on every call (msw replaces it after the client may be built). */
  fetch?: typeof fetch;
  /** Told about answers that mean our AccessKey, signature, template or account is wrong: alert an operator. */
  onMisconfigured?: (code: string, message: string) => void;
  /** The request's Timestamp; default the system clock. */
  now?: () => Date;
}

const DEFAULT_ENDPOINT = 'https://dysmsapi.aliyuncs.com';
const DEFAULT_TIMEOUT_MS = 5000;

/**
 * RFC 3986 percent-encoding as Aliyun's RPC signature (V2, HMAC-SHA1) wants it: only A–Z a–z 0–9 - _ . ~ are
 * left as they are; a space is %20, never +.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The RPC signature: parameters (all but Signature) sorted by name, each name and value percent-encoded and
 * joined as `k=v&…`; the string to sign is `METHOD&%2F&` + the encoded query; the key is the AccessKey secret
 * followed by `&`; the result is the base64 HMAC-SHA1.
 */
export function rpcSignature(
  method: string,
  params: Record<string, string>,
  accessKeySecret: string,
): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k]!)}`)
    .join('&');
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}

/** Aliyun's answer, success or error alike (`Code: 'OK'` is success). */
const replySchema = z.object({ Code: z.string(), Message: z.string().catch('') });

/**
 * The number cannot receive the message: malformed for the operator, or not a mobile at all. The patient can
 * fix it (another number).
 */
const INVALID_NUMBER: ReadonlySet<string> = new Set([
  'isv.MOBILE_NUMBER_ILLEGAL',
  'isv.PHONE_NUMBER_ILLEGAL',
]);

/**
 * Our side is wrong: AccessKey (unknown, disabled, no RAM permission, signature mismatch — a wrong secret),
 * the account (not subscribed, suspended, out of balance), the signature or template (not approved, missing
 * variable), or our parameters. No patient can fix these, so an operator is told.
 */
const MISCONFIGURED: ReadonlySet<string> = new Set([
  'InvalidAccessKeyId.NotFound',
  'InvalidAccessKeyId.Inactive',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidTimeStamp.Expired',
  'Forbidden.RAM',
  'isp.RAM_PERMISSION_DENY',
  'isv.PRODUCT_UN_SUBSCRIPT',
  'isv.PRODUCT_UNSUBSCRIBE',
  'isv.OUT_OF_SERVICE',
  'isv.ACCOUNT_NOT_EXISTS',
  'isv.ACCOUNT_ABNORMAL',
  'isv.AMOUNT_NOT_ENOUGH',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.SMS_SIGN_ILLEGAL',
  'isv.SIGN_NAME_ILLEGAL',
  'isv.SMS_SIGNATURE_SCENE_ILLEGAL',
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.INVALID_PARAMETERS',
  'isv.INVALID_JSON_PARAM',
  'isv.PARAM_LENGTH_LIMIT',
  'isv.BLACK_KEY_CONTROL_LIMIT',
]);

/**
 * Aliyun's own per-number flow control (by default 1 a minute, 5 an hour, 10 a day for verification codes
 * with one signature): `isv.BUSINESS_LIMIT_CONTROL` and its minute/hour/day variants.
 */
const THROTTLED = /BUSINESS_LIMIT|LIMIT_CONTROL|DAY_LIMIT|MINUTE_LIMIT|HOUR_LIMIT/;

/**
 * The client that calls Aliyun's `SendSms` (RPC style, POST with a form body so no signature or AccessKey id
 * sits in a URL that a proxy might log). Throws at construction when `endpoint` is not an absolute http(s)
 * URL, so a typo fails at start-up rather than at a patient's first code.
 */
export function createAliyunSmsSender(opts: AliyunSmsOptions): SmsSender {
  const endpoint = endpointUrl(opts.endpoint ?? DEFAULT_ENDPOINT);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch: typeof fetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = opts.now ?? (() => new Date());
  // Nothing we keep should ever hold the secret, even when a library quotes what it was given.
  const redact = (text: string): string =>
    opts.accessKeySecret ? text.split(opts.accessKeySecret).join('***') : text;
  const reportMisconfigured = (code: string, message: string): void =>
    alertSafely(opts.onMisconfigured, code, message);

  return {
    kind: 'aliyun',
    async sendCode(mobile, code) {
      const params: Record<string, string> = {
        AccessKeyId: opts.accessKeyId,
        Action: 'SendSms',
        Format: 'JSON',
        RegionId: 'cn-hangzhou',
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: randomUUID(),
        SignatureVersion: '1.0',
        // ISO 8601 in UTC, to the second.
        Timestamp: now()
          .toISOString()
          .replace(/\.\d{3}Z$/, 'Z'),
        Version: '2017-05-25',
        PhoneNumbers: mobile,
        SignName: opts.signName,
        TemplateCode: opts.templateCode,
        TemplateParam: JSON.stringify({ code }),
      };
      const signature = rpcSignature('POST', params, opts.accessKeySecret);
      const body = Object.entries({ ...params, Signature: signature })
        .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
        .join('&');

      const { status, text } = await fetchTextOrFail(
        'SendSms',
        {
          doFetch,
          url: endpoint,
          init: {
            method: 'POST',
            headers: {
              'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
              accept: 'application/json',
            },
            body,
          },
          timeoutMs,
        },
        unavailable,
        redact,
      );

      // Errors come as JSON with 4xx too (a wrong signature is 400 SignatureDoesNotMatch), so parse first.
      let reply: z.infer<typeof replySchema> | undefined;
      try {
        const parsed = replySchema.safeParse(JSON.parse(text));
        if (parsed.success) reply = parsed.data;
      } catch {
        // Not JSON: a proxy's error page, or a truncated answer.
      }
      if (!reply)
        throw unavailable(`SendSms answered HTTP ${status} without a JSON Code (${text.length} chars)`);
      if (reply.Code === 'OK' && status >= 200 && status < 300) return;
      throw mapCode(reply.Code, redact(reply.Message), status, reportMisconfigured);
    },
  };
}

/**
 * Maps an Aliyun error `Code` to what the patient sees:
 *
 * - invalid number → SMS_MOBILE_INVALID (422): they can type another;
 * - Aliyun's per-number flow control → RATE_LIMITED (429) saying the number got too many codes;
 * - misconfiguration (MISCONFIGURED) → SMS_UNAVAILABLE (503) plus `onMisconfigured`, since the patient cannot
 *   fix our AccessKey, signature or template and telling them about it would only leak our setup;
 * - anything else — `isp.SYSTEM_ERROR`, `Throttling.*` on the API, `SignatureNonceUsed`, HTTP 5xx, unknown codes
 *   — is taken as transient → SMS_UNAVAILABLE (503) with the code kept in the cause for the logs.
 */
function mapCode(
  code: string,
  message: string,
  status: number,
  reportMisconfigured: (code: string, message: string) => void,
): AppError {
  if (INVALID_NUMBER.has(code)) return new AppError('SMS_MOBILE_INVALID');
  if (THROTTLED.test(code)) {
    const error = new AppError('RATE_LIMITED', {
      zh: '该手机号接收验证码过于频繁，请稍后再试',
      en: 'This number has received too many codes; try again later',
    });
    error.cause = new Error(`SendSms throttled the number: ${code} ${message}`);
    return error;
  }
  if (MISCONFIGURED.has(code)) {
    reportMisconfigured(code, message);
    return unavailable(`SendSms rejected our configuration: ${code} ${message}`);
  }
  return unavailable(`SendSms answered HTTP ${status} ${code} ${message}`);
}

/** A 503 whose `cause` tells the operator what went wrong; the patient only sees the code's message. */
function unavailable(reason: string): AppError {
  const error = new AppError('SMS_UNAVAILABLE');
  error.cause = new Error(reason);
  return error;
}

/** `{endpoint}/`: RPC calls go to the root path. */
function endpointUrl(base: string): URL {
  let url: URL;
  try {
    url = new URL(`${base.replace(/\/+$/, '')}/`);
  } catch {
    throw new Error(`Aliyun SMS endpoint must be an absolute http(s) URL, got "${base}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`Aliyun SMS endpoint must be an absolute http(s) URL, got "${base}"`);
  }
  return url;
}
