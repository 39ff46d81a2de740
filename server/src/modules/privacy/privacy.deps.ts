import type { Clock } from '../../core/clock';
import type { UnitOfWork } from '../../core/unit-of-work';
import type { Db } from '../../db/client';
import type { AuditService } from '../audit/audit.service';
import type { SessionService } from '../auth/session.service';
import type { BookingService } from '../booking/booking.service';
import type { WaitlistService } from '../booking/waitlist.service';
import type { HospitalContext } from '../catalog/catalog.service';
import type { EventLog } from '../events/event-log';
import type { PaymentService } from '../payment/payment.service';
import type { ProfileService } from '../profile/profile.service';

/** What every privacy use case takes as its first argument, wired once by `createPrivacyService`. */
export interface PrivacyDeps {
  uow: UnitOfWork<HospitalContext>;
  db: Db;
  clock: Clock;
  audit: AuditService;
  events: EventLog;
  sessions: SessionService;
  /** The other domains' own answers, for the export: what the patient sees there is what they download. */
  profiles: Pick<ProfileService, 'listHeld'>;
  booking: Pick<BookingService, 'listMine'>;
  waitlist: Pick<WaitlistService, 'listMine'>;
  payment: Pick<PaymentService, 'bills'>;
}
