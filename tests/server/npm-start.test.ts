import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { TEST_DB_KIND } from '../support/db';
import { startServerProcess } from '../support/server-process';

/**
 * SIGTERM to `npm start` itself — what a process manager sends — stops the server gracefully. npm passes the
 * signal to its script's shell; the script `exec`s node, so no shell swallows it and no server is orphaned.
 * Runs once (on the embedded database; the PostgreSQL pass would only repeat it).
 */
const maybe = TEST_DB_KIND === 'pglite' ? test : test.skip;
jest.setTimeout(180_000);

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

maybe('SIGTERM to npm start stops the server too, gracefully', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-start-'));
  try {
    const server = await startServerProcess(
      {
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        H5_DIR: path.join(dataDir, 'no-h5'),
        CONSOLE_DIR: path.join(dataDir, 'no-console'),
        JWT_SECRET: '',
        PII_KEY: '',
      },
      { entry: 'npm' },
    );
    server.child.kill('SIGTERM'); // the npm process
    await server.exited;
    // The server under it goes too: its port closes, and it said it stopped (not killed).
    for (let i = 0; i < 100 && (await portOpen(server.port)); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await portOpen(server.port)).toBe(false);
    expect(server.output()).toContain('"msg":"stopped"');
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
