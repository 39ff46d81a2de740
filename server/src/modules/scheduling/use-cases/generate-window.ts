import type { GenerationReport } from '@hospital/shared';
import type { Actor } from '../../../core/actor';
import type { SchedulingDeps } from '../scheduling.deps';
import { inGenerationTransaction } from './generation-transaction';
import { regenerate } from './regenerate';

/**
 * Generates (or brings up to date) the booking window for `now`: the entry point the job runner calls
 * every few minutes and at start-up. Safe to run on several instances at once (advisory lock) and
 * idempotent (a second run changes nothing).
 */
export async function generateWindow(
  deps: SchedulingDeps,
  now: Date = deps.clock.now(),
): Promise<GenerationReport> {
  return inGenerationTransaction(deps, (tx, ctx) => regenerate(deps, tx, now, ctx));
}

/** `POST /admin/rosters/generate`: the same, on a person's request, and audited. */
export async function generate(deps: SchedulingDeps, actor: Actor): Promise<GenerationReport> {
  const now = deps.clock.now();
  return inGenerationTransaction(deps, async (tx, ctx) => {
    const report = await regenerate(deps, tx, now, ctx);
    const { kept, ...counts } = report;
    await deps.audit.record(tx, actor, {
      action: 'schedule.generate',
      entityType: 'schedule',
      entityId: null,
      before: null,
      after: { ...counts, kept: kept.length },
    });
    return report;
  });
}
