import path from 'node:path';

/**
 * The layering holds (scripts/lib/import-rules.mjs, run by `npm run lint` too): domain code never imports the
 * HTTP layer or Koa, the layers under the modules import neither, and shared/ imports no app.
 */
type Rules = {
  checkTree(root: string): string[];
  checkFile(file: string, text: string): string[];
};
let rules: Rules;
beforeAll(async () => {
  rules = (await import(path.join(__dirname, '..', '..', 'scripts', 'lib', 'import-rules.mjs'))) as Rules;
});

test('the repository keeps the layering', () => {
  expect(rules.checkTree(path.join(__dirname, '..', '..'))).toEqual([]);
});

test.each([
  ['server/src/modules/booking/use-cases/book.ts', "import { AppError } from '../../../http/errors';"],
  ['server/src/modules/booking/booking.service.ts', "import type { Context } from 'koa';"],
  ['server/src/db/client.ts', "import { route } from '../http/route';"],
  [
    'server/src/integrations/wechat/login.ts',
    "import { bookingRoutes } from '../../modules/booking/booking.routes';",
  ],
  ['server/src/security/tokens.ts', "import type { Principal } from '../http/state';"],
  ['server/src/core/unit-of-work.ts', "const x = await import('../modules/services');"],
  ['shared/src/time.ts', "import { clock } from '../../server/src/core/clock';"],
])('a deliberate violation is refused: %s', (file, line) => {
  expect(rules.checkFile(file, line)).toHaveLength(1);
});

test('what the layering allows is not refused', () => {
  expect(
    rules.checkFile(
      'server/src/modules/booking/booking.routes.ts',
      "import { route } from '../../http/route';\nimport { AppError } from '../../core/errors';",
    ),
  ).toEqual([]);
  expect(
    rules.checkFile('server/src/integrations/wechat/login.ts', "import { fetchText } from '../http';"),
  ).toEqual([]);
});
