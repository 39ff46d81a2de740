/**
 * `npm start` generates the Prisma client only when the schema changed, and two starts at once generate it
 * once (scripts/lib/generate.mjs). Run against a scratch checkout whose `prisma` is a stand-in that counts
 * its runs and takes its time, so the real generated client is never touched.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { ROOT } from '../support/template';

const run = promisify(execFile);
const GENERATE = pathToFileURL(path.join(ROOT, 'scripts', 'lib', 'generate.mjs')).href;

let root: string;
const runs = () => {
  const file = path.join(root, 'runs.log');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').length : 0;
};
const client = () => path.join(root, 'server', 'src', 'db', 'generated', 'client.ts');

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'generate-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write(
    'prisma/schema.prisma',
    'generator client {\n  provider = "prisma-client"\n  output   = "../server/src/db/generated"\n}\n',
  );
  write('prisma.config.ts', '');
  write('node_modules/@prisma/client/package.json', '{"version":"0.0.0"}');
  write('node_modules/prisma/package.json', '{"version":"0.0.0"}');
  // The stand-in: writes its client (with the output path inside, as Prisma's embeds it) slowly, in two files.
  write(
    'node_modules/prisma/build/index.js',
    `const fs = require('node:fs'); const path = require('node:path');
     const schema = process.argv[process.argv.indexOf('--schema') + 1];
     const output = /output\\s*=\\s*"([^"]+)"/.exec(fs.readFileSync(schema, 'utf8'))[1];
     const dir = path.resolve(path.dirname(schema), output);
     fs.appendFileSync(path.join(${JSON.stringify(root)}, 'runs.log'), process.pid + '\\n');
     fs.mkdirSync(dir, { recursive: true });
     fs.writeFileSync(path.join(dir, 'client.ts'), '// half');
     setTimeout(() => {
       fs.writeFileSync(path.join(dir, 'client.ts'), 'export const output = ' + JSON.stringify(output) + ';\\n');
       fs.writeFileSync(path.join(dir, 'models.ts'), 'export {};\\n');
     }, 700);`,
  );
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const generate = () =>
  run(process.execPath, [
    '--input-type=module',
    '-e',
    `const { generateIfStale } = await import(${JSON.stringify(GENERATE)});
     console.log(await generateIfStale(${JSON.stringify(root)}, { log: () => {} }));`,
  ]).then((r) => r.stdout.trim());

test('two starts at once: one generates, the other waits and finds it up to date', async () => {
  const results = await Promise.all([generate(), generate()]);
  expect(results.sort()).toEqual(['generated', 'up to date']);
  expect(runs()).toBe(1);
  // Moved into place whole, with the real output path back in it.
  expect(fs.readFileSync(client(), 'utf8')).toBe('export const output = "../server/src/db/generated";\n');
  expect(fs.existsSync(path.join(path.dirname(client()), 'models.ts'))).toBe(true);
  // No scratch left behind.
  expect(fs.readdirSync(path.join(root, '.cache'))).toEqual([]);
  expect(fs.readdirSync(path.join(root, 'prisma')).sort()).toEqual(['schema.prisma']);
}, 30_000);

test('up to date: nothing runs; a changed schema generates again', async () => {
  await generate();
  expect(await generate()).toBe('up to date');
  expect(runs()).toBe(1);
  fs.appendFileSync(path.join(root, 'prisma', 'schema.prisma'), '// changed\n');
  expect(await generate()).toBe('generated');
  expect(runs()).toBe(2);
}, 30_000);

test('a lock left by a process that died does not block the next start', async () => {
  const lock = path.join(root, 'server', 'src', 'db', '.generate.lock');
  fs.mkdirSync(lock, { recursive: true });
  fs.writeFileSync(path.join(lock, 'pid'), '999999999');
  expect(await generate()).toBe('generated');
  expect(fs.existsSync(lock)).toBe(false);
}, 30_000);
