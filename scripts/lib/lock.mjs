// A lock between processes of one checkout: a directory made atomically (mkdir fails when it exists), with
// the owner's pid inside so that a lock left by a process that died is taken over instead of waited on.
import fs from 'node:fs';
import path from 'node:path';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function ownerAlive(dir) {
  let pid;
  try {
    pid = Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8'));
  } catch {
    // Just made, pid not yet written: alive unless it has been like this for a while.
    try {
      return Date.now() - fs.statSync(dir).mtimeMs < 10_000;
    } catch {
      return false;
    }
  }
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Runs `fn` while holding the lock `dir`; waits (up to `timeoutMs`) while another live process holds it.
 * `onWait` is called once when it has to wait.
 */
export async function withLock(dir, fn, { timeoutMs = 10 * 60_000, onWait } = {}) {
  const deadline = Date.now() + timeoutMs;
  let waited = false;
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(dir);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    if (!ownerAlive(dir)) {
      fs.rmSync(dir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for the lock ${dir}`);
    if (!waited) onWait?.();
    waited = true;
    await sleep(200);
  }
  try {
    fs.writeFileSync(path.join(dir, 'pid'), String(process.pid));
    return await fn();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
