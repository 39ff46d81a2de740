import type { Clock } from '../core/clock';
import { createLoad } from '../core/load';
import type { Logger } from '../core/logger';
import { createUnitOfWork, unitOfWorkClient } from '../core/unit-of-work';
import type { Database } from '../db/client';
import type { SmsSender } from '../integrations/sms';
import type { FileStorage } from '../integrations/storage';
import type { WechatLoginClient } from '../integrations/wechat/login';
import { createPayProvider, type PayConfig } from '../integrations/wechat/pay';
import type { PiiCipher } from '../security/pii';
import type { TokenService } from '../security/tokens';
import { createAuditService } from './audit/audit.service';
import { createAccountsService } from './auth/accounts.service';
import { createAuthService } from './auth/auth.service';
import { createRevocations, REVOCATION_CHANNEL } from './auth/revocations';
import { createSessionService } from './auth/session.service';
import { createBookingService } from './booking/booking.service';
import { createWaitlistService } from './booking/waitlist.service';
import { createCatalogService } from './catalog/catalog.service';
import { createDoctorPhotoService } from './catalog/doctor-photos';
import { createDeskService } from './desk/desk.service';
import { createDispatcher } from './events/dispatcher';
import { createEventLog } from './events/event-log';
import { createIdempotencyService } from './idempotency/idempotency.service';
import { createNotificationService } from './notification/notification.service';
import { createPaymentPort, createPaymentService, type PaymentService } from './payment/payment.service';
import { createPrivacyService } from './privacy/privacy.service';
import { createProfileService } from './profile/profile.service';
import { createSchedulingService } from './scheduling/scheduling.service';

/** Everything the services need from outside; tests pass their own (clock, WeChat stand-ins). */
export interface ServiceDeps {
  database: Database;
  clock: Clock;
  tokens: TokenService;
  pii: PiiCipher;
  wechatLogin: WechatLoginClient;
  /** The H5 sign-in's text messages: Aliyun SMS, the local stand-in that logs the code, or null (SMS sign-in off). */
  sms: SmsSender | null;
  /** Uploaded files (doctors' photos): the local disk or an S3-compatible bucket (integrations/storage). */
  storage: FileStorage;
  hospitalCode?: string;
  logger: Logger;
  /** WeChat Pay merchant, or the local stand-in (see integrations/wechat/pay/config.ts). */
  pay: PayConfig;
  /** Public URL of the notify endpoint WeChat calls. */
  payNotifyUrl: string;
  /** Local stand-in only: when refunds "succeed" (ms, or 'manual' for tests). */
  localRefundSettleAfterMs?: number | 'manual';
}

/** Wires the domain services once; routes receive this object. */
export function createServices(deps: ServiceDeps) {
  // Every service shares one unit-of-work-aware client: transactions nest by joining (core/unit-of-work.ts).
  const db = unitOfWorkClient(deps.database.prisma);
  const { clock } = deps;
  // How busy this instance is (counted by the admission middleware; routes with `busyCache` read it).
  const load = createLoad();
  const audit = createAuditService(db);
  const catalog = createCatalogService({ db, audit, clock, hospitalCode: deps.hospitalCode });
  // Each use case's transaction, with its instant and the hospital's rules (cached; dropped on change).
  const uow = createUnitOfWork({ db, clock, hospital: (tx) => catalog.hospitalContext(tx) });
  const eventLog = createEventLog({ clock, db, logger: deps.logger });
  const notifications = createNotificationService();
  const revocations = createRevocations({ db, clock, accessTtlSeconds: deps.tokens.accessTtlSeconds });
  const sessions = createSessionService({
    uow,
    db,
    clock,
    tokens: deps.tokens,
    audit,
    revocations,
    logger: deps.logger,
    // Other instances LISTEN (index.ts) and look at once; one embedded database has one instance.
    announce:
      deps.database.kind === 'postgres'
        ? async () => {
            await deps.database.sql.query('SELECT pg_notify($1, $2)', [REVOCATION_CHANNEL, '']);
          }
        : undefined,
  });
  // Booking calls payments through a port (refund, close) that needs neither service; payments calls booking.
  const booking = createBookingService({
    uow,
    db,
    clock,
    catalog,
    audit,
    events: eventLog,
    payments: createPaymentPort({ clock, catalog }),
  });
  // The local stand-in plays WeChat: it hands its signed notifications to the handler WeChat's POST reaches,
  // which exists once the payment service does (the real provider posts over HTTP instead).
  let payment: PaymentService | undefined;
  const payProvider = createPayProvider(deps.pay, {
    clock,
    deliver: async (headers, rawBody) => {
      await payment!.handleNotification(headers, rawBody);
    },
    refundSettleAfterMs: deps.localRefundSettleAfterMs,
    onDeliveryError: (err) => deps.logger.error({ err }, 'local payment notification failed'),
  });
  payment = createPaymentService({
    uow,
    db,
    clock,
    provider: payProvider,
    booking,
    catalog,
    audit,
    logger: deps.logger,
    notifyUrl: deps.payNotifyUrl,
  });
  const profiles = createProfileService({ uow, db, clock, pii: deps.pii, audit, catalog });
  const waitlist = createWaitlistService({ db, uow, events: eventLog, booking });
  return {
    database: deps.database,
    clock,
    load,
    uow,
    audit,
    catalog,
    doctorPhotos: createDoctorPhotoService({ storage: deps.storage, catalog, logger: deps.logger }),
    auth: createAuthService({
      uow,
      db,
      clock,
      tokens: deps.tokens,
      wechat: deps.wechatLogin,
      sessions,
      pii: deps.pii,
      sms: deps.sms,
      audit,
    }),
    sessions,
    revocations,
    accounts: createAccountsService({
      uow,
      db,
      clock,
      audit,
      sessions,
      departments: () => catalog.listDepartments(true),
    }),
    profiles,
    desk: createDeskService({ db, clock, pii: deps.pii, booking, catalog }),
    privacy: createPrivacyService({
      uow,
      db,
      clock,
      audit,
      events: eventLog,
      sessions,
      profiles,
      booking,
      waitlist,
      payment,
    }),
    notifications,
    /** Delivers the domain events to their subscribers (started by index.ts; tests call `drain()`). */
    events: createDispatcher({
      db,
      clock,
      logger: deps.logger,
      subscribers: [notifications.subscriber],
      listen: (channel, onNotify) => deps.database.listen(channel, onNotify),
    }),
    booking,
    payment,
    payProvider,
    waitlist,
    idempotency: createIdempotencyService({ db, clock }),
    scheduling: createSchedulingService({
      uow,
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
