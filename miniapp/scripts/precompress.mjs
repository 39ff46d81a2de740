#!/usr/bin/env node
// Run after `taro build --type h5`: writes <file>.br (brotli, best quality) and <file>.gz (gzip -9) beside
// every hashed text file of the build, once, so the server sends them without compressing on each request
// (server/src/http/static.ts; docs/decisions/023-compression-caching-search.md). A variant is written only
// when it is smaller; variants whose file is gone are removed. Unhashed files (index.html) are left alone:
// the server compresses those on the fly, so a rebuilt page can never be answered by an older variant.
//
// Usage: node scripts/precompress.mjs [build dir, default dist/h5]
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** The server's rule for a hashed file name (HASHED_FILE in server/src/http/static.ts). */
const HASHED_FILE = /\.[0-9a-f]{8,}\./;
const TEXT_FILE = /\.(js|mjs|css|html|svg|json|txt)$/;
/** The server's on-the-fly threshold (COMPRESS_THRESHOLD_BYTES): smaller files are sent as they are. */
const MIN_BYTES = 1024;
const VARIANTS = [
  {
    ext: '.br',
    compress: promisify(brotliCompress),
    options: (size) => ({
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: size,
      },
    }),
  },
  { ext: '.gz', compress: promisify(gzip), options: () => ({ level: constants.Z_BEST_COMPRESSION }) },
];

const root = process.argv[2]
  ? resolve(process.argv[2])
  : fileURLToPath(new URL('../dist/h5/', import.meta.url));

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

let all;
try {
  all = files(root);
} catch (error) {
  console.error(`precompress: cannot read ${root} – run the H5 build first (${error.message})`);
  process.exit(2);
}

const variantExts = VARIANTS.map((v) => v.ext);
const isVariant = (file) => variantExts.some((ext) => file.endsWith(ext));
const present = new Set(all.filter((f) => !isVariant(f)));
for (const file of all) {
  if (isVariant(file) && !present.has(file.slice(0, -3))) rmSync(file);
}

const totals = { files: 0, bytes: 0, '.br': 0, '.gz': 0 };
const sources = [...present].filter(
  (f) => HASHED_FILE.test(f.split(/[\\/]/).pop()) && TEXT_FILE.test(f) && statSync(f).size >= MIN_BYTES,
);
await Promise.all(
  sources.map(async (file) => {
    const data = readFileSync(file);
    const made = statSync(file).mtimeMs;
    totals.files += 1;
    totals.bytes += data.length;
    for (const { ext, compress, options } of VARIANTS) {
      const done = statSync(file + ext, { throwIfNoEntry: false });
      if (done && done.mtimeMs >= made) {
        totals[ext] += done.size; // made by an earlier run, from this very file (its name is its hash)
        continue;
      }
      const packed = await compress(data, options(data.length));
      if (packed.length < data.length) {
        writeFileSync(file + ext, packed);
        totals[ext] += packed.length;
      } else {
        rmSync(file + ext, { force: true });
        totals[ext] += data.length;
      }
    }
  }),
);

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(
  `precompress: ${totals.files} files in ${relative(process.cwd(), root) || '.'}, ${kib(totals.bytes)} → ` +
    `brotli ${kib(totals['.br'])}, gzip ${kib(totals['.gz'])}`,
);
