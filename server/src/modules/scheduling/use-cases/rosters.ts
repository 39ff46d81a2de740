import type {
  rosterListQuery,
  rosterTemplateCreateRequest,
  rosterTemplateUpdateRequest,
} from '@hospital/shared';
import type { z } from 'zod';
import type { Actor } from '../../../core/actor';
import { AppError, notFound } from '../../../core/errors';
import type { SchedulingDeps } from '../scheduling.deps';
import { presentTemplate } from '../scheduling.presenter';
import { type SchedulingRepository, schedulingRepository, type TemplateRow } from '../scheduling.repository';
import { inGenerationTransaction } from './generation-transaction';
import { regenerate } from './regenerate';
import { assertFits, invalid, ownerOf, scopeOf } from './roster-checks';

export type TemplateInput = z.output<typeof rosterTemplateCreateRequest>;
export type TemplatePatch = z.output<typeof rosterTemplateUpdateRequest>;
export type TemplateFilter = z.output<typeof rosterListQuery>;

/** The template's own columns, for the audit log (not the joined owner names). */
function templateSnapshot({ doctor: _d, examType: _e, ...row }: TemplateRow) {
  return row;
}

async function assertRoom(repo: SchedulingRepository, roomId: string | null | undefined) {
  if (roomId && !(await repo.findRoom(roomId))) throw invalid('body.roomId', 'unknownRoom');
}

const duplicateTemplate = () =>
  new AppError('ALREADY_EXISTS', {
    zh: '该医生或检查项目每周这一天的这个时段已有排班模板，请修改原模板',
    en: 'This doctor or exam service already has a template for this weekday and period; change that one',
  });

export async function listTemplates({ db }: SchedulingDeps, filter: TemplateFilter) {
  return (await schedulingRepository(db).listTemplates(filter)).map(presentTemplate);
}

/** A new weekly clinic, audited; the window is regenerated for its owner in the same transaction. */
export async function createTemplate(deps: SchedulingDeps, actor: Actor, input: TemplateInput) {
  const now = deps.clock.now();
  return inGenerationTransaction(deps, async (tx, ctx) => {
    const repo = schedulingRepository(tx);
    const owner = await ownerOf(repo, input);
    await assertRoom(repo, input.roomId);
    assertFits(input.startTime, input.endTime, input.slotMinutes, 'body');
    if (await repo.findTemplateAt(owner, input.weekday, input.period)) throw duplicateTemplate();
    const row = await repo.createTemplate({ ...input, ...owner });
    await deps.audit.record(tx, actor, {
      action: 'roster_template.create',
      entityType: 'roster_template',
      entityId: row.id,
      before: null,
      after: templateSnapshot(row),
    });
    return { template: presentTemplate(row), generation: await regenerate(deps, tx, now, ctx, scopeOf(row)) };
  });
}

/** A change of a weekly clinic, audited; the window is regenerated for its owner in the same transaction. */
export async function updateTemplate(deps: SchedulingDeps, actor: Actor, id: string, patch: TemplatePatch) {
  const now = deps.clock.now();
  return inGenerationTransaction(deps, async (tx, ctx) => {
    const repo = schedulingRepository(tx);
    const before = await repo.findTemplate(id);
    if (!before) throw notFound('排班模板');
    const merged = {
      ...before,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    };
    await assertRoom(repo, patch.roomId);
    assertFits(merged.startTime, merged.endTime, merged.slotMinutes, 'body');
    if (merged.weekday !== before.weekday || merged.period !== before.period) {
      const taken = await repo.findTemplateAt(before, merged.weekday, merged.period);
      if (taken && taken.id !== id) throw duplicateTemplate();
    }
    const after = await repo.updateTemplate(id, patch);
    await deps.audit.record(tx, actor, {
      action: 'roster_template.update',
      entityType: 'roster_template',
      entityId: id,
      before: templateSnapshot(before),
      after: templateSnapshot(after),
    });
    return {
      template: presentTemplate(after),
      generation: await regenerate(deps, tx, now, ctx, scopeOf(after)),
    };
  });
}
