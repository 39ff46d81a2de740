import type { Tx } from '../../../core/unit-of-work';
import type { HospitalContext } from '../../catalog/catalog.service';
import type { SchedulingDeps } from '../scheduling.deps';
import { schedulingRepository } from '../scheduling.repository';

/**
 * A transaction under the generation lock: every roster change and every generation runs in one. A batch
 * unit of work: generation writes a window's worth of rows at once.
 */
export async function inGenerationTransaction<T>(
  { uow }: SchedulingDeps,
  work: (tx: Tx, ctx: HospitalContext) => Promise<T>,
): Promise<T> {
  return uow.run(async ({ tx, hospital }) => {
    await schedulingRepository(tx).lockGeneration();
    return work(tx, hospital);
  }, 'batch');
}
