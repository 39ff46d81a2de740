import type { Job } from '../../jobs/runner';
import type { PaymentService } from './payment.service';

/** Payments' background work: send and follow refunds, ask WeChat about orders it has not told us about. */
export const paymentJobs = (payment: PaymentService): Job[] => [
  { name: 'process-refunds', everyMs: 5_000, run: () => payment.processRefunds() },
  { name: 'reconcile-payments', everyMs: 60_000, run: () => payment.reconcile() },
];
