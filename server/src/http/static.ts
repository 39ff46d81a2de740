import fs from 'node:fs';
import path from 'node:path';
import type Router from '@koa/router';
import { send } from '@koa/send';
import type { Context } from 'koa';
import type { AppState } from './state';

/**
 * A content hash in a file name (webpack's `[name].[contenthash:8].js`): under that name the file never
 * changes. miniapp/scripts/precompress.mjs precompresses exactly these files.
 */
export const HASHED_FILE = /\.[0-9a-f]{8,}\./;

/** A hashed file: cached for a year and never revalidated (a new build names its files anew). */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface SpaOptions {
  /**
   * Serve the `<file>.br` and `<file>.gz` the build wrote beside each hashed file, as the client accepts
   * (brotli first). Only hashed files: a precompressed `index.html` left by an earlier build would be stale.
   */
  precompressed: boolean;
  /** The command that builds the app, named in the answer while it is not built. */
  build: string;
}

/** A weak validator from size and modification time (as the `etag` package makes for files). */
const weakEtag = (stats: fs.Stats) => `W/"${stats.size.toString(16)}-${stats.mtime.getTime().toString(16)}"`;

/**
 * Serves a built single-page app under a prefix — the patient H5 app at /h5/, the staff console at /console/.
 * Hashed files are immutable for a year, precompressed when the build made it so; everything else
 * (`index.html`, unhashed files) is `no-cache` with an ETag, so a phone revalidates it with one small request
 * (304) and picks up a new build at once. Page routes fall back to index.html, but a missing file with an
 * extension stays a 404, so a stale page fails loudly instead of executing HTML as JavaScript. Files that are
 * neither precompressed nor small are compressed on the fly (http/middleware/compress.ts).
 */
export function mountSpa(router: Router<AppState>, prefix: string, root: string, opts: SpaOptions): void {
  const index = path.join(root, 'index.html');
  router.get([prefix, `${prefix}/{*file}`], async (ctx) => {
    if (ctx.path === prefix) return ctx.redirect(`${prefix}/`); // relative asset URLs need the slash
    if (!fs.existsSync(index)) {
      ctx.status = 503;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = `The app is not built yet: run ${opts.build} (expected ${index}).`;
      return;
    }
    const file = ctx.params.file ?? '';
    if (path.extname(file) === '') return serve(ctx, 'index.html', root, opts);
    // A file that is not there leaves the 404 (→ ROUTE_NOT_FOUND), never the page.
    await serve(ctx, file, root, opts).catch(() => undefined);
  });
}

async function serve(ctx: Context, file: string, root: string, opts: SpaOptions): Promise<void> {
  const hashed = HASHED_FILE.test(path.basename(file));
  const variants = hashed && opts.precompressed;
  const served = await send(ctx, file, {
    root,
    brotli: variants,
    gzip: variants,
    setHeaders: (res, _served, stats) => {
      if (hashed) {
        res.setHeader('Cache-Control', IMMUTABLE);
      } else {
        res.setHeader('Cache-Control', 'no-cache');
        res.setHeader('ETag', weakEtag(stats));
      }
    },
  });
  if (variants) ctx.vary('Accept-Encoding');
  if (ctx.fresh) {
    ctx.status = 304;
    ctx.body = null;
    return;
  }
  // send() streams to the end of the file, however long it has grown since it read its size: a file rewritten
  // in place while it is being sent (a build over index.html) would put bytes past Content-Length on the
  // connection, and the next answer on it would be garbage. Read exactly the length announced.
  const length = ctx.response.length;
  if (served && length) {
    ctx.body = fs.createReadStream(served, { start: 0, end: length - 1 });
    ctx.length = length; // replacing a stream drops it
  }
}
