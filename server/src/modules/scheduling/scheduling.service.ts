import {
  addDays,
  type GenerationReport,
  lastBookableDate,
  localDate,
  type rosterExceptionCreateRequest,
  type rosterExceptionListQuery,
  type rosterListQuery,
  type rosterTemplateCreateRequest,
  type rosterTemplateUpdateRequest,
  type sessionListQuery,
  type slotsQuery,
} from '@hospital/shared';
import type { z } from 'zod';
import type { Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { AppError, notFound } from '../../core/errors';
import type { Db, DbTx } from '../../db/client';
import type { AuditService } from '../audit/audit.service';
import type { CatalogService, HospitalContext } from '../catalog/catalog.service';
import { presentException, presentSession, presentSlot, presentTemplate } from './scheduling.presenter';
import {
  dayString,
  dayValue,
  type ExistingSessionRow,
  type OwnerScope,
  type SchedulingRepository,
  schedulingRepository,
  type TemplateRow,
} from './scheduling.repository';
import { ownerKeyOf, type PlannedSession, planWindow, sessionKey } from './slot-plan';

/**
 * Called inside the generation transaction after a slot of an existing session gained places (capacity raised,
 * or a slot added to the session), so the booking module can offer them to the session's waitlist atomically.
 */
export type PlacesAddedCallback = (tx: DbTx, slotId: string, added: number) => Promise<void>;

/** Why a slot with bookings was left as it was; shown to the scheduler in the generation report. */
export const KEPT_REASONS = {
  times: '该号源已有预约，保留原时段（新排班中此时段的起止时间已改变）',
  capacity: '该号源已有预约，每号人数未按新排班减少',
  notPlanned: '该号源已有预约，保留原号源（新排班中已没有这个时段）',
  sessionRemoved: '该出诊已不在排班中（休息或排班停用），但号源已有预约，已保留；如需取消请使用停诊',
  bookedMeanwhile: '生成号源期间该号源刚被预约，已保留原样',
} as const;

/** Generation writes a window's worth of rows in one transaction; PGlite on a slow disk needs headroom. */
const TX = { timeout: 120_000, maxWait: 60_000 } as const;
/** Availability answers at most a month at a time. */
export const MAX_SLOT_RANGE_DAYS = 31;

type TemplateInput = z.output<typeof rosterTemplateCreateRequest>;
type TemplatePatch = z.output<typeof rosterTemplateUpdateRequest>;
type ExceptionInput = z.output<typeof rosterExceptionCreateRequest>;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, [{ path, message }]);
}

/** A session must hold at least one slot; a remainder shorter than a slot is simply not offered. */
function assertFits(startTime: string, endTime: string, slotMinutes: number, where: string) {
  if (startTime >= endTime) throw invalid(`${where}.endTime`, '结束时间必须晚于开始时间');
  if (minutesOf(endTime) - minutesOf(startTime) < slotMinutes) {
    throw invalid(`${where}.slotMinutes`, '号源时长超过了出诊时长，至少要能排出一个号');
  }
}

function scopeOf(owner: { doctorId: string | null; examTypeId: string | null }): OwnerScope {
  return owner.doctorId ? { doctorId: owner.doctorId } : { examTypeId: owner.examTypeId! };
}

/** The template's own columns, for the audit log (not the joined owner names). */
function templateSnapshot({ doctor: _d, examType: _e, ...row }: TemplateRow) {
  return row;
}

export function createSchedulingService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  catalog: CatalogService;
  onPlacesAdded?: PlacesAddedCallback;
}) {
  const { db, clock, audit, catalog } = deps;
  const onPlacesAdded: PlacesAddedCallback = deps.onPlacesAdded ?? (async () => undefined);

  /** The hospital-local days generation covers: today through the day after the last bookable one. */
  function windowOf(now: Date, ctx: HospitalContext) {
    return {
      from: localDate(now, ctx.timeZone),
      to: addDays(lastBookableDate(now, ctx.rules, ctx.timeZone), 1),
    };
  }

  /**
   * Brings the stored sessions and slots of the window in line with the rosters, inside the caller's
   * transaction and under the generation lock. Rules:
   *  - slots that have started, and suspended sessions, are never touched;
   *  - a slot no booking row refers to is updated, removed or added freely;
   *  - a slot with bookings keeps its times and never loses places; it may gain places (then
   *    `onPlacesAdded`), and is otherwise listed in `kept` with the reason;
   *  - a new slot that would overlap a kept one is not added (the kept one still takes that time);
   *  - a session no longer in the plan loses its unbooked slots and disappears once nothing refers to it.
   */
  async function regenerate(
    tx: DbTx,
    now: Date,
    ctx: HospitalContext,
    scope?: OwnerScope,
    /** Session keys of an EXTRA_SESSION exception deleted in this transaction. */
    released: string[] = [],
  ) {
    const repo = schedulingRepository(tx);
    await repo.lockGeneration();
    const { from, to } = windowOf(now, ctx);
    const report: GenerationReport = {
      from,
      to,
      sessionsCreated: 0,
      slotsCreated: 0,
      slotsChanged: 0,
      slotsRemoved: 0,
      kept: [],
    };

    const { doctors, examTypes } = await repo.activeOwners(scope);
    const exceptions = (await repo.exceptionsBetween(from, to, scope)).map((e) => ({
      ...e,
      date: dayString(e.date),
    }));
    const fees = ctx.rules.fees.registrationFen;
    const plan = planWindow({
      from,
      to,
      timeZone: ctx.timeZone,
      owners: [
        ...doctors.map((d) => ({
          doctorId: d.id,
          examTypeId: null,
          departmentId: d.departmentId,
          feeFen: d.feeFenOverride ?? fees[d.feeCategory],
          roomId: null,
        })),
        ...examTypes.map((e) => ({
          doctorId: null,
          examTypeId: e.id,
          departmentId: e.departmentId,
          feeFen: e.feeFen,
          roomId: e.roomId,
        })),
      ],
      templates: await repo.templatesFor(scope),
      exceptions,
    });
    /** Sessions the rosters made: only these are removed when the plan no longer calls for them. */
    const rosterMade = new Set([
      ...released,
      ...exceptions
        .filter((e) => e.kind === 'EXTRA_SESSION' && e.period)
        .map((e) => sessionKey(ownerKeyOf(e), e.date, e.period!)),
    ]);
    const existing = new Map<string, ExistingSessionRow>();
    for (const s of await repo.sessionsBetween(from, to, scope)) {
      existing.set(sessionKey(ownerKeyOf(s), dayString(s.date), s.period), s);
    }
    const isFuture = (at: Date) => at.getTime() > now.getTime();
    const keep = (slot: { id: string; startsAt: Date }, sessionId: string, reason: string) =>
      report.kept.push({ slotId: slot.id, sessionId, startsAt: slot.startsAt.toISOString(), reason });
    /** Places that appeared in sessions that already existed; offered to the waitlist at the very end. */
    const placesAdded: { slotId: string; added: number }[] = [];
    const newSlotsOfExisting: { sessionId: string; startsAt: Date[] }[] = [];

    // 1. Sessions that do not exist yet, and their future slots.
    const fresh = plan.filter((p) => !existing.has(p.key) && p.slots.some((s) => isFuture(s.startsAt)));
    report.sessionsCreated = await repo.createSessions(
      fresh.map((p) => ({
        departmentId: p.departmentId,
        doctorId: p.doctorId,
        examTypeId: p.examTypeId,
        roomId: p.roomId,
        templateId: p.templateId,
        date: dayValue(p.date),
        period: p.period,
        startsAt: p.startsAt,
        endsAt: p.endsAt,
        feeFen: p.feeFen,
      })),
    );
    if (fresh.length) {
      const ids = new Map(
        (await repo.sessionKeysBetween(from, to, scope)).map((s) => [
          sessionKey(ownerKeyOf(s), dayString(s.date), s.period),
          s.id,
        ]),
      );
      report.slotsCreated += await repo.createSlots(
        fresh.flatMap((p) =>
          p.slots
            .filter((s) => isFuture(s.startsAt))
            .map((s) => ({
              sessionId: ids.get(p.key)!,
              startsAt: s.startsAt,
              endsAt: s.endsAt,
              capacity: s.capacity,
            })),
        ),
      );
    }

    // 2. Sessions that exist and are still planned: reconcile slot by slot (keyed by start instant).
    // Removals and additions are collected and written in one statement each, so regenerating a whole
    // hospital (a new time zone, a new fee) costs a few statements, not a few per session.
    const planned = new Map(plan.map((p) => [p.key, p]));
    const removals = new Map<string, { sessionId: string; startsAt: Date }>();
    const additions: { sessionId: string; startsAt: Date; endsAt: Date; capacity: number }[] = [];
    for (const p of plan) {
      const s = existing.get(p.key);
      if (!s || s.suspendedAt || !isFuture(s.endsAt)) continue;
      const wanted = new Map(p.slots.map((slot) => [slot.startsAt.getTime(), slot]));
      /** Existing slots that stay as they are (started, or pinned by bookings): new slots must not overlap them. */
      const fixed: { startsAt: Date; endsAt: Date }[] = [];
      for (const e of s.slots) {
        if (!isFuture(e.startsAt)) {
          fixed.push(e);
          continue;
        }
        const want = wanted.get(e.startsAt.getTime());
        const booked = e._count.bookings > 0;
        if (!want) {
          if (booked) {
            keep(e, s.id, KEPT_REASONS.notPlanned);
            fixed.push(e);
          } else removals.set(e.id, { sessionId: s.id, startsAt: e.startsAt });
          continue;
        }
        const sameTimes = want.endsAt.getTime() === e.endsAt.getTime();
        if (sameTimes && want.capacity === e.capacity) continue;
        if (
          !booked &&
          (await repo.updateSlotIfUnbooked(e.id, { endsAt: want.endsAt, capacity: want.capacity }))
        ) {
          report.slotsChanged++;
          if (want.capacity > e.capacity)
            placesAdded.push({ slotId: e.id, added: want.capacity - e.capacity });
          continue;
        }
        if (sameTimes && want.capacity > e.capacity && (await repo.raiseCapacity(e.id, want.capacity))) {
          report.slotsChanged++;
          placesAdded.push({ slotId: e.id, added: want.capacity - e.capacity });
          continue;
        }
        keep(e, s.id, sameTimes ? KEPT_REASONS.capacity : KEPT_REASONS.times);
        fixed.push(e);
      }

      const have = new Set(s.slots.map((e) => e.startsAt.getTime()));
      const overlapsFixed = (slot: { startsAt: Date; endsAt: Date }) =>
        fixed.some((f) => slot.startsAt < f.endsAt && f.startsAt < slot.endsAt);
      const added = p.slots.filter(
        (slot) => isFuture(slot.startsAt) && !have.has(slot.startsAt.getTime()) && !overlapsFixed(slot),
      );
      if (added.length) {
        additions.push(...added.map((slot) => ({ sessionId: s.id, ...slot })));
        newSlotsOfExisting.push({ sessionId: s.id, startsAt: added.map((a) => a.startsAt) });
      }
      const patch = sessionPatch(s, p, fixed);
      if (patch) await repo.updateSession(s.id, patch);
    }

    // 3. Sessions that exist but are no longer planned (day off, template stopped or moved, extra session
    // withdrawn). A session no template or exception ever made (none exist today) is not generation's to remove.
    const emptied: string[] = [];
    for (const [key, s] of existing) {
      if (planned.has(key) || s.suspendedAt) continue;
      if (!s.templateId && !rosterMade.has(key)) continue;
      let stays = false;
      for (const e of s.slots) {
        if (!isFuture(e.startsAt)) stays = true;
        else if (e._count.bookings > 0) {
          keep(e, s.id, KEPT_REASONS.sessionRemoved);
          stays = true;
        } else removals.set(e.id, { sessionId: s.id, startsAt: e.startsAt });
      }
      if (!stays) emptied.push(s.id);
    }

    const stayed = await repo.deleteSlotsIfUnbooked([...removals.keys()]);
    report.slotsRemoved += removals.size - stayed.length;
    for (const id of stayed)
      keep(
        { id, startsAt: removals.get(id)!.startsAt },
        removals.get(id)!.sessionId,
        KEPT_REASONS.bookedMeanwhile,
      );
    report.slotsCreated += await repo.createSlots(additions);
    await repo.deleteSessionsIfEmpty(emptied);

    // 4. New places in sessions people may be waiting for, once every row is in its final shape.
    for (const n of newSlotsOfExisting) {
      for (const slot of await repo.slotsAt(n.sessionId, n.startsAt)) {
        if (slot.capacity > 0) placesAdded.push({ slotId: slot.id, added: slot.capacity });
      }
    }
    for (const p of placesAdded) await onPlacesAdded(tx, p.slotId, p.added);
    report.kept.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.slotId.localeCompare(b.slotId));
    return report;
  }

  /** Session columns that differ from the plan; its span also covers the slots that stay as they were. */
  function sessionPatch(s: ExistingSessionRow, p: PlannedSession, fixed: { startsAt: Date; endsAt: Date }[]) {
    const startsAt = new Date(Math.min(p.startsAt.getTime(), ...fixed.map((f) => f.startsAt.getTime())));
    const endsAt = new Date(Math.max(p.endsAt.getTime(), ...fixed.map((f) => f.endsAt.getTime())));
    const want = {
      departmentId: p.departmentId,
      roomId: p.roomId,
      templateId: p.templateId,
      feeFen: p.feeFen,
      startsAt,
      endsAt,
    };
    const changed = Object.entries(want).filter(([k, v]) => {
      const current = s[k as keyof typeof want];
      return v instanceof Date ? v.getTime() !== (current as Date).getTime() : v !== current;
    });
    return changed.length ? Object.fromEntries(changed) : null;
  }

  async function inTransaction<T>(work: (tx: DbTx, ctx: HospitalContext) => Promise<T>): Promise<T> {
    const ctx = await catalog.hospitalContext();
    return db.$transaction(async (tx) => {
      await schedulingRepository(tx).lockGeneration();
      return work(tx, ctx);
    }, TX);
  }

  async function ownerOf(
    repo: SchedulingRepository,
    input: { doctorId: string | null; examTypeId: string | null },
  ) {
    if (input.doctorId) {
      const doctor = await repo.findDoctor(input.doctorId);
      if (!doctor) throw invalid('body.doctorId', '医生不存在');
      return { doctorId: doctor.id, examTypeId: null, departmentId: doctor.departmentId };
    }
    const exam = await repo.findExamType(input.examTypeId!);
    if (!exam) throw invalid('body.examTypeId', '检查项目不存在');
    return { doctorId: null, examTypeId: exam.id, departmentId: exam.departmentId };
  }

  async function assertRoom(repo: SchedulingRepository, roomId: string | null | undefined) {
    if (roomId && !(await repo.findRoom(roomId))) throw invalid('body.roomId', '诊室不存在');
  }

  const duplicateTemplate = () =>
    new AppError('ALREADY_EXISTS', '该医生或检查项目每周这一天的这个时段已有排班模板，请修改原模板');

  return {
    /**
     * Generates (or brings up to date) the booking window for `now`: the entry point the job runner calls
     * every few minutes and at start-up. Safe to run on several instances at once (advisory lock) and
     * idempotent (a second run changes nothing).
     */
    async generateWindow(now: Date = clock.now()): Promise<GenerationReport> {
      return inTransaction((tx, ctx) => regenerate(tx, now, ctx));
    },

    /** `POST /admin/rosters/generate`: the same, on a person's request, and audited. */
    async generate(actor: Actor): Promise<GenerationReport> {
      const now = clock.now();
      return inTransaction(async (tx, ctx) => {
        const report = await regenerate(tx, now, ctx);
        const { kept, ...counts } = report;
        await audit.record(tx, actor, {
          action: 'schedule.generate',
          entityType: 'schedule',
          entityId: null,
          before: null,
          after: { ...counts, kept: kept.length },
        });
        return report;
      });
    },

    // ---- templates
    async listTemplates(filter: z.output<typeof rosterListQuery>) {
      return (await schedulingRepository(db).listTemplates(filter)).map(presentTemplate);
    },

    async createTemplate(actor: Actor, input: TemplateInput) {
      const now = clock.now();
      return inTransaction(async (tx, ctx) => {
        const repo = schedulingRepository(tx);
        const owner = await ownerOf(repo, input);
        await assertRoom(repo, input.roomId);
        assertFits(input.startTime, input.endTime, input.slotMinutes, 'body');
        if (await repo.findTemplateAt(owner, input.weekday, input.period)) throw duplicateTemplate();
        const row = await repo.createTemplate({ ...input, ...owner });
        await audit.record(tx, actor, {
          action: 'roster_template.create',
          entityType: 'roster_template',
          entityId: row.id,
          before: null,
          after: templateSnapshot(row),
        });
        return { template: presentTemplate(row), generation: await regenerate(tx, now, ctx, scopeOf(row)) };
      });
    },

    async updateTemplate(actor: Actor, id: string, patch: TemplatePatch) {
      const now = clock.now();
      return inTransaction(async (tx, ctx) => {
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
        await audit.record(tx, actor, {
          action: 'roster_template.update',
          entityType: 'roster_template',
          entityId: id,
          before: templateSnapshot(before),
          after: templateSnapshot(after),
        });
        return {
          template: presentTemplate(after),
          generation: await regenerate(tx, now, ctx, scopeOf(after)),
        };
      });
    },

    // ---- exceptions
    async listExceptions(filter: z.output<typeof rosterExceptionListQuery>) {
      return (await schedulingRepository(db).listExceptions(filter)).map(presentException);
    },

    async createException(actor: Actor, input: ExceptionInput) {
      const now = clock.now();
      return inTransaction(async (tx, ctx) => {
        const repo = schedulingRepository(tx);
        const owner = await ownerOf(repo, input);
        if (input.date < localDate(now, ctx.timeZone))
          throw invalid('body.date', '不能修改已经过去的日期的排班');
        // The exception table has no room column: an extra session sits in the owner's usual room.
        if (input.roomId)
          throw invalid('body.roomId', '加开出诊沿用该医生或检查项目的排班诊室，暂不支持单独指定诊室');
        const shapeFields = ['startTime', 'endTime', 'slotMinutes'] as const;
        if (input.kind !== 'EXTRA_SESSION') {
          const stray = shapeFields.find((f) => input[f] !== null);
          if (stray) throw invalid(`body.${stray}`, '只有加开出诊需要填写时间和号源时长');
          if (input.kind === 'DAY_OFF' && input.capacityPerSlot !== null) {
            throw invalid('body.capacityPerSlot', '休息不需要填写每号人数');
          }
        } else {
          assertFits(input.startTime!, input.endTime!, input.slotMinutes!, 'body');
          if (await repo.findExtraSession(scopeOf(owner), input.date, input.period!)) {
            throw new AppError('ALREADY_EXISTS', '这一天的这个时段已加开过出诊，请先删除原来的加开');
          }
        }
        const row = await repo.createException({
          doctorId: owner.doctorId,
          examTypeId: owner.examTypeId,
          date: dayValue(input.date),
          kind: input.kind,
          period: input.period,
          startTime: input.startTime,
          endTime: input.endTime,
          slotMinutes: input.slotMinutes,
          capacityPerSlot: input.capacityPerSlot,
          reason: input.reason,
        });
        await audit.record(tx, actor, {
          action: 'roster_exception.create',
          entityType: 'roster_exception',
          entityId: row.id,
          before: null,
          after: row,
        });
        return { exception: presentException(row), generation: await regenerate(tx, now, ctx, scopeOf(row)) };
      });
    },

    async deleteException(actor: Actor, id: string) {
      const now = clock.now();
      return inTransaction(async (tx, ctx) => {
        const repo = schedulingRepository(tx);
        const row = await repo.findException(id);
        if (!row) throw notFound('排班例外');
        await repo.deleteException(id);
        await audit.record(tx, actor, {
          action: 'roster_exception.delete',
          entityType: 'roster_exception',
          entityId: id,
          before: row,
          after: null,
        });
        const released =
          row.kind === 'EXTRA_SESSION' && row.period
            ? [sessionKey(ownerKeyOf(row), dayString(row.date), row.period)]
            : [];
        return {
          exception: presentException(row),
          generation: await regenerate(tx, now, ctx, scopeOf(row), released),
        };
      });
    },

    // ---- availability
    async listSlots(query: z.output<typeof slotsQuery>) {
      const ctx = await catalog.hospitalContext();
      const now = clock.now();
      const today = localDate(now, ctx.timeZone);
      const defaultTo = addDays(lastBookableDate(now, ctx.rules, ctx.timeZone), 1);
      // Dates compare as strings (YYYY-MM-DD); a lone bound moves the default other bound to meet it.
      const from = query.from ?? [today, query.to ?? today].sort()[0]!;
      const to = query.to ?? [defaultTo, from].sort()[1]!;
      if (daysBetween(from, to) + 1 > MAX_SLOT_RANGE_DAYS) {
        throw invalid('query.to', `一次最多查询 ${MAX_SLOT_RANGE_DAYS} 天的号源`);
      }
      const rows = await schedulingRepository(db).availableSlots({
        from,
        to,
        now,
        departmentId: query.departmentId,
        doctorId: query.doctorId,
        examTypeCode: query.examTypeCode,
      });
      return {
        serverTime: now.toISOString(),
        timeZone: ctx.timeZone,
        items: rows.map((r) => presentSlot(r, now, ctx.rules, ctx.timeZone)),
      };
    },

    // ---- sessions (staff)
    async listSessions(query: z.output<typeof sessionListQuery>) {
      const ctx = await catalog.hospitalContext();
      const date = query.date ?? localDate(clock.now(), ctx.timeZone);
      const { sessions, totals, waiting } = await schedulingRepository(db).sessionsOn({ ...query, date });
      const bySession = new Map(totals.map((t) => [t.sessionId, t]));
      const waitingBy = new Map(waiting.map((w) => [w.sessionId, w._count._all]));
      return {
        timeZone: ctx.timeZone,
        date,
        items: sessions.map((s) => {
          const t = bySession.get(s.id);
          return presentSession(
            s,
            {
              slots: t?._count._all ?? 0,
              capacity: t?._sum.capacity ?? 0,
              booked: t?._sum.booked ?? 0,
              extra: t?._sum.extra ?? 0,
              waiting: waitingBy.get(s.id) ?? 0,
            },
            ctx.timeZone,
          );
        }),
      };
    },
  };
}

export type SchedulingService = ReturnType<typeof createSchedulingService>;
