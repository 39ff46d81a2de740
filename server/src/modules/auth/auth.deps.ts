import type { Clock } from '../../core/clock';
import type { UnitOfWork } from '../../core/unit-of-work';
import type { Db } from '../../db/client';
import type { SmsSender } from '../../integrations/sms';
import type { PiiCipher } from '../../security/pii';
import type { TokenService } from '../../security/tokens';
import type { AuditService } from '../audit/audit.service';
import type { HospitalContext } from '../catalog/catalog.service';
import type { SessionService } from './session.service';

/** What the patient sign-in use cases take as their first argument, wired once by `createAuthService`. */
export interface AuthDeps {
  /** Each operation's transaction (core/unit-of-work.ts). */
  uow: UnitOfWork<HospitalContext>;
  db: Db;
  clock: Clock;
  tokens: TokenService;
  sessions: SessionService;
  /** Its keyed hash finds a mobile number's codes and account without storing the number. */
  pii: PiiCipher;
  /** Null when SMS sign-in is off (SMS_SIGN_IN=off): both SMS use cases answer SMS_SIGN_IN_DISABLED. */
  sms: SmsSender | null;
  /** The consent given at the SMS sign-in is audited as the privacy module's own consents are. */
  audit: AuditService;
}
