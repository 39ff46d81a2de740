import { randomBytes } from 'node:crypto';
import {
  DOCTOR_PHOTO_MAX_BYTES,
  DOCTOR_PHOTO_PREFIX,
  type DoctorPhotoType,
  type doctorPhotoUploadRequest,
} from '@hospital/shared';
import { imageSize } from 'image-size';
import type { z } from 'zod';
import type { Actor } from '../../../core/actor';
import { AppError, invalid } from '../../../core/errors';
import type { Logger } from '../../../core/logger';
import type { FileStorage } from '../../../integrations/storage';
import type { CatalogService } from '../catalog.service';

export interface DoctorPhotoDeps {
  storage: FileStorage;
  catalog: CatalogService;
  /** Told when the store fails (the client gets a 503 without the store's details). */
  logger: Logger;
}

/** What image-size calls each type we accept, and the file name's extension. */
const TYPES: Record<DoctorPhotoType, { detected: string; extension: string }> = {
  'image/jpeg': { detected: 'jpg', extension: 'jpg' },
  'image/png': { detected: 'png', extension: 'png' },
  'image/webp': { detected: 'webp', extension: 'webp' },
};

/** Larger than any camera's picture: a header that claims more is not a photo. */
const MAX_SIDE = 10_000;

/** The first bytes each type starts with (JPEG SOI, the PNG signature, RIFF….WEBP). */
function startsAs(type: DoctorPhotoType, b: Uint8Array): boolean {
  if (type === 'image/jpeg') return b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
  if (type === 'image/png')
    return [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((byte, i) => b[i] === byte);
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  return ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP';
}

/**
 * Checks that the bytes are an image of the type claimed: its signature, and a header that reads as that
 * type with sensible dimensions. A file renamed to .jpg, an HTML page, a PNG sent as JPEG: 400 at `body.data`.
 */
export function checkPhoto(type: DoctorPhotoType, bytes: Uint8Array): { width: number; height: number } {
  if (bytes.length > DOCTOR_PHOTO_MAX_BYTES) {
    const mb = DOCTOR_PHOTO_MAX_BYTES / 1024 / 1024;
    throw invalid('body.data', {
      zh: `照片不能超过 ${mb} MB，请压缩后重新上传`,
      en: `A photo may be at most ${mb} MB; make it smaller and upload it again`,
    });
  }
  const notThat = {
    zh: `文件内容不是${type.slice(6).toUpperCase()}图片，请选择 JPEG、PNG 或 WebP 格式的照片`,
    en: `The file is not a ${type.slice(6).toUpperCase()} image; choose a JPEG, PNG or WebP photo`,
  };
  if (!startsAs(type, bytes)) throw invalid('body.data', notThat);
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    throw invalid('body.data', notThat);
  }
  if (size.type !== TYPES[type].detected) throw invalid('body.data', notThat);
  const { width, height } = size;
  if (!(width > 0 && height > 0 && width <= MAX_SIDE && height <= MAX_SIDE)) {
    throw invalid('body.data', notThat);
  }
  return { width, height };
}

/**
 * A doctor's new photo: the bytes checked, stored under a random key (never the uploader's file name), then set
 * as the doctor's `photoUrl` through the catalog's own change, so the audit log has the doctor's before and after.
 * The old photo stays in the store (answers cached for a year may still name it).
 */
export async function uploadDoctorPhoto(
  { storage, catalog, logger }: DoctorPhotoDeps,
  actor: Actor,
  doctorId: string,
  input: z.output<typeof doctorPhotoUploadRequest>,
) {
  await catalog.getDoctor(doctorId, { includeInactive: true }); // 404 before anything is stored
  const bytes = new Uint8Array(Buffer.from(input.data, 'base64'));
  checkPhoto(input.contentType, bytes);
  const key = `${DOCTOR_PHOTO_PREFIX}${randomBytes(16).toString('hex')}.${TYPES[input.contentType].extension}`;
  try {
    await storage.put(key, bytes, input.contentType);
  } catch (error) {
    logger.error({ err: error, key, storage: storage.kind }, 'storing a doctor photo failed');
    throw new AppError('SERVICE_UNAVAILABLE', {
      zh: '照片暂时无法保存，请稍后重试',
      en: 'The photo cannot be stored just now; try again later',
    });
  }
  return catalog.updateDoctor(actor, doctorId, { photoUrl: key });
}
