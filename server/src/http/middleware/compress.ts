import zlib from 'node:zlib';
import type { Middleware } from 'koa';
import compress from 'koa-compress';
import type { AppState } from '../state';

/** Answers smaller than this go as they are: under one TCP packet or two, compressing saves no round trip. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

/**
 * Compresses answers on the fly — JSON, and any app file the build did not precompress — with brotli or gzip,
 * as the client accepts (brotli first), and says `Vary: Accept-Encoding` on every answer. Brotli at quality
 * 4 costs about what gzip's default does in CPU and still writes smaller JSON; the app's hashed files are
 * compressed once at build time at the highest quality instead (http/static.ts). zstd and deflate are off, so
 * that every Node version answers the same encodings as the precompressed files.
 *
 * A streamed answer that must reach the client as it is written (server-sent events) sets
 * `ctx.compress = false`: a compressor buffers it.
 */
export function compression(): Middleware<AppState> {
  return compress({
    threshold: COMPRESS_THRESHOLD_BYTES,
    br: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    gzip: { level: zlib.constants.Z_DEFAULT_COMPRESSION },
    deflate: false,
    zstd: false,
  }) as Middleware<AppState>;
}
