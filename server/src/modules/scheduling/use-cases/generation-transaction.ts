import type { DbTx } from '../../../db/client';
import type { HospitalContext } from '../../catalog/catalog.service';
import type { SchedulingDeps } from '../scheduling.deps';
import { schedulingRepository } from '../scheduling.repository';

/** Generation writes a window's worth of rows in one transaction; PGlite on a slow disk needs headroom. */
const TX = { timeout: 120_000, maxWait: 60_000 } as const;

/** A transaction under the generation lock: every roster change and every generation runs in one. */
export async function inGenerationTransaction<T>(
  { db, catalog }: SchedulingDeps,
  work: (tx: DbTx, ctx: HospitalContext) => Promise<T>,
): Promise<T> {
  const ctx = await catalog.hospitalContext();
  return db.$transaction(async (tx) => {
    await schedulingRepository(tx).lockGeneration();
    return work(tx, ctx);
  }, TX);
}
