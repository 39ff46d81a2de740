import type { Clock } from '../../core/clock';
import type { Db, DbTx } from '../../db/client';
import type { AuditService } from '../audit/audit.service';
import type { CatalogService } from '../catalog/catalog.service';

/**
 * Called inside the generation transaction after a slot of an existing session gained places (capacity raised,
 * or a slot added to the session), so the booking module can offer them to the session's waitlist atomically.
 */
export type PlacesAddedCallback = (tx: DbTx, slotId: string, added: number) => Promise<void>;

/** What every scheduling use case takes as its first argument, wired once by `createSchedulingService`. */
export interface SchedulingDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  catalog: CatalogService;
  onPlacesAdded: PlacesAddedCallback;
}
