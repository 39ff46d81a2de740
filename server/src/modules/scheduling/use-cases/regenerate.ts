import {
  addDays,
  dateString,
  dateValue,
  type GenerationReport,
  type KeptSlotReason,
  LABELS,
  lastBookableDate,
  localDate,
} from '@hospital/shared';
import type { Tx } from '../../../core/unit-of-work';
import type { HospitalContext } from '../../catalog/catalog.service';
import type { SchedulingDeps } from '../scheduling.deps';
import { type ExistingSessionRow, type OwnerScope, schedulingRepository } from '../scheduling.repository';
import { ownerKeyOf, type PlannedSession, planWindow, sessionKey } from '../slot-plan';

/** The words of each reason a booked slot is kept (the report carries the code and the Chinese). */
export const KEPT_REASONS = LABELS['zh-CN'].keptSlot;

/** The hospital-local days generation covers: today through the day after the last bookable one. */
export function windowOf(now: Date, ctx: HospitalContext) {
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
export async function regenerate(
  { onPlacesAdded }: SchedulingDeps,
  tx: Tx,
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
    date: dateString(e.date),
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
    existing.set(sessionKey(ownerKeyOf(s), dateString(s.date), s.period), s);
  }
  const isFuture = (at: Date) => at.getTime() > now.getTime();
  const keep = (slot: { id: string; startsAt: Date }, sessionId: string, code: KeptSlotReason) =>
    report.kept.push({
      slotId: slot.id,
      sessionId,
      startsAt: slot.startsAt.toISOString(),
      code,
      reason: KEPT_REASONS[code],
    });
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
      date: dateValue(p.date),
      period: p.period,
      startsAt: p.startsAt,
      endsAt: p.endsAt,
      feeFen: p.feeFen,
    })),
  );
  if (fresh.length) {
    const ids = new Map(
      (await repo.sessionKeysBetween(from, to, scope)).map((s) => [
        sessionKey(ownerKeyOf(s), dateString(s.date), s.period),
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
          keep(e, s.id, 'notPlanned');
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
        if (want.capacity > e.capacity) placesAdded.push({ slotId: e.id, added: want.capacity - e.capacity });
        continue;
      }
      if (sameTimes && want.capacity > e.capacity && (await repo.raiseCapacity(e.id, want.capacity))) {
        report.slotsChanged++;
        placesAdded.push({ slotId: e.id, added: want.capacity - e.capacity });
        continue;
      }
      keep(e, s.id, sameTimes ? 'capacity' : 'times');
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
        keep(e, s.id, 'sessionRemoved');
        stays = true;
      } else removals.set(e.id, { sessionId: s.id, startsAt: e.startsAt });
    }
    if (!stays) emptied.push(s.id);
  }

  const stayed = await repo.deleteSlotsIfUnbooked([...removals.keys()]);
  report.slotsRemoved += removals.size - stayed.length;
  for (const id of stayed)
    keep({ id, startsAt: removals.get(id)!.startsAt }, removals.get(id)!.sessionId, 'bookedMeanwhile');
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
