import type { Job } from '../../jobs/runner';
import type { Revocations } from './revocations';
import type { SessionService } from './session.service';

/** Sign-ins' background work: learn of sessions ended on other instances; forget expired ones. */
export const authJobs = (revocations: Revocations, sessions: SessionService): Job[] => [
  { name: 'sync-ended-sessions', everyMs: 5_000, run: () => revocations.sync() },
  { name: 'purge-expired-sessions', everyMs: 60 * 60_000, run: () => sessions.purgeExpired() },
];
