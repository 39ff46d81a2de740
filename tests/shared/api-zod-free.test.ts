// `@hospital/shared/api` is what the mini-program's main package and the console load: the endpoint table
// and the client must not bring zod or luxon (about 100 KiB of a package WeChat limits) at run time. Types
// from the zod contracts are fine — `import type` leaves nothing behind.
import fs from 'node:fs';
import path from 'node:path';

const SHARED = path.resolve(__dirname, '../../shared/src');

/** The modules a TypeScript source loads at run time (imports and re-exports that are not type-only). */
function runtimeImports(source: string): string[] {
  const found: string[] = [];
  const statement = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(statement)) {
    const [, , typeOnly, clause = '', spec = ''] = m;
    if (typeOnly) continue;
    // `import { type A, type B } from …` is elided as well.
    const names = clause.match(/^\{([^}]*)\}$/)?.[1];
    if (names?.split(',').every((n) => !n.trim() || /^type\s/.test(n.trim()))) continue;
    found.push(spec);
  }
  for (const m of source.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) found.push(m[1]!);
  return found;
}

function resolveLocal(from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`${from}: cannot resolve ${spec}`);
}

/** Every module reached at run time from `entry`, and every package it loads. */
function runtimeGraph(entry: string) {
  const files = new Set<string>();
  const packages = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of runtimeImports(fs.readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) stack.push(resolveLocal(file, spec));
      else packages.add(spec);
    }
  }
  return { files: [...files].map((f) => path.relative(SHARED, f)).sort(), packages: [...packages] };
}

test('the parser tells type-only imports from runtime ones', () => {
  expect(
    runtimeImports(
      [
        "import type { z } from 'zod';",
        "import { type A, type B } from './a';",
        "import { type C, d } from './c';",
        "export * from './e';",
        "export type { F } from './f';",
        "import './g';",
      ].join('\n'),
    ),
  ).toEqual(['./c', './e', './g']);
});

test('@hospital/shared/api loads neither zod nor luxon nor any contract at run time', () => {
  const { files, packages } = runtimeGraph(path.join(SHARED, 'api/index.ts'));
  expect(packages).toEqual([]);
  // The error messages, and the name picker their NOT_ELIGIBLE sentence uses (which loads nothing itself).
  expect(files.filter((f) => !f.startsWith('api/'))).toEqual(['errors.ts', 'local-name.ts']);
  expect(files).toContain('api/client.ts');
});
