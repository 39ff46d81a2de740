import type { Job } from '../../jobs/runner';
import type { IdempotencyService } from './idempotency.service';

/** Idempotency records live 24 hours. */
export const idempotencyJobs = (idempotency: IdempotencyService): Job[] => [
  {
    name: 'purge-idempotency-keys',
    everyMs: 60 * 60_000,
    run: async () => (await idempotency.purgeExpired()).count,
  },
];
