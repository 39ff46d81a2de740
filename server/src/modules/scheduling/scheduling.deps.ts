import type { Clock } from '../../core/clock';
import type { Tx, UnitOfWork } from '../../core/unit-of-work';
import type { Db } from '../../db/client';
import type { AuditService } from '../audit/audit.service';
import type { CatalogService, HospitalContext } from '../catalog/catalog.service';

/**
 * Called inside the generation transaction after a slot of an existing session gained places (capacity raised,
 * or a slot added to the session), so the booking module can offer them to the session's waitlist atomically.
 */
export type PlacesAddedCallback = (tx: Tx, slotId: string, added: number) => Promise<void>;

/** What every scheduling use case takes as its first argument, wired once by `createSchedulingService`. */
export interface SchedulingDeps {
  /** Generation's one transaction (a batch unit of work, under the generation lock). */
  uow: UnitOfWork<HospitalContext>;
  /** Reads outside a unit of work. */
  db: Db;
  clock: Clock;
  audit: AuditService;
  catalog: CatalogService;
  onPlacesAdded: PlacesAddedCallback;
}
