import { createLogger } from '../../server/src/core/logger';
import { startJobs } from '../../server/src/jobs/runner';
import { moduleJobs } from '../../server/src/modules/jobs';
import { createTestApp } from '../support/app';

/** The background-job runner: staggered first runs, fixed intervals, no overlap, failures survived, clean stop. */
beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

/** Stops the runner, letting a run in progress finish on the fake clock. */
async function stop(jobs: { stop(): Promise<void> }) {
  const stopping = jobs.stop();
  await jest.advanceTimersByTimeAsync(5000);
  await stopping;
}

function logger() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger('info', { write: (line: string) => lines.push(JSON.parse(line)) });
  return { log, lines };
}

test('each job runs after its stagger, then every interval', async () => {
  const { log } = logger();
  const runs: string[] = [];
  const jobs = startJobs(
    [
      { name: 'a', everyMs: 1000, run: async () => runs.push('a') },
      { name: 'b', everyMs: 3000, run: async () => runs.push('b') },
    ],
    log,
  );
  await jest.advanceTimersByTimeAsync(499);
  expect(runs).toEqual([]); // nothing at once: a fresh start does not do everything together
  await jest.advanceTimersByTimeAsync(1);
  expect(runs).toEqual(['a']);
  await jest.advanceTimersByTimeAsync(500);
  expect(runs).toEqual(['a', 'b']);
  await jest.advanceTimersByTimeAsync(3000);
  expect(runs.filter((r) => r === 'a')).toHaveLength(4);
  expect(runs.filter((r) => r === 'b')).toHaveLength(2);
  await stop(jobs);
});

test('a slow job never overlaps itself: the next run is scheduled when it ends', async () => {
  const { log } = logger();
  let active = 0;
  let most = 0;
  let runs = 0;
  const jobs = startJobs(
    [
      {
        name: 'slow',
        everyMs: 100,
        run: async () => {
          active++;
          runs++;
          most = Math.max(most, active);
          await new Promise((r) => setTimeout(r, 1000)); // ten intervals long
          active--;
        },
      },
    ],
    log,
  );
  await jest.advanceTimersByTimeAsync(500 + 5 * 1100);
  expect(most).toBe(1);
  expect(runs).toBe(6); // 500 ms stagger, then 1000 ms of work + 100 ms pause each
  await stop(jobs);
});

test('a failing job is logged and runs again; a count is logged when work was done', async () => {
  const { log, lines } = logger();
  let calls = 0;
  const jobs = startJobs(
    [
      {
        name: 'flaky',
        everyMs: 1000,
        run: async () => {
          calls++;
          if (calls === 1) throw new Error('database gone');
          return 3;
        },
      },
    ],
    log,
  );
  await jest.advanceTimersByTimeAsync(1500);
  expect(calls).toBe(2);
  expect(lines.find((l) => l.msg === 'job failed')).toMatchObject({ job: 'flaky', err: expect.anything() });
  expect(lines.find((l) => l.msg === 'job done')).toMatchObject({ job: 'flaky', count: 3 });
  await stop(jobs);
});

test('stop() waits for a run in progress and schedules no more', async () => {
  const { log } = logger();
  let finished = 0;
  let started = 0;
  const jobs = startJobs(
    [
      {
        name: 'long',
        everyMs: 10,
        run: async () => {
          started++;
          await new Promise((r) => setTimeout(r, 200));
          finished++;
        },
      },
    ],
    log,
  );
  await jest.advanceTimersByTimeAsync(550); // the first run has begun
  expect(started).toBe(1);
  let stopped = false;
  const stopping = jobs.stop().then(() => {
    stopped = true;
  });
  await jest.advanceTimersByTimeAsync(100);
  expect(stopped).toBe(false); // still finishing its run
  await jest.advanceTimersByTimeAsync(200);
  await stopping;
  expect(finished).toBe(1);
  await jest.advanceTimersByTimeAsync(10_000);
  expect(started).toBe(1);
});

test('the modules declare their jobs in one list, each once', async () => {
  jest.useRealTimers();
  const t = await createTestApp();
  try {
    const jobs = moduleJobs(t.services);
    expect(jobs.map((j) => j.name)).toEqual([
      'expire-holds',
      'mark-no-shows',
      'generate-slots',
      'process-refunds',
      'reconcile-payments',
      'sync-ended-sessions',
      'purge-expired-sessions',
      'purge-sms-codes',
      'purge-idempotency-keys',
    ]);
    expect(jobs.every((j) => j.everyMs >= 1000)).toBe(true);
    // Each runs against the real services without failing on an empty hospital day.
    for (const job of jobs.filter((j) => j.name !== 'generate-slots')) await job.run();
  } finally {
    await t.close();
  }
});
