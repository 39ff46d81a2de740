#!/usr/bin/env node
// `npm start`: generate the Prisma client, build what is missing, and start the server on the embedded
// database (or DATABASE_URL) with the demo hospital. `--watch` restarts on source changes (development).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const watch = process.argv.includes('--watch');

function step(label, cmd, args) {
  console.log(`› ${label}`);
  const res = spawnSync(cmd, args, { stdio: 'inherit', cwd: root });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

step('prisma generate', process.execPath, [
  path.join(root, 'node_modules', 'prisma', 'build', 'index.js'),
  'generate',
]);

const h5 = path.join(root, 'miniapp', 'dist', 'h5', 'index.html');
const miniappPkg = JSON.parse(fs.readFileSync(path.join(root, 'miniapp', 'package.json'), 'utf8'));
if (!fs.existsSync(h5) && miniappPkg.scripts?.['build:h5']) {
  step('build the patient H5 app (first start only)', 'npm', ['run', 'build:h5', '-w', 'miniapp']);
}

const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const args = [
  tsx,
  ...(watch ? ['watch', '--clear-screen=false'] : []),
  '--conditions=@hospital/source',
  'server/src/index.ts',
];
const child = spawn(process.execPath, args, { stdio: 'inherit', cwd: root });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
