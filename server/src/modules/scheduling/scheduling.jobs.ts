import type { Job } from '../../jobs/runner';
import type { SchedulingService } from './scheduling.service';

/** Scheduling's background work: keep the booking window's sessions and slots generated (advisory lock). */
export const schedulingJobs = (scheduling: SchedulingService): Job[] => [
  { name: 'generate-slots', everyMs: 10 * 60_000, run: () => scheduling.generateWindow() },
];
