#!/usr/bin/env node
// `prisma generate`, only when the generated client is not that of the current schema, never twice at once,
// and never leaving a half-written file where another process may be reading: two instances started
// together from one checkout used to both rewrite server/src/db/generated while the other imported it.
//
// - Skip: the client is stamped (`.schema-hash` beside it) with a hash of what it is generated from.
// - Lock: one process of the checkout generates at a time; the others wait, then find it up to date.
// - Atomic: the client is generated into a scratch folder and moved into place file by file (a rename each),
//   leaving files that did not change untouched.
//
// `node scripts/lib/generate.mjs` (what `npm run generate` runs) does the same from the command line.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { withLock } from './lock.mjs';

const STAMP = '.schema-hash';

export function generatedPaths(root) {
  const schema = path.join(root, 'prisma', 'schema.prisma');
  const output = path.join(root, 'server', 'src', 'db', 'generated');
  return {
    schema,
    output,
    stamp: path.join(output, STAMP),
    lock: path.join(root, 'server', 'src', 'db', '.generate.lock'),
  };
}

/** What the client depends on: the schema, the config, and the versions of the generator and the runtime. */
export function schemaHash(root) {
  const hash = createHash('sha256');
  for (const file of [
    'prisma/schema.prisma',
    'prisma.config.ts',
    'node_modules/prisma/package.json',
    'node_modules/@prisma/client/package.json',
  ]) {
    const full = path.join(root, file);
    hash.update(file);
    hash.update(fs.existsSync(full) ? fs.readFileSync(full) : '');
  }
  return hash.digest('hex');
}

function upToDate(root, hash) {
  const { output, stamp } = generatedPaths(root);
  try {
    return fs.readFileSync(stamp, 'utf8').trim() === hash && fs.existsSync(path.join(output, 'client.ts'));
  } catch {
    return false;
  }
}

function filesUnder(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full, base) : [path.relative(base, full)];
  });
}

/** Generates into a scratch folder (outside server/src, so no compiler sees it half-done), then installs. */
function generateAtomically(root, log) {
  const { schema, output } = generatedPaths(root);
  const text = fs.readFileSync(schema, 'utf8');
  const match = /^\s*output\s*=\s*"([^"]+)"/m.exec(text);
  if (!match) throw new Error('prisma/schema.prisma: the generator has no output');
  const realOutput = match[1];
  const scratch = path.join(root, '.cache', `prisma-generate-${process.pid}`);
  const scratchOutput = path
    .relative(path.dirname(schema), path.join(scratch, 'client'))
    .split(path.sep)
    .join('/');
  const scratchSchema = path.join(path.dirname(schema), `.schema-${process.pid}.prisma`);
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(scratch, { recursive: true });
  try {
    fs.writeFileSync(scratchSchema, text.replace(match[0], match[0].replace(realOutput, scratchOutput)));
    log('› prisma generate');
    const res = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules', 'prisma', 'build', 'index.js'), 'generate', '--schema', scratchSchema],
      { stdio: 'inherit', cwd: root },
    );
    if (res.status !== 0) process.exit(res.status ?? 1);
    const made = path.join(scratch, 'client');
    const fresh = new Set(filesUnder(made));
    for (const file of fresh) {
      const from = path.join(made, file);
      // The client embeds its schema, output line included: give it back the real one.
      const content = fs.readFileSync(from, 'utf8').split(scratchOutput).join(realOutput);
      const to = path.join(output, file);
      if (fs.existsSync(to) && fs.readFileSync(to, 'utf8') === content) continue;
      fs.writeFileSync(from, content);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.renameSync(from, to);
    }
    if (fs.existsSync(output)) {
      for (const file of filesUnder(output)) {
        if (file !== STAMP && !fresh.has(file)) fs.rmSync(path.join(output, file));
      }
    }
  } finally {
    fs.rmSync(scratchSchema, { force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Returns 'up to date' or 'generated'; exits the process when prisma generate fails. */
export async function generateIfStale(root, { log = console.log, force = false } = {}) {
  const hash = schemaHash(root);
  if (!force && upToDate(root, hash)) return 'up to date';
  const { stamp, lock } = generatedPaths(root);
  return withLock(
    lock,
    () => {
      // Another process may have generated it while this one waited.
      if (!force && upToDate(root, hash)) return 'up to date';
      generateAtomically(root, log);
      // Written last, and renamed into place: a stamp is only ever whole, and only beside a complete client.
      const tmp = `${stamp}.${process.pid}`;
      fs.writeFileSync(tmp, `${hash}\n`);
      fs.renameSync(tmp, stamp);
      return 'generated';
    },
    { onWait: () => log('› prisma generate: another process is generating; waiting') },
  );
}

if (process.argv[1] && import.meta.filename === fs.realpathSync(process.argv[1])) {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const result = await generateIfStale(root, { force: process.argv.includes('--force') });
  if (result === 'up to date') console.log('› prisma client up to date');
}
