import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { AuditEntry, Doctor } from '@hospital/shared';
import { DOCTOR_PHOTO_MAX_BYTES, doctorPhotoSrc } from '@hospital/shared';
import type { FileStorage } from '../../server/src/integrations/storage';
import { createLocalStorage } from '../../server/src/integrations/storage';
import { createTestApp, type TestApp } from '../support/app';

/** A real PNG of w × h teal pixels (signature, IHDR, one IDAT, IEND, each chunk with its CRC). */
function png(w = 4, h = 3): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(Array.from({ length: w }, () => [15, 118, 110]).flat()),
  ]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: h }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The start of a baseline JPEG: SOI, JFIF, a frame header of 32 × 16, EOI. */
const JPEG = Buffer.from(
  'ffd8ffe000104a46494600010100000100010000ffc00011080010002003012200021101031101ffd9',
  'hex',
);

let t: TestApp;
let files: Map<string, { bytes: Uint8Array; contentType: string }>;
let failing = false;
let scheduler = '';
let clerk = '';
let doctor: Doctor;

beforeAll(async () => {
  // The local store in a temporary folder, seen through a wrapper that can fail on demand.
  const local = createLocalStorage(mkdtempSync(path.join(tmpdir(), 'photos-')));
  files = new Map();
  const storage: FileStorage = {
    kind: 'local',
    async put(key, bytes, contentType) {
      if (failing) throw new Error('disk full');
      files.set(key, { bytes, contentType });
      await local.put(key, bytes, contentType);
    },
    get: (key) => (failing ? Promise.reject(new Error('disk gone')) : local.get(key)),
  };
  t = await createTestApp({ storage });
  scheduler = await t.staffToken('scheduler');
  clerk = await t.staffToken('clerk');
  const list = await t.http
    .get('/api/v1/admin/doctors')
    .set('Authorization', `Bearer ${scheduler}`)
    .expect(200);
  doctor = list.body.items[0];
}, 60_000);
afterAll(() => t.close());

const upload = (id: string, body: object, token = scheduler, locale = 'zh-CN') =>
  t.http
    .post(`/api/v1/admin/doctors/${id}/photo`)
    .set('Authorization', `Bearer ${token}`)
    .set('Accept-Language', locale)
    .send(body);

describe("a doctor's photo", () => {
  test('is stored under a random key, becomes the photo, is served with cache headers, and is audited', async () => {
    const bytes = png();
    const res = await upload(doctor.id, { contentType: 'image/png', data: bytes.toString('base64') }).expect(
      200,
    );
    const photoUrl: string = res.body.photoUrl;
    expect(photoUrl).toMatch(/^doctor-photos\/[0-9a-f]{32}\.png$/);
    expect(files.get(photoUrl)?.contentType).toBe('image/png');

    // The public doctor answer names it, and the apps turn it into the address below.
    const pub = await t.http.get(`/api/v1/doctors/${doctor.id}`).expect(200);
    expect(pub.body.photoUrl).toBe(photoUrl);
    const src = doctorPhotoSrc(pub.body.photoUrl)!;
    expect(src).toBe(`/api/v1/${photoUrl}`);

    const served = await t.http.get(src).buffer(true).expect(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(served.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(Buffer.compare(served.body as Buffer, bytes)).toBe(0);

    const audit = await t.http
      .get(`/api/v1/admin/audit?entityType=doctor&entityId=${doctor.id}`)
      .set('Authorization', `Bearer ${await t.staffToken('admin')}`)
      .expect(200);
    const entry = (audit.body.items as AuditEntry[]).find((e) => e.changes?.photoUrl);
    expect(entry).toMatchObject({
      action: 'doctor.update',
      actorName: 'scheduler',
      changes: { photoUrl: { from: doctor.photoUrl, to: photoUrl } },
    });

    // A second upload gets a new name; the old one still answers (cached answers may name it).
    const again = await upload(doctor.id, {
      contentType: 'image/jpeg',
      data: JPEG.toString('base64'),
    }).expect(200);
    expect(again.body.photoUrl).toMatch(/^doctor-photos\/[0-9a-f]{32}\.jpg$/);
    expect(again.body.photoUrl).not.toBe(photoUrl);
    await t.http.get(`/api/v1/${photoUrl}`).expect(200);
    const jpeg = await t.http.get(`/api/v1/${again.body.photoUrl}`).expect(200);
    expect(jpeg.headers['content-type']).toBe('image/jpeg');
  });

  test('must be the image type it claims: other bytes are refused at the field, nothing is stored', async () => {
    const before = files.size;
    const cases: [string, Buffer][] = [
      ['image/jpeg', png()], // a PNG sent as JPEG
      ['image/png', Buffer.from('<html><script>alert(1)</script></html>')],
      ['image/webp', Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBP'), Buffer.alloc(4)])], // a header, no image
      ['image/png', png().subarray(0, 12)], // cut off before its size
    ];
    for (const [contentType, bytes] of cases) {
      const res = await upload(doctor.id, { contentType, data: bytes.toString('base64') }).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toEqual([
        {
          path: 'body.data',
          message: expect.stringContaining(`不是${contentType.slice(6).toUpperCase()}图片`),
        },
      ]);
    }
    const english = await upload(
      doctor.id,
      { contentType: 'image/jpeg', data: png().toString('base64') },
      scheduler,
      'en',
    ).expect(400);
    expect(english.body.error.message).toBe('The file is not a JPEG image; choose a JPEG, PNG or WebP photo');
    expect(files.size).toBe(before);
  });

  test('refuses other types, text that is not base64, a photo over the limit, and a body over it', async () => {
    const gif = await upload(doctor.id, { contentType: 'image/gif', data: 'R0lGODlh' }).expect(400);
    expect(gif.body.error.details[0].path).toBe('body.contentType');
    const text = await upload(
      doctor.id,
      { contentType: 'image/png', data: 'not base64!' },
      scheduler,
      'en',
    ).expect(400);
    expect(text.body.error.details).toEqual([
      { path: 'body.data', message: 'The photo must be sent base64-encoded' },
    ]);
    // Over the limit by a little: the parser takes it, the check refuses it with the limit stated.
    const big = Buffer.concat([png(), Buffer.alloc(DOCTOR_PHOTO_MAX_BYTES)]);
    const tooBig = await upload(doctor.id, { contentType: 'image/png', data: big.toString('base64') }).expect(
      400,
    );
    expect(tooBig.body.error.details[0]).toEqual({
      path: 'body.data',
      message: expect.stringContaining('2 MB'),
    });
    // Far over it: the body itself is refused before it is read to the end.
    const huge = Buffer.alloc(DOCTOR_PHOTO_MAX_BYTES * 2).toString('base64');
    const res = await upload(doctor.id, { contentType: 'image/png', data: huge }).expect(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    // Other routes keep BODY_LIMIT.
    await t.http
      .patch(`/api/v1/admin/doctors/${doctor.id}`)
      .set('Authorization', `Bearer ${scheduler}`)
      .send({ bio: 'x'.repeat(200_000) })
      .expect(413);
  });

  test('only staff who manage the catalog upload; an unknown doctor is 404 with nothing stored', async () => {
    const data = png().toString('base64');
    const refused = await upload(doctor.id, { contentType: 'image/png', data }, clerk).expect(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    await t.http
      .post(`/api/v1/admin/doctors/${doctor.id}/photo`)
      .send({ contentType: 'image/png', data })
      .expect(401);
    const before = files.size;
    await upload('00000000-0000-4000-8000-000000000000', { contentType: 'image/png', data }).expect(404);
    expect(files.size).toBe(before);
  });

  test('the public address answers 404 for a name never stored and 400 for one that cannot be a photo', async () => {
    await t.http.get(`/api/v1/doctor-photos/${'0'.repeat(32)}.png`).expect(404);
    const bad = await t.http.get('/api/v1/doctor-photos/..%2Fsecrets.png').expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    await t.http.get('/api/v1/doctor-photos/photo.gif').expect(400);
  });

  test('a store that fails is a 503 the client may retry, on upload and on reading', async () => {
    failing = true;
    try {
      const res = await upload(doctor.id, {
        contentType: 'image/png',
        data: png().toString('base64'),
      }).expect(503);
      expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
      expect(JSON.stringify(res.body)).not.toContain('disk');
      await t.http.get(`/api/v1/doctor-photos/${'a'.repeat(32)}.png`).expect(503);
    } finally {
      failing = false;
    }
  });
});

describe('doctorPhotoSrc (the apps turn photoUrl into an image address)', () => {
  test('a URL as it is, an uploaded key under the API origin, anything else the default picture', () => {
    expect(doctorPhotoSrc('https://cdn.example.cn/a.jpg', 'https://api.example.cn')).toBe(
      'https://cdn.example.cn/a.jpg',
    );
    expect(doctorPhotoSrc('doctor-photos/ab.png', 'https://api.example.cn/')).toBe(
      'https://api.example.cn/api/v1/doctor-photos/ab.png',
    );
    expect(doctorPhotoSrc('doctors/legacy.jpg')).toBeNull();
    expect(doctorPhotoSrc(null)).toBeNull();
  });
});
