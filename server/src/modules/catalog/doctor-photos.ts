import { DOCTOR_PHOTO_PREFIX, type doctorPhotoUploadRequest } from '@hospital/shared';
import type { z } from 'zod';
import type { Actor } from '../../core/actor';
import { AppError, notFound } from '../../core/errors';
import { type DoctorPhotoDeps, uploadDoctorPhoto } from './use-cases/upload-doctor-photo';

/** Doctors' photos: staff upload them (catalog.manage), everyone reads them (the patient app, the console). */
export function createDoctorPhotoService(deps: DoctorPhotoDeps) {
  return {
    upload: (actor: Actor, doctorId: string, input: z.output<typeof doctorPhotoUploadRequest>) =>
      uploadDoctorPhoto(deps, actor, doctorId, input),

    /** A stored photo by its file name (`catalog.doctorPhoto` checked its shape), or 404. */
    async read(name: string) {
      const key = `${DOCTOR_PHOTO_PREFIX}${name}`;
      let file: Awaited<ReturnType<typeof deps.storage.get>>;
      try {
        file = await deps.storage.get(key);
      } catch (error) {
        deps.logger.error({ err: error, key, storage: deps.storage.kind }, 'reading a doctor photo failed');
        throw new AppError('SERVICE_UNAVAILABLE');
      }
      if (!file) throw notFound('照片');
      return file;
    },
  };
}

export type DoctorPhotoService = ReturnType<typeof createDoctorPhotoService>;
