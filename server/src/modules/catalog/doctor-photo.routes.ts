import { actorOf } from '../../http/actor';
import { route } from '../../http/route';
import type { Services } from '../services';

/** A year: a photo's name is random and never reused, so what is stored under it never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Doctors' photos: the staff upload, and the public address the apps show them from. */
export function doctorPhotoRoutes({ doctorPhotos }: Services) {
  return [
    route('catalog.uploadDoctorPhoto', {
      handler: ({ params, body, ctx }) => doctorPhotos.upload(actorOf(ctx), params.id, body),
    }),
    route('catalog.doctorPhoto', {
      handler: async ({ params, ctx }) => {
        const file = await doctorPhotos.read(params.name);
        ctx.type = file.contentType;
        ctx.set('Cache-Control', IMMUTABLE);
        // The weapp and an H5 build on another origin load it as an image; helmet's default is same-origin.
        ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
        ctx.body = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
      },
    }),
  ];
}
