#!/usr/bin/env node
// `npm start`: generate the Prisma client, build what is missing, and start the server on the embedded
// database (or DATABASE_URL) with the demo hospital. `--watch` restarts on source changes (development).
//
// The server runs as `node --import tsx …`, not under the tsx command: tsx's signal relay SIGKILLs its child
// ~60 ms after forwarding SIGTERM when the child is busy, which cut open requests. Here SIGTERM/SIGINT are
// forwarded and this process waits for the server's own graceful exit.
//
// Several starts at once from one checkout are fine: the Prisma client is generated only when the schema
// changed, and generation and the first builds of the H5 app and the console each run under a lock
// (scripts/lib/lock.mjs).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateIfStale } from './lib/generate.mjs';
import { withLock } from './lib/lock.mjs';

const root = path.resolve(import.meta.dirname, '..');
const watch = process.argv.includes('--watch');

function step(label, cmd, args) {
  console.log(`› ${label}`);
  const res = spawnSync(cmd, args, { stdio: 'inherit', cwd: root });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

if ((await generateIfStale(root)) === 'up to date') console.log('› prisma client up to date');

/**
 * Builds an app at its default place on the first start, under a lock so that two starts build it once — not
 * when `dirVariable` names another build.
 */
async function buildOnFirstStart({ name, index, dirVariable, lock, workspace, script }) {
  if (process.env[dirVariable] || fs.existsSync(index)) return;
  await withLock(
    lock,
    () => {
      if (!fs.existsSync(index))
        step(`build ${name} (first start only)`, 'npm', ['run', script, '-w', workspace]);
    },
    { onWait: () => console.log(`› waiting for another start to finish building ${name}`) },
  );
}

const miniappPkg = JSON.parse(fs.readFileSync(path.join(root, 'miniapp', 'package.json'), 'utf8'));
if (miniappPkg.scripts?.['build:h5']) {
  await buildOnFirstStart({
    name: 'the patient H5 app',
    index: path.join(root, 'miniapp', 'dist', 'h5', 'index.html'),
    dirVariable: 'H5_DIR',
    lock: path.join(root, 'miniapp', '.build-h5.lock'),
    workspace: 'miniapp',
    script: 'build:h5',
  });
}
await buildOnFirstStart({
  name: 'the staff console',
  index: path.join(root, 'console', 'dist', 'index.html'),
  dirVariable: 'CONSOLE_DIR',
  lock: path.join(root, 'console', '.build-console.lock'),
  workspace: 'console',
  script: 'build',
});

const args = watch
  ? // Development: tsx restarts the server on changes (its signal relay does not matter here).
    [
      path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      'watch',
      '--clear-screen=false',
      '--conditions=@hospital/source',
      'server/src/index.ts',
    ]
  : [
      '--import',
      pathToFileURL(path.join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href,
      '--conditions=@hospital/source',
      'server/src/index.ts',
    ];
const child = spawn(process.execPath, args, { stdio: 'inherit', cwd: root });
const stop = (signal) => {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
// `npm start` runs this through `sh -c` (the script says `exec`, so normally there is no shell in between);
// should whoever started us die without passing the signal on, stop the server rather than leave it orphaned.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop('SIGTERM');
}, 1000).unref();
child.on('exit', (code, signal) =>
  process.exit(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)),
);
