import type { Logger } from '../core/logger';

export interface Job {
  name: string;
  everyMs: number;
  run(): Promise<number | unknown>;
}

/**
 * Runs background jobs on fixed intervals in this instance. A job never overlaps itself here (the next run
 * is scheduled when the previous one ends); across instances each job is written to be safe when another
 * instance runs it at the same moment (row locks with SKIP LOCKED, advisory locks, unique constraints).
 */
export function startJobs(jobs: Job[], logger: Logger): { stop(): Promise<void> } {
  let stopped = false;
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();

  const schedule = (job: Job, delay: number) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      const done = (async () => {
        const started = Date.now();
        try {
          const result = await job.run();
          if (typeof result === 'number' && result > 0) {
            logger.info({ job: job.name, count: result, ms: Date.now() - started }, 'job done');
          }
        } catch (err) {
          logger.error({ job: job.name, err }, 'job failed');
        }
      })();
      running.add(done);
      void done.finally(() => {
        running.delete(done);
        schedule(job, job.everyMs);
      });
    }, delay);
    timer.unref();
    timers.set(job.name, timer);
  };

  // Stagger the first runs so a fresh start does not do everything at once.
  jobs.forEach((job, i) => {
    schedule(job, 500 * (i + 1));
  });
  return {
    async stop() {
      stopped = true;
      for (const t of timers.values()) clearTimeout(t);
      await Promise.allSettled([...running]);
    },
  };
}
