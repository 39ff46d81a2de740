import type { Job } from '../../jobs/runner';
import type { BookingService } from './booking.service';

/** Booking's background work: lapsed holds go back (to the waitlist first), missed visits become no-shows. */
export const bookingJobs = (booking: BookingService): Job[] => [
  { name: 'expire-holds', everyMs: 5_000, run: () => booking.expireHolds() },
  { name: 'mark-no-shows', everyMs: 60_000, run: () => booking.markNoShows() },
];
