#!/usr/bin/env node
// Prints the size of the main package and of each subpackage of the weapp build, and fails when the main
// package passes our budget. WeChat's hard limit is 2 MB per package; 1.5 MB leaves room to grow.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN_BUDGET = 1.5 * 1024 * 1024;
// Usage: node scripts/package-sizes.mjs [dist dir, default dist/weapp]
const root = process.argv[2]
  ? resolve(process.argv[2])
  : fileURLToPath(new URL('../dist/weapp/', import.meta.url));

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

let app;
try {
  app = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8'));
} catch (error) {
  console.error(
    `package-sizes: cannot read ${join(root, 'app.json')} – run the weapp build first (${error.message})`,
  );
  process.exit(2);
}

// `subpackages` and `subPackages` are both accepted by WeChat.
const subRoots = (app.subpackages ?? app.subPackages ?? []).map((sub) => sub.root.replace(/\/+$/, ''));
const sizes = new Map([['main', 0], ...subRoots.map((r) => [r, 0])]);

for (const file of files(root)) {
  const rel = relative(root, file).split(sep).join('/');
  // Source maps and the DevTools project file are not uploaded.
  if (rel.endsWith('.map') || rel === 'project.config.json' || rel === 'project.private.config.json')
    continue;
  const owner = subRoots.find((r) => rel.startsWith(`${r}/`)) ?? 'main';
  sizes.set(owner, sizes.get(owner) + statSync(file).size);
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
let total = 0;
for (const [name, bytes] of sizes) {
  total += bytes;
  console.log(`${name === 'main' ? 'main package' : `subpackage ${name}`}: ${kib(bytes)}`);
}
console.log(`total: ${kib(total)}`);

const main = sizes.get('main');
if (main > MAIN_BUDGET) {
  console.error(
    `main package is ${kib(main)}, over the ${kib(MAIN_BUDGET)} budget: move pages to subpackages`,
  );
  process.exit(1);
}
