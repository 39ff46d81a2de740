import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import type { UnitOfWork } from '../../core/unit-of-work';
import type { Db } from '../../db/client';
import type { PayProvider } from '../../integrations/wechat/pay';
import type { AuditService } from '../audit/audit.service';
import type { BookingService } from '../booking/booking.service';
import type { CatalogService, HospitalContext } from '../catalog/catalog.service';

/** What every payment use case takes as its first argument, wired once by `createPaymentService`. */
export interface PaymentDeps {
  /** Each use case's one transaction (core/unit-of-work.ts); booking's entry points join it. */
  uow: UnitOfWork<HospitalContext>;
  /** Reads outside a unit of work. */
  db: Db;
  clock: Clock;
  provider: PayProvider;
  booking: BookingService;
  catalog: CatalogService;
  audit: AuditService;
  logger: Logger;
  /** Public URL of POST /api/v1/payments/wechat/notify. */
  notifyUrl: string;
}

const MINUTE = 60_000;
/** An order paying this long without a notification is asked about; a refund in flight likewise. */
export const RECONCILE_AFTER_MS = 5 * MINUTE;
export const RETRY_AFTER_MS = MINUTE;
