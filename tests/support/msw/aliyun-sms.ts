import { createHmac } from 'node:crypto';
import { type HttpHandler, HttpResponse, http } from 'msw';

/** Where the real Aliyun SMS client posts unless told otherwise. */
export const ALIYUN_SMS_URL = 'https://dysmsapi.aliyuncs.com/';

/** One message the fake accepted. */
export interface SentSms {
  phoneNumbers: string;
  signName: string;
  templateCode: string;
  templateParam: unknown;
  accessKeyId: string;
  nonce: string;
}

/**
 * The signature as Aliyun's documentation describes it, written independently of the client: the recipe the
 * docs give for Java (form-encode, then `+` → `%20`, `*` → `%2A`, `%7E` → `~`), parameters sorted by name, the
 * string to sign `POST&%2F&<encoded query>`, HMAC-SHA1 keyed by `secret&`, base64.
 */
export function expectedSignature(method: string, params: URLSearchParams, secret: string): string {
  const encode = (v: string) =>
    new URLSearchParams({ v })
      .toString()
      .slice(2)
      .replace(/\+/g, '%20')
      .replace(/\*/g, '%2A')
      .replace(/%7E/g, '~');
  const pairs = [...params.entries()].filter(([k]) => k !== 'Signature');
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
  return createHmac('sha1', `${secret}&`)
    .update(`${method}&${encode('/')}&${encode(query)}`)
    .digest('base64');
}

/**
 * A stand-in for dysmsapi's SendSms that checks what Aliyun checks: the form body, the common parameters, a fresh
 * nonce, and the signature recomputed with the secret it knows — a request signed any other way gets Aliyun's
 * `SignatureDoesNotMatch` (HTTP 400). `answer` replaces the success reply for tests of error codes (it is
 * consulted only for correctly signed requests).
 */
export function fakeAliyunSms(opts: {
  accessKeyId: string;
  accessKeySecret: string;
  url?: string;
  answer?: () => Response | undefined;
}): { handler: HttpHandler; sent: SentSms[]; signaturesChecked: () => number } {
  const sent: SentSms[] = [];
  const nonces = new Set<string>();
  let checked = 0;
  const handler = http.post(opts.url ?? ALIYUN_SMS_URL, async ({ request }) => {
    const type = request.headers.get('content-type') ?? '';
    if (!type.startsWith('application/x-www-form-urlencoded')) {
      return aliyunError(400, 'MissingParameter', 'expected a form body');
    }
    const params = new URLSearchParams(await request.text());
    const common = {
      Action: 'SendSms',
      Version: '2017-05-25',
      Format: 'JSON',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
    };
    for (const [k, v] of Object.entries(common)) {
      if (params.get(k) !== v) return aliyunError(400, 'InvalidParameter', `${k} must be ${v}`);
    }
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(params.get('Timestamp') ?? '')) {
      return aliyunError(
        400,
        'InvalidTimeStamp.Format',
        'Specified time stamp or date value is not well formatted.',
      );
    }
    const nonce = params.get('SignatureNonce') ?? '';
    if (!nonce || nonces.has(nonce)) {
      return aliyunError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    }
    nonces.add(nonce);
    if (params.get('AccessKeyId') !== opts.accessKeyId) {
      return aliyunError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    }
    if (params.get('Signature') !== expectedSignature('POST', params, opts.accessKeySecret)) {
      return aliyunError(
        400,
        'SignatureDoesNotMatch',
        'Specified signature is not matched with our calculation.',
      );
    }
    checked++;
    const custom = opts.answer?.();
    if (custom) return custom;
    sent.push({
      phoneNumbers: params.get('PhoneNumbers') ?? '',
      signName: params.get('SignName') ?? '',
      templateCode: params.get('TemplateCode') ?? '',
      templateParam: JSON.parse(params.get('TemplateParam') ?? 'null'),
      accessKeyId: params.get('AccessKeyId') ?? '',
      nonce,
    });
    return HttpResponse.json({
      Message: 'OK',
      RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990',
      BizId: '900619746936498440^0',
      Code: 'OK',
    });
  });
  return { handler, sent, signaturesChecked: () => checked };
}

/** An error reply as Aliyun sends it (HTTP 200 for the SMS business codes, 4xx for the gateway's). */
export function aliyunError(status: number, code: string, message: string): Response {
  return HttpResponse.json(
    { Message: message, RequestId: 'A8E6D5C4-1111-2222-3333-444455556666', Code: code },
    { status },
  );
}
