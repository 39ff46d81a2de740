import type { Job } from '../../jobs/runner';
import type { AuthService } from './auth.service';
import type { Revocations } from './revocations';
import type { SessionService } from './session.service';

/** Sign-ins' background work: learn of sessions ended on other instances; forget expired sessions and codes. */
export const authJobs = (revocations: Revocations, sessions: SessionService, auth: AuthService): Job[] => [
  { name: 'sync-ended-sessions', everyMs: 5_000, run: () => revocations.sync() },
  { name: 'purge-expired-sessions', everyMs: 60 * 60_000, run: () => sessions.purgeExpired() },
  { name: 'purge-sms-codes', everyMs: 60 * 60_000, run: () => auth.purgeSmsCodes() },
];
