import fs from 'node:fs';
import path from 'node:path';
import type Router from '@koa/router';
import { send } from '@koa/send';
import type { AppState } from './state';

/**
 * Serves a built single-page app under a prefix (the patient H5 app at /h5/). Files are sent as they are;
 * page routes fall back to index.html, but a missing script or stylesheet stays a 404 so a stale page
 * fails loudly instead of executing HTML as JavaScript.
 */
export function mountSpa(router: Router<AppState>, prefix: string, root: string): void {
  const index = path.join(root, 'index.html');
  router.get([prefix, `${prefix}/{*file}`], async (ctx) => {
    if (ctx.path === prefix) return ctx.redirect(`${prefix}/`); // relative asset URLs need the slash
    if (!fs.existsSync(index)) {
      ctx.status = 503;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = `The app is not built yet: run npm run build:h5 (expected ${index}).`;
      return;
    }
    const file = ctx.params.file ?? '';
    const hasExtension = path.extname(file) !== '';
    const sent = hasExtension
      ? await send(ctx, file, {
          root,
          immutable: /\.[0-9a-f]{8,}\./.test(file),
          maxage: 365 * 86_400_000,
        }).catch(() => undefined)
      : undefined;
    if (sent) return;
    if (hasExtension) return; // leaves 404 → ROUTE_NOT_FOUND
    ctx.set('Cache-Control', 'no-cache');
    await send(ctx, 'index.html', { root });
  });
}
