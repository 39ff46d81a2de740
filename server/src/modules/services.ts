import type { Database } from '../db/client';
import type { WechatLoginClient } from '../integrations/wechat/login';
import type { Clock } from '../lib/clock';
import type { PiiCipher } from '../security/pii';
import type { TokenService } from '../security/tokens';
import { createAuditService } from './audit/audit.service';
import { createAuthService } from './auth/auth.service';
import { createBookingService } from './booking/booking.service';
import { type RefundRequester, recordingRefundRequester } from './booking/refunds';
import { createWaitlistService } from './booking/waitlist.service';
import { createCatalogService } from './catalog/catalog.service';
import { createIdempotencyService } from './idempotency/idempotency.service';
import { createNotificationService } from './notification/notification.service';
import { createProfileService } from './profile/profile.service';
import { createSchedulingService } from './scheduling/scheduling.service';

/** Everything the services need from outside; tests pass their own (clock, WeChat stand-ins). */
export interface ServiceDeps {
  database: Database;
  clock: Clock;
  tokens: TokenService;
  pii: PiiCipher;
  wechatLogin: WechatLoginClient;
  hospitalCode?: string;
  /** How cancellations get their money back; the recording provider until payments land. */
  refunds?: RefundRequester;
}

/** Wires the domain services once; routes receive this object. */
export function createServices(deps: ServiceDeps) {
  const db = deps.database.prisma;
  const { clock } = deps;
  const audit = createAuditService(db);
  const catalog = createCatalogService({ db, audit, clock, hospitalCode: deps.hospitalCode });
  const notifications = createNotificationService();
  const booking = createBookingService({
    db,
    clock,
    catalog,
    audit,
    notifications,
    refunds: deps.refunds ?? recordingRefundRequester,
  });
  return {
    database: deps.database,
    clock,
    audit,
    catalog,
    auth: createAuthService({ db, clock, tokens: deps.tokens, wechat: deps.wechatLogin }),
    profiles: createProfileService({ db, clock, pii: deps.pii, audit, catalog }),
    notifications,
    booking,
    waitlist: createWaitlistService({ db, clock, catalog, booking }),
    idempotency: createIdempotencyService({ db, clock }),
    scheduling: createSchedulingService({
      db,
      clock,
      audit,
      catalog,
      // New places go to the session's waitlist first, in the same transaction as the roster change.
      onPlacesAdded: (tx, slotId) => booking.placesAdded(tx, slotId),
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
