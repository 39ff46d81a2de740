import type { Clock } from '../../core/clock';
import type { UnitOfWork } from '../../core/unit-of-work';
import type { Db } from '../../db/client';
import type { AuditService } from '../audit/audit.service';
import type { HospitalContext } from '../catalog/catalog.service';
import type { SessionService } from './session.service';

/** A department as the staff accounts see it: through the catalog's service (a port), never its tables. */
export interface DepartmentRef {
  id: string;
  name: string;
  active: boolean;
}

/** What the admin's account use cases take as their first argument, wired once by `createAccountsService`. */
export interface AccountsDeps {
  /** Each operation's transaction (core/unit-of-work.ts). */
  uow: UnitOfWork<HospitalContext>;
  db: Db;
  clock: Clock;
  audit: AuditService;
  sessions: SessionService;
  /** The hospital's departments, closed ones too (a member may still belong to one). */
  departments: () => Promise<DepartmentRef[]>;
}
