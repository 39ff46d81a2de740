// The layering of server/src, as import rules (README, "Architecture"): domain code never sees the HTTP
// layer or Koa, and shared/ never sees the apps. `npm run lint` runs it; tests/server/architecture.test.ts
// shows it refuses a deliberate violation.
import fs from 'node:fs';
import path from 'node:path';

/** Which files may not import what: `from` is a folder of the repository, `forbid` folders or packages. */
export const RULES = [
  {
    from: 'server/src/modules',
    except: /\.routes\.ts$/,
    forbid: ['server/src/http', 'koa', '@koa/router', '@koa/bodyparser'],
    why: 'services, use cases and repositories see core/, never the HTTP layer',
  },
  ...['core', 'db', 'integrations', 'security', 'policies', 'jobs'].map((dir) => ({
    from: `server/src/${dir}`,
    // The demo seed sits above the modules: it books and pays through their services.
    except: dir === 'db' ? /^server\/src\/db\/seed\// : undefined,
    forbid: ['server/src/http', 'server/src/modules', 'koa', '@koa/router', '@koa/bodyparser'],
    why: `${dir}/ sits below the modules and the HTTP layer`,
  })),
  {
    from: 'shared/src',
    forbid: ['server', 'miniapp', 'console'],
    why: 'shared/ imports nothing from the apps',
  },
  {
    from: 'console',
    forbid: ['server', 'miniapp'],
    why: 'the console talks to the server through the shared client and contracts only',
  },
];

const SPEC =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The module specifiers a source text imports. */
export function importsOf(text) {
  const found = [];
  for (const m of text.matchAll(SPEC)) found.push(m[1] ?? m[2] ?? m[3]);
  return found;
}

function under(file, dir) {
  return file === dir || file.startsWith(`${dir}/`);
}

/** Violations in one file (path relative to the repository root, `/`-separated). */
export function checkFile(file, text) {
  const problems = [];
  for (const rule of RULES) {
    if (!under(file, rule.from) || rule.except?.test(file)) continue;
    for (const spec of importsOf(text)) {
      const target = spec.startsWith('.')
        ? path.posix.normalize(path.posix.join(path.posix.dirname(file), spec))
        : spec;
      const hit = rule.forbid.find((f) =>
        spec.startsWith('.') ? under(target, f) : spec === f || spec.startsWith(`${f}/`),
      );
      if (hit) problems.push(`${file}: imports ${spec} — ${rule.why}`);
    }
  }
  return problems;
}

/** Every violation under `root`. */
export function checkTree(root) {
  const problems = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (['node_modules', 'dist', 'generated'].includes(entry.name)) continue;
        walk(child);
      } else if (/\.(m?[jt]sx?)$/.test(entry.name)) {
        problems.push(...checkFile(child, fs.readFileSync(path.join(root, child), 'utf8')));
      }
    }
  };
  for (const top of ['server/src', 'shared/src', 'console/src']) walk(top);
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const problems = checkTree(root);
  for (const p of problems) console.error(p);
  if (problems.length) {
    console.error(`\n${problems.length} import(s) break the layering (scripts/lib/import-rules.mjs).`);
    process.exit(1);
  }
  console.log('imports keep the layering');
}
