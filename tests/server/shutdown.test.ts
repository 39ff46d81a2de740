/**
 * Graceful shutdown of the real server process, both ways it is started: `npm start` (scripts/start.mjs, which
 * runs the server as a child and forwards the signal) and the server's own entry run directly by node, as
 * `node server/dist/index.js` runs it (the same index.ts, here through tsx's loader instead of compiled).
 *
 * Under load — 50 requests the server has begun, whose bodies the test finishes sending only after SIGTERM,
 * so they are certainly in flight — the test counts answers: every one complete, `/readyz` 503 during the
 * drain (on a connection still open), new connections refused, idle keep-alive connections closed by the
 * server, and the process gone soon after the last answer (the server's own log times it; the test's clock
 * only loosely, for a loaded machine).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import {
  type LogLine,
  type SERVER_ENTRIES,
  type ServerProcess,
  startServerProcess,
} from '../support/server-process';
import { pgTemplateName, templateKey } from '../support/template';

jest.setTimeout(240_000);

const PG_URL = process.env.TEST_DATABASE_URL;
const CONCURRENT = 50;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'shutdown-'));

type Running = ServerProcess;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  server?: Running,
  ms = 120_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}\n${server?.output().slice(-4000) ?? ''}`);
    await sleep(50);
  }
}

// ---- databases: a fresh PostgreSQL database from the test template, or a PGlite folder

const databases: string[] = [];
async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
async function databaseEnv(name: string): Promise<Record<string, string>> {
  if (!PG_URL) return { DATA_DIR: path.join(scratch, name) };
  const db = `shutdown_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${db} TEMPLATE ${pgTemplateName(templateKey())}`);
  databases.push(db);
  const url = new URL(PG_URL);
  url.pathname = `/${db}`;
  return { DATABASE_URL: url.toString() };
}
/** PGlite: a copy of a stopped server's folder starts in about a second (no initdb, no seed). */
function copyData(from: Record<string, string>, name: string): Record<string, string> {
  if (!from.DATA_DIR) return from;
  const to = path.join(scratch, name);
  fs.cpSync(from.DATA_DIR, to, { recursive: true });
  return { DATA_DIR: to };
}

afterAll(async () => {
  for (const db of databases)
    await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined);
  fs.rmSync(scratch, { recursive: true, force: true });
});

// ---- the server process

const children: ChildProcess[] = [];
afterAll(() => {
  // Only after a failure: each server in its own process group, so start.mjs and its child go together.
  for (const child of children) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

async function start(entry: keyof typeof SERVER_ENTRIES, env: Record<string, string>): Promise<Running> {
  const running = await startServerProcess(
    {
      LOG_LEVEL: 'debug',
      // No H5 or console build here: the default folders may be missing, and building is not what is tested.
      H5_DIR: path.join(scratch, 'no-h5'),
      CONSOLE_DIR: path.join(scratch, 'no-console'),
      JWT_SECRET: '',
      PII_KEY: '',
      ...env,
    },
    { entry, detached: true },
  );
  children.push(running.child);
  return running;
}

// ---- raw HTTP: requests whose body arrives late, pipelining, and answers counted byte for byte

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Parses the complete HTTP/1.1 answers in `raw` (every answer here has a Content-Length). */
function parseAnswers(raw: Buffer): Answer[] {
  const answers: Answer[] = [];
  let rest = raw;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) return answers;
    const [statusLine, ...headerLines] = rest.subarray(0, end).toString('latin1').split('\r\n');
    const headers = Object.fromEntries(
      headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
    );
    const length = Number(headers['content-length'] ?? 0);
    if (rest.length < end + 4 + length) return answers;
    answers.push({
      status: Number(statusLine!.split(' ')[1]),
      headers,
      body: rest.subarray(end + 4, end + 4 + length).toString('utf8'),
    });
    rest = rest.subarray(end + 4 + length);
  }
}

interface SlowRequest {
  socket: net.Socket;
  /** Sends the rest of the body (and optionally a pipelined request after it). */
  finish(pipelined?: string): void;
  /** Everything the server sent, once it closed the connection. */
  closed: Promise<{ answers: Answer[]; at: number; answeredAt: number | undefined }>;
}

/** A patient sign-in (an account upsert and a new session: real database work) whose body comes late. */
function slowLogin(port: number, name: string): SlowRequest {
  const body = Buffer.from(JSON.stringify({ code: `dev:${name}` }));
  const socket = net.connect(port, '127.0.0.1');
  socket.write(
    `POST /api/v1/auth/wechat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${body.length}\r\n\r\n`,
  );
  socket.write(body.subarray(0, 10));
  const chunks: Buffer[] = [];
  let answeredAt: number | undefined;
  socket.on('data', (c: Buffer) => {
    chunks.push(c);
    if (answeredAt === undefined && parseAnswers(Buffer.concat(chunks)).length) answeredAt = Date.now();
  });
  const closed = new Promise<{ answers: Answer[]; at: number; answeredAt: number | undefined }>((resolve) => {
    socket.on('error', () => undefined);
    socket.on('close', () =>
      resolve({ answers: parseAnswers(Buffer.concat(chunks)), at: Date.now(), answeredAt }),
    );
  });
  return {
    socket,
    finish: (pipelined) => socket.write(Buffer.concat([body.subarray(10), Buffer.from(pipelined ?? '')])),
    closed,
  };
}

const logTime = (line: LogLine | undefined) => (line ? Date.parse(line.time) : Number.NaN);

/** The whole exercise on one running server; `signal` stops it (the process the operator would signal). */
async function drainUnderLoad(server: Running, signal: () => void) {
  const received = () =>
    server.logs.filter((l) => l.msg === 'request received' && l.path === '/api/v1/auth/wechat').length;
  const before = received();
  const requests = Array.from({ length: CONCURRENT }, (_, i) => slowLogin(server.port, `drain-${i}`));
  await until(
    `the server to begin all ${CONCURRENT} requests`,
    () => received() - before >= CONCURRENT || undefined,
    server,
  );

  signal();
  const stopping = await until(
    'the shutdown line',
    () => server.logs.find((l) => l.msg.startsWith('shutting down')),
    server,
    30_000,
  );
  expect(stopping.inFlight).toBeGreaterThanOrEqual(CONCURRENT);

  // New connections are refused from now on.
  const fresh = await fetch(`http://127.0.0.1:${server.port}/readyz`).then(
    (r) => r.status,
    () => 'refused' as const,
  );
  expect([503, 'refused']).toContain(fresh);

  // The bodies arrive; one connection also asks /readyz right behind its request (still open: 503).
  requests.forEach((r, i) => {
    r.finish(i === 0 ? 'GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n' : undefined);
  });
  const results = await Promise.all(requests.map((r) => r.closed));
  const exit = await server.exited;

  // Every request begun before the signal got its whole answer.
  for (const { answers } of results) {
    expect(answers[0]?.status).toBe(200);
    expect(JSON.parse(answers[0]!.body)).toMatchObject({ tokenType: 'Bearer', account: { profileCount: 0 } });
  }
  // Readiness turned 503 during the drain, and that answer closed its connection.
  expect(results[0]!.answers[1]).toMatchObject({ status: 503, headers: { connection: 'close' } });
  expect(JSON.parse(results[0]!.answers[1]!.body)).toEqual({ status: 'stopping' });
  expect(results.filter((r) => r.answers.length === 1)).toHaveLength(CONCURRENT - 1);

  // Exited by itself, cleanly, having closed the database.
  expect(exit).toMatchObject({ code: 0, signal: null });
  const answered = server.logs.find((l) => l.msg.startsWith('every request answered'));
  const stopped = server.logs.find((l) => l.msg === 'stopped');
  expect(stopped).toBeDefined();
  // Within 2 s of the last answer by the server's own clock (both lines are written by the server)…
  expect(logTime(stopped) - Date.parse(String(answered?.lastAnswerAt))).toBeLessThan(2_000);
  // …and, loosely by the test's (a loaded machine delays what the test sees), nowhere near the old 10 s.
  const lastAnswer = Math.max(...results.map((r) => r.answeredAt ?? r.at));
  expect(exit.at - lastAnswer).toBeLessThan(6_000);
  // The server closed every connection itself: keep-alive ones included, none left for the deadline.
  expect(server.logs.some((l) => String(l.msg).includes('did not finish'))).toBe(false);
  return { stopping, answered, stopped };
}

describe('gracefulCloser (in process)', () => {
  const { gracefulCloser } = jest.requireActual<typeof import('../../server/src/http/lifecycle')>(
    '../../server/src/http/lifecycle',
  );
  async function serve(handler: http.RequestListener) {
    const server = http.createServer(handler);
    server.keepAliveTimeout = 65_000;
    const closer = gracefulCloser(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { server, closer, port: (server.address() as net.AddressInfo).port };
  }

  test('answers the open request, closes idle keep-alive connections, and is done at the last answer', async () => {
    let release: () => void = () => undefined;
    const { closer, port } = await serve((req, res) => {
      if (req.url === '/slow') release = () => res.end('slow done');
      else res.end('quick');
    });
    const agent = new http.Agent({ keepAlive: true });
    const get = (p: string) =>
      new Promise<{ body: string; connection?: string }>((resolve, reject) => {
        http
          .get({ port, host: '127.0.0.1', path: p, agent }, (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve({ body, connection: res.headers.connection }));
          })
          .on('error', reject);
      });
    await get('/quick'); // leaves an idle keep-alive connection behind
    const slow = get('/slow');
    await until('the slow request to arrive', () => (closer.inFlight === 1 ? true : undefined));
    const closing = closer.close(10_000);
    await sleep(100);
    release();
    expect(await slow).toEqual({ body: 'slow done', connection: 'keep-alive' });
    const started = Date.now();
    const { forced, lastAnswerAt } = await closing;
    expect(forced).toBe(false);
    expect(lastAnswerAt).toBeDefined();
    expect(Date.now() - started).toBeLessThan(2_000); // not the 65 s keep-alive, not the 10 s deadline
    agent.destroy();
  });

  test('a request arriving on an open connection during the drain is answered with Connection: close', async () => {
    const { closer, port } = await serve((req, res) => {
      setTimeout(() => res.end(req.url), req.url === '/first' ? 300 : 0);
    });
    const socket = net.connect(port, '127.0.0.1');
    socket.write('GET /first HTTP/1.1\r\nHost: x\r\n\r\n');
    await until('the first request', () => (closer.inFlight === 1 ? true : undefined));
    const closing = closer.close(10_000);
    socket.write('GET /second HTTP/1.1\r\nHost: x\r\n\r\n');
    const raw = await new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('close', () => resolve(Buffer.concat(chunks)));
    });
    const answers = parseAnswers(raw);
    expect(answers.map((a) => [a.status, a.body, a.headers.connection])).toEqual([
      [200, '/first', 'keep-alive'],
      [200, '/second', 'close'],
    ]);
    expect((await closing).forced).toBe(false);
  });

  test('at the deadline, whatever is still open is cut', async () => {
    const { closer, port } = await serve(() => undefined); // never answers
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write('GET /never HTTP/1.1\r\nHost: x\r\n\r\n');
    await until('the request', () => (closer.inFlight === 1 ? true : undefined));
    expect((await closer.close(200)).forced).toBe(true);
  });
});

let firstData: Record<string, string>;

test('npm start (scripts/start.mjs): SIGTERM under load answers every open request, then exits', async () => {
  firstData = await databaseEnv('first');
  const server = await start('npm start', firstData);
  await drainUnderLoad(server, () => server.child.kill('SIGTERM'));
});

test('the server entry run directly by node, in production with the stand-ins allowed for a demo', async () => {
  const data = copyData(firstData, 'direct');
  const secrets = data.DATA_DIR
    ? (JSON.parse(fs.readFileSync(path.join(data.DATA_DIR, 'secrets.json'), 'utf8')) as {
        jwtSecret: string;
        piiKey: string;
      })
    : {
        jwtSecret: 'x'.repeat(48),
        piiKey: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
      };
  const server = await start('node index', {
    ...data,
    NODE_ENV: 'production',
    JWT_SECRET: secrets.jwtSecret,
    PII_KEY: secrets.piiKey,
    DEMO_PASSWORD: 'a-demo-password',
    WECHAT_LOGIN_ALLOW_LOCAL: 'true',
    WECHAT_PAY_ALLOW_LOCAL: 'true',
    SMS_ALLOW_LOCAL: 'true',
  });
  expect(server.logs.some((l) => l.msg.startsWith('production with a local stand-in'))).toBe(true);
  await drainUnderLoad(server, () => server.child.kill('SIGTERM'));
});

test('two instances started at the same moment from one checkout both start, and both stop', async () => {
  // On PostgreSQL they share one database (as several instances do); on PGlite each has its own folder.
  const a = PG_URL ? firstData : copyData(firstData, 'twin-a');
  const b = PG_URL ? firstData : copyData(firstData, 'twin-b');
  const [one, two] = await Promise.all([start('npm start', a), start('npm start', b)]);
  expect(one.port).not.toBe(two.port);
  for (const s of [one, two]) {
    const res = await fetch(`http://127.0.0.1:${s.port}/api/v1/departments`);
    expect(res.status).toBe(200);
  }
  one.child.kill('SIGTERM');
  two.child.kill('SIGTERM');
  expect(await one.exited).toMatchObject({ code: 0 });
  expect(await two.exited).toMatchObject({ code: 0 });
});
