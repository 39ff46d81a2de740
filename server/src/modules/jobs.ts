import type { Job } from '../jobs/runner';
import { authJobs } from './auth/auth.jobs';
import { bookingJobs } from './booking/booking.jobs';
import { idempotencyJobs } from './idempotency/idempotency.jobs';
import { paymentJobs } from './payment/payment.jobs';
import { schedulingJobs } from './scheduling/scheduling.jobs';
import type { Services } from './services';

/**
 * Every background job, as the modules declare them (`<domain>.jobs.ts`), in one list: index.ts runs it on
 * every instance, and each job is safe when another instance runs it at the same moment.
 */
export function moduleJobs(s: Services): Job[] {
  return [
    ...bookingJobs(s.booking),
    ...schedulingJobs(s.scheduling),
    ...paymentJobs(s.payment),
    ...authJobs(s.revocations, s.sessions, s.auth),
    ...idempotencyJobs(s.idempotency),
  ];
}
