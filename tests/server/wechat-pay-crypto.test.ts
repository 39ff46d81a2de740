import {
  createCipheriv,
  createDecipheriv,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { inspect } from 'node:util';
import {
  buildClientPayParams,
  checkWechatpaySignature,
  clientPaySign,
  decryptResource,
  encryptResource,
  generateNonce,
  PayKeyError,
  parseAuthorization,
  ResourceDecryptError,
  rfc3339Beijing,
  signRequest,
  toApiV3Key,
  toPrivateKey,
  toPublicKey,
  verifySignature,
} from '../../server/src/integrations/wechat/pay/crypto';
import { selfSignedCertificate } from '../support/wechat-pay-standin';

const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const merchant = rsa();
const platform = rsa();
const stranger = rsa();
const pem = (key: KeyObject) =>
  key.type === 'private'
    ? key.export({ type: 'pkcs8', format: 'pem' }).toString()
    : key.export({ type: 'spki', format: 'pem' }).toString();

const API_V3_KEY = 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6';
const BODY = JSON.stringify({ appid: 'wxd678efh567hg6787', mchid: '1230000109', amount: { total: 100 } });

/** The request message as the documentation spells it, built here independently of the code under test. */
const requestMessage = (method: string, path: string, ts: string, nonce: string, body: string) =>
  `${method}\n${path}\n${ts}\n${nonce}\n${body}\n`;

describe('request signing (Authorization)', () => {
  const sample = {
    method: 'POST',
    urlPathWithQuery: '/v3/pay/transactions/jsapi',
    timestamp: '1554208460',
    nonce: '593BEC0C930BF1AFEB40B4A08C8FB242',
    body: BODY,
    mchId: '1900009191',
    serialNo: '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C',
  };

  it('produces a WECHATPAY2-SHA256-RSA2048 header that verifies with the merchant public key', () => {
    const header = signRequest({ ...sample, privateKey: merchant.privateKey });
    expect(header).toMatch(
      /^WECHATPAY2-SHA256-RSA2048 mchid="1900009191",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="[A-Za-z0-9+/=]+",timestamp="1554208460",serial_no="1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"$/,
    );
    const parsed = parseAuthorization(header)!;
    expect(parsed).toMatchObject({ mchId: sample.mchId, nonce: sample.nonce, timestamp: sample.timestamp });
    const message = requestMessage('POST', sample.urlPathWithQuery, sample.timestamp, sample.nonce, BODY);
    expect(
      verify('sha256', Buffer.from(message), merchant.publicKey, Buffer.from(parsed.signature, 'base64')),
    ).toBe(true);
  });

  it('accepts the private key as PEM (PKCS#8 and PKCS#1) as well as a KeyObject', () => {
    const fromKey = signRequest({ ...sample, privateKey: merchant.privateKey });
    const pkcs1 = merchant.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    // PKCS#1 v1.5 signatures are deterministic, so every form of the same key gives the same header.
    expect(signRequest({ ...sample, privateKey: pem(merchant.privateKey) })).toBe(fromKey);
    expect(signRequest({ ...sample, privateKey: pkcs1 })).toBe(fromKey);
  });

  it.each([
    ['body', { body: BODY.replace('100', '1') }],
    ['timestamp', { timestamp: '1554208461' }],
    ['nonce', { nonce: '593BEC0C930BF1AFEB40B4A08C8FB243' }],
    ['path', { urlPathWithQuery: '/v3/pay/transactions/native' }],
    ['method', { method: 'GET' }],
  ])('does not verify once the %s differs', (_field, change) => {
    const signature = parseAuthorization(
      signRequest({ ...sample, privateKey: merchant.privateKey }),
    )!.signature;
    const t = { ...sample, ...change };
    const message = requestMessage(t.method, t.urlPathWithQuery, t.timestamp, t.nonce, t.body);
    expect(verify('sha256', Buffer.from(message), merchant.publicKey, Buffer.from(signature, 'base64'))).toBe(
      false,
    );
  });

  it('signs GET requests over an empty body line, with the query string in the URL line', () => {
    const get = {
      ...sample,
      method: 'GET',
      urlPathWithQuery: '/v3/pay/transactions/out-trade-no/A12345?mchid=1900009191',
      body: '',
    };
    const signature = parseAuthorization(signRequest({ ...get, privateKey: merchant.privateKey }))!.signature;
    const message = `GET\n${get.urlPathWithQuery}\n${get.timestamp}\n${get.nonce}\n\n`;
    expect(verify('sha256', Buffer.from(message), merchant.publicKey, Buffer.from(signature, 'base64'))).toBe(
      true,
    );
  });

  it('rejects what is not an API v3 Authorization header', () => {
    expect(parseAuthorization(undefined)).toBeNull();
    expect(parseAuthorization('Bearer abc')).toBeNull();
    expect(parseAuthorization('WECHATPAY2-SHA256-RSA2048 mchid="1",nonce_str="2"')).toBeNull();
  });

  it('generates 32-character nonces that do not repeat', () => {
    const nonces = new Set(Array.from({ length: 100 }, generateNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(n).toMatch(/^[0-9A-F]{32}$/);
  });
});

describe('response and notification signature (Wechatpay-Signature)', () => {
  const ts = '1722850421';
  const nonce = 'd824f2e086d3c1df967785d13fcd22ef';
  const body = '{"code_url":"weixin://wxpay/bizpayurl?pr=JyC91EIz1"}';
  /** WeChat's side, straight from the documentation: sign `timestamp\nnonce\nbody\n`. */
  const wechatSign = (t: string, n: string, b: string, key: KeyObject = platform.privateKey) =>
    sign('sha256', Buffer.from(`${t}\n${n}\n${b}\n`), key).toString('base64');

  it('verifies a genuine signature with the platform public key, as PEM, certificate or KeyObject', () => {
    const signature = wechatSign(ts, nonce, body);
    const certificate = selfSignedCertificate({
      privateKey: platform.privateKey,
      publicKey: platform.publicKey,
      serialHex: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
    });
    for (const publicKey of [platform.publicKey, pem(platform.publicKey), certificate]) {
      expect(verifySignature({ timestamp: ts, nonce, body, signature, publicKey })).toBe(true);
    }
  });

  it.each([
    ['body', { body: body.replace('JyC91EIz1', 'JyC91EIz2') }],
    ['timestamp', { timestamp: '1722850422' }],
    ['nonce', { nonce: 'd824f2e086d3c1df967785d13fcd22ee' }],
  ])('rejects a tampered %s', (_field, change) => {
    const signature = wechatSign(ts, nonce, body);
    expect(
      verifySignature({ timestamp: ts, nonce, body, signature, publicKey: platform.publicKey, ...change }),
    ).toBe(false);
  });

  it('rejects a signature by another key, and garbage such as WeChat’s signature probes, without throwing', () => {
    const forged = wechatSign(ts, nonce, body, stranger.privateKey);
    expect(
      verifySignature({ timestamp: ts, nonce, body, signature: forged, publicKey: platform.publicKey }),
    ).toBe(false);
    for (const signature of ['WECHATPAY/SIGNTEST/abc', '', 'not base64!']) {
      expect(verifySignature({ timestamp: ts, nonce, body, signature, publicKey: platform.publicKey })).toBe(
        false,
      );
    }
  });

  describe('checkWechatpaySignature', () => {
    const keys = new Map([['PUB_KEY_ID_0114232136502025081200101000001', platform.publicKey]]);
    const at = new Date(Number(ts) * 1000);
    const headers = (over: Record<string, string | undefined> = {}) => ({
      'wechatpay-timestamp': ts,
      'wechatpay-nonce': nonce,
      'wechatpay-signature': wechatSign(ts, nonce, body),
      'wechatpay-serial': 'PUB_KEY_ID_0114232136502025081200101000001',
      'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
      ...over,
    });
    const check = (h: Record<string, string | undefined>, now = at, b = body) =>
      checkWechatpaySignature({ headers: h, body: b, keys, now, maxSkewSeconds: 300 });

    it('accepts a genuine message, with header names in any case', () => {
      expect(check(headers())).toBeNull();
      const upper = Object.fromEntries(Object.entries(headers()).map(([k, v]) => [k.toUpperCase(), v]));
      expect(check(upper)).toBeNull();
    });

    it('refuses timestamps more than 5 minutes old or ahead, and accepts them up to that', () => {
      expect(check(headers(), new Date(at.getTime() + 300_000))).toBeNull();
      expect(check(headers(), new Date(at.getTime() + 301_000))).toBe('STALE_TIMESTAMP');
      expect(check(headers(), new Date(at.getTime() - 301_000))).toBe('STALE_TIMESTAMP');
    });

    it('refuses an unknown serial, missing headers, another signature type and a bad signature', () => {
      expect(check(headers({ 'wechatpay-serial': 'PUB_KEY_ID_0000' }))).toBe('UNKNOWN_SERIAL');
      expect(check(headers({ 'wechatpay-nonce': undefined }))).toBe('MISSING_HEADERS');
      expect(check(headers({ 'wechatpay-signature-type': 'WECHATPAY2-SM2-WITH-SM3' }))).toBe(
        'UNSUPPORTED_SIGNATURE_TYPE',
      );
      expect(check(headers(), at, `${body} `)).toBe('BAD_SIGNATURE');
    });
  });
});

describe('resource encryption (AEAD_AES_256_GCM with the APIv3 key)', () => {
  const plaintext = JSON.stringify({ out_trade_no: 'A123456', trade_state: 'SUCCESS', amount: { total: 1 } });

  /** WeChat's side, straight from the documentation: ciphertext ‖ 16-byte tag, base64; nonce is the IV. */
  function wechatEncrypt(text: string, nonce = 'fdasflkja484', aad = 'transaction', key = API_V3_KEY) {
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(key), Buffer.from(nonce));
    cipher.setAAD(Buffer.from(aad));
    const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return { ciphertext: ciphertext.toString('base64'), nonce, associatedData: aad };
  }

  it('decrypts what WeChat encrypts', () => {
    expect(decryptResource(wechatEncrypt(plaintext), API_V3_KEY)).toBe(plaintext);
    expect(decryptResource(wechatEncrypt(plaintext, 'abcdefghijkl', ''), toApiV3Key(API_V3_KEY))).toBe(
      plaintext,
    );
  });

  it('encrypts what WeChat would decrypt, and round-trips', () => {
    const r = encryptResource(plaintext, API_V3_KEY, 'refund');
    expect(r.nonce).toHaveLength(12);
    const data = Buffer.from(r.ciphertext, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(API_V3_KEY), Buffer.from(r.nonce));
    decipher.setAAD(Buffer.from('refund'));
    decipher.setAuthTag(data.subarray(data.length - 16));
    expect(Buffer.concat([decipher.update(data.subarray(0, -16)), decipher.final()]).toString()).toBe(
      plaintext,
    );
    expect(decryptResource(r, API_V3_KEY)).toBe(plaintext);
  });

  function flipByte(b64: string, index: number): string {
    const bytes = Buffer.from(b64, 'base64');
    const i = index < 0 ? bytes.length + index : index;
    bytes[i] = (bytes[i] ?? 0) ^ 0x01;
    return bytes.toString('base64');
  }

  it.each([
    [
      'a tampered tag',
      (r: ReturnType<typeof wechatEncrypt>) => ({ ...r, ciphertext: flipByte(r.ciphertext, -1) }),
    ],
    [
      'a tampered ciphertext',
      (r: ReturnType<typeof wechatEncrypt>) => ({ ...r, ciphertext: flipByte(r.ciphertext, 0) }),
    ],
    ['other associated data', (r: ReturnType<typeof wechatEncrypt>) => ({ ...r, associatedData: 'refund' })],
    ['another nonce', (r: ReturnType<typeof wechatEncrypt>) => ({ ...r, nonce: 'fdasflkja485' })],
    [
      'a truncated tag',
      (r: ReturnType<typeof wechatEncrypt>) => ({
        ...r,
        ciphertext: Buffer.from(r.ciphertext, 'base64').subarray(0, -4).toString('base64'),
      }),
    ],
    ['nothing but a short string', (r: ReturnType<typeof wechatEncrypt>) => ({ ...r, ciphertext: 'AAAA' })],
  ])('throws ResourceDecryptError for %s', (_what, tamper) => {
    const tampered = tamper(wechatEncrypt(plaintext));
    expect(() => decryptResource(tampered, API_V3_KEY)).toThrow(ResourceDecryptError);
  });

  it('throws ResourceDecryptError under another APIv3 key', () => {
    expect(() => decryptResource(wechatEncrypt(plaintext), 'Z1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6')).toThrow(
      ResourceDecryptError,
    );
  });

  it('refuses APIv3 keys that are not 32 bytes, without quoting them', () => {
    for (const bad of ['short-key', `${API_V3_KEY}X`, `${API_V3_KEY.slice(0, 31)}键`]) {
      let error: unknown;
      try {
        toApiV3Key(bad);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(PayKeyError);
      expect((error as Error).message).not.toContain(bad);
    }
  });
});

describe('wx.requestPayment parameters', () => {
  it('signs appId\\ntimeStamp\\nnonceStr\\npackage\\n with the merchant key', () => {
    const params = buildClientPayParams({
      appId: 'wx8888888888888888',
      prepayId: 'wx201410272009395522657a690389285100',
      privateKey: merchant.privateKey,
      now: new Date(1414561699_000),
      nonce: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
    });
    expect(params).toStrictEqual({
      appId: 'wx8888888888888888',
      timeStamp: '1414561699',
      nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
      package: 'prepay_id=wx201410272009395522657a690389285100',
      signType: 'RSA',
      paySign: expect.any(String),
    });
    const message =
      'wx8888888888888888\n1414561699\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\nprepay_id=wx201410272009395522657a690389285100\n';
    expect(
      verify('sha256', Buffer.from(message), merchant.publicKey, Buffer.from(params.paySign, 'base64')),
    ).toBe(true);
    expect(
      verify(
        'sha256',
        Buffer.from(message.replace('1414561699', '1414561698')),
        merchant.publicKey,
        Buffer.from(params.paySign, 'base64'),
      ),
    ).toBe(false);
    expect(
      clientPaySign({
        appId: params.appId,
        timeStamp: params.timeStamp,
        nonceStr: params.nonceStr,
        package: params.package,
        privateKey: pem(merchant.privateKey),
      }),
    ).toBe(params.paySign);
  });
});

describe('keys', () => {
  it('parses PEM keys and certificates, and refuses the wrong kind without quoting the input', () => {
    expect(toPrivateKey(pem(merchant.privateKey)).type).toBe('private');
    expect(toPublicKey(pem(platform.publicKey)).type).toBe('public');
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const garbage = '-----BEGIN PRIVATE KEY-----\nTOPSECRETBYTES\n-----END PRIVATE KEY-----';
    const attempts = [
      () => toPrivateKey(garbage, 'merchant key'),
      () => toPrivateKey(pem(platform.publicKey)),
      () => toPrivateKey(ec.privateKey),
      () => toPublicKey(garbage),
      () => toPublicKey(ec.publicKey),
    ];
    for (const attempt of attempts) {
      expect(attempt).toThrow(PayKeyError);
      try {
        attempt();
      } catch (err) {
        expect((err as Error).message).not.toContain('TOPSECRET');
      }
    }
  });

  it('keeps key material out of logs and JSON', () => {
    const key = toApiV3Key(API_V3_KEY);
    const merchantKey = toPrivateKey(pem(merchant.privateKey));
    const printed = `${inspect({ key, merchantKey })} ${JSON.stringify({ key, merchantKey })}`;
    expect(printed).not.toContain(API_V3_KEY);
    expect(printed).not.toContain(pem(merchant.privateKey).split('\n')[1]!.slice(0, 20));
  });
});

describe('rfc3339Beijing', () => {
  it('writes an instant in +08:00 to the second', () => {
    expect(rfc3339Beijing(new Date('2024-05-20T05:29:35.900Z'))).toBe('2024-05-20T13:29:35+08:00');
    expect(rfc3339Beijing(new Date('2024-12-31T20:00:00Z'))).toBe('2025-01-01T04:00:00+08:00');
  });
});
