import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, TEST_SECRETS } from './template';

/**
 * How to start the server: `npm` itself (`npm start`, as a user or a process manager does), `npm start`'s
 * script, or the server's entry run by node (as `node dist/index.js` is).
 */
export const SERVER_ENTRIES = {
  npm: ['npm', 'start'],
  'npm start': ['scripts/start.mjs'],
  'node index': [
    '--import',
    pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href,
    '--conditions=@hospital/source',
    'server/src/index.ts',
  ],
} as const;

export interface LogLine {
  time: string;
  msg: string;
  [key: string]: unknown;
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  base: string;
  /** Its JSON log lines so far, parsed. */
  logs: LogLine[];
  /** Everything it printed so far. */
  output(): string;
  /** Once the process has exited: its code or signal, and when. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/**
 * The real server as its own process, on a port it picks itself and prints (a port probed here and handed
 * over could be taken meanwhile). Resolves when `/readyz` answers 200. `detached` puts it in a process group
 * of its own (so `npm start` and its child can be killed together with `process.kill(-pid)`).
 */
export async function startServerProcess(
  env: Record<string, string>,
  opts: { entry?: keyof typeof SERVER_ENTRIES; detached?: boolean } = {},
): Promise<ServerProcess> {
  const [command, ...args] =
    opts.entry === 'npm'
      ? SERVER_ENTRIES.npm
      : [process.execPath, ...SERVER_ENTRIES[opts.entry ?? 'node index']];
  const child = spawn(command!, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      JWT_SECRET: TEST_SECRETS.jwtSecret,
      PII_KEY: TEST_SECRETS.piiKey,
      RATE_LIMIT_PER_MINUTE: '100000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: opts.detached ?? false,
  });
  let text = '';
  let partial = '';
  const logs: LogLine[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        /* not a log line */
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const running: ServerProcess = { child, port: 0, base: '', logs, output: () => text, exited };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited:\n${text}`);
    const port = /Hospital API\s+http:\/\/localhost:(\d+)\//.exec(text)?.[1];
    if (port && !running.port) {
      running.port = Number(port);
      running.base = `http://127.0.0.1:${port}`;
    }
    const ready =
      !!running.port &&
      (await fetch(`${running.base}/readyz`).then(
        (r) => r.ok,
        () => false,
      ));
    if (ready) return running;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready in 120 s:\n${text.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
