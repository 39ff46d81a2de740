import type { rosterExceptionCreateRequest, rosterExceptionListQuery } from '@hospital/shared';
import { dateString, dateValue, localDate } from '@hospital/shared';
import type { z } from 'zod';
import type { Actor } from '../../../core/actor';
import { AppError, notFound } from '../../../core/errors';
import type { SchedulingDeps } from '../scheduling.deps';
import { presentException } from '../scheduling.presenter';
import { schedulingRepository } from '../scheduling.repository';
import { ownerKeyOf, sessionKey } from '../slot-plan';
import { inGenerationTransaction } from './generation-transaction';
import { regenerate } from './regenerate';
import { assertFits, invalid, ownerOf, scopeOf } from './roster-checks';

export type ExceptionInput = z.output<typeof rosterExceptionCreateRequest>;
export type ExceptionFilter = z.output<typeof rosterExceptionListQuery>;

export async function listExceptions({ db }: SchedulingDeps, filter: ExceptionFilter) {
  return (await schedulingRepository(db).listExceptions(filter)).map(presentException);
}

/** A day off, an extra session or a different capacity on one date, audited; the window is regenerated. */
export async function createException(deps: SchedulingDeps, actor: Actor, input: ExceptionInput) {
  const now = deps.clock.now();
  return inGenerationTransaction(deps, async (tx, ctx) => {
    const repo = schedulingRepository(tx);
    const owner = await ownerOf(repo, input);
    if (input.date < localDate(now, ctx.timeZone)) throw invalid('body.date', 'pastDate');
    // The exception table has no room column: an extra session sits in the owner's usual room.
    if (input.roomId) throw invalid('body.roomId', 'extraSessionRoom');
    const shapeFields = ['startTime', 'endTime', 'slotMinutes'] as const;
    if (input.kind !== 'EXTRA_SESSION') {
      const stray = shapeFields.find((f) => input[f] !== null);
      if (stray) throw invalid(`body.${stray}`, 'extraSessionOnly');
      if (input.kind === 'DAY_OFF' && input.capacityPerSlot !== null) {
        throw invalid('body.capacityPerSlot', 'dayOffCapacity');
      }
    } else {
      assertFits(input.startTime!, input.endTime!, input.slotMinutes!, 'body');
      if (await repo.findExtraSession(scopeOf(owner), input.date, input.period!)) {
        throw new AppError('ALREADY_EXISTS', {
          zh: '这一天的这个时段已加开过出诊，请先删除原来的加开',
          en: 'An extra session is already added for this day and period; delete it first',
        });
      }
    }
    const row = await repo.createException({
      doctorId: owner.doctorId,
      examTypeId: owner.examTypeId,
      date: dateValue(input.date),
      kind: input.kind,
      period: input.period,
      startTime: input.startTime,
      endTime: input.endTime,
      slotMinutes: input.slotMinutes,
      capacityPerSlot: input.capacityPerSlot,
      reason: input.reason,
    });
    await deps.audit.record(tx, actor, {
      action: 'roster_exception.create',
      entityType: 'roster_exception',
      entityId: row.id,
      before: null,
      after: row,
    });
    return {
      exception: presentException(row),
      generation: await regenerate(deps, tx, now, ctx, scopeOf(row)),
    };
  });
}

/**
 * Withdraws an exception, audited; the window is regenerated. A withdrawn extra session is named to
 * generation, which removes only sessions the rosters made.
 */
export async function deleteException(deps: SchedulingDeps, actor: Actor, id: string) {
  const now = deps.clock.now();
  return inGenerationTransaction(deps, async (tx, ctx) => {
    const repo = schedulingRepository(tx);
    const row = await repo.findException(id);
    if (!row) throw notFound('排班例外');
    await repo.deleteException(id);
    await deps.audit.record(tx, actor, {
      action: 'roster_exception.delete',
      entityType: 'roster_exception',
      entityId: id,
      before: row,
      after: null,
    });
    const released =
      row.kind === 'EXTRA_SESSION' && row.period
        ? [sessionKey(ownerKeyOf(row), dateString(row.date), row.period)]
        : [];
    return {
      exception: presentException(row),
      generation: await regenerate(deps, tx, now, ctx, scopeOf(row), released),
    };
  });
}
