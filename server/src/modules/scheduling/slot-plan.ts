import {
  addDays,
  isoWeekday,
  type RosterExceptionKind,
  type SessionPeriod,
  zonedInstant,
} from '@hospital/shared';

/**
 * The pure half of slot generation: from roster templates and exceptions to the sessions and slots that
 * should exist on each hospital-local day. No database, no clock: `use-cases/regenerate.ts` compares this plan
 * with what is stored and decides what may change.
 */

/** Whose clinic: a doctor or an exam service, with what a session needs when no template says otherwise. */
export interface PlanOwner {
  doctorId: string | null;
  examTypeId: string | null;
  departmentId: string;
  /** The doctor's registration fee or the exam's fee, before a template's override. */
  feeFen: number;
  /** Room of sessions no template describes (extra sessions) when the owner has no template room. */
  roomId: string | null;
}

export interface PlanTemplate {
  id: string;
  doctorId: string | null;
  examTypeId: string | null;
  roomId: string | null;
  weekday: number;
  period: SessionPeriod;
  startTime: string;
  endTime: string;
  slotMinutes: number;
  capacityPerSlot: number;
  feeFenOverride: number | null;
  active: boolean;
}

export interface PlanException {
  id: string;
  doctorId: string | null;
  examTypeId: string | null;
  /** Hospital-local YYYY-MM-DD. */
  date: string;
  period: SessionPeriod | null;
  kind: RosterExceptionKind;
  startTime: string | null;
  endTime: string | null;
  slotMinutes: number | null;
  capacityPerSlot: number | null;
  createdAt: Date;
}

export interface PlannedSlot {
  startsAt: Date;
  endsAt: Date;
  capacity: number;
}

export interface PlannedSession {
  /** `ownerKey|date|period`: the identity the database's unique constraints use. */
  key: string;
  ownerKey: string;
  doctorId: string | null;
  examTypeId: string | null;
  departmentId: string;
  roomId: string | null;
  /** Null for a session an EXTRA_SESSION exception describes. */
  templateId: string | null;
  date: string;
  period: SessionPeriod;
  startsAt: Date;
  endsAt: Date;
  feeFen: number;
  slots: PlannedSlot[];
}

export function ownerKeyOf(o: { doctorId: string | null; examTypeId: string | null }): string {
  return o.doctorId ? `doctor:${o.doctorId}` : `exam:${o.examTypeId}`;
}

export function sessionKey(ownerKey: string, date: string, period: SessionPeriod): string {
  return `${ownerKey}|${date}|${period}`;
}

/**
 * The slots of one session: `slotMinutes` apart from the local start, each ending no later than the local
 * end (a remainder shorter than a slot is not offered). Stepping is in real minutes between the two zoned
 * instants, so a session that spans a daylight-saving change still gets slots of the stated length.
 */
export function slotTimes(
  date: string,
  startTime: string,
  endTime: string,
  slotMinutes: number,
  timeZone: string,
): { startsAt: Date; endsAt: Date }[] {
  const start = zonedInstant(date, startTime, timeZone).getTime();
  const end = zonedInstant(date, endTime, timeZone).getTime();
  const step = slotMinutes * 60_000;
  const out: { startsAt: Date; endsAt: Date }[] = [];
  if (step <= 0) return out;
  for (let at = start; at + step <= end; at += step) {
    out.push({ startsAt: new Date(at), endsAt: new Date(at + step) });
  }
  return out;
}

interface Shape {
  templateId: string | null;
  roomId: string | null;
  startTime: string;
  endTime: string;
  slotMinutes: number;
  capacity: number;
  feeFen: number;
}

const PERIOD_ORDER: Record<SessionPeriod, number> = { AM: 0, PM: 1, EVENING: 2 };

/**
 * Every session (and its slots) that the rosters call for on the days `from`..`to` (inclusive,
 * hospital-local), for the owners given — owners not listed (inactive doctors or exam types) get none.
 *
 * Per owner and day: the active templates of that weekday; then the day's exceptions in the order they were
 * created, so the latest instruction wins: DAY_OFF removes the period (or the whole day when it has none),
 * EXTRA_SESSION puts a session in its period (replacing the template's shape for that day if there was one),
 * CAPACITY sets the places per slot of the period's session.
 */
export function planWindow(input: {
  from: string;
  to: string;
  timeZone: string;
  owners: PlanOwner[];
  templates: PlanTemplate[];
  exceptions: PlanException[];
}): PlannedSession[] {
  const owners = new Map(input.owners.map((o) => [ownerKeyOf(o), o]));
  const templatesByOwnerDay = new Map<string, PlanTemplate[]>();
  const templateRoom = new Map<string, string>();
  for (const t of [...input.templates].sort((a, b) => a.weekday - b.weekday)) {
    if (!t.active) continue;
    const ownerKey = ownerKeyOf(t);
    if (!owners.has(ownerKey)) continue;
    const k = `${ownerKey}|${t.weekday}`;
    templatesByOwnerDay.set(k, [...(templatesByOwnerDay.get(k) ?? []), t]);
    // An extra session sits in the owner's usual room: the one of the same period, else any.
    if (t.roomId) {
      if (!templateRoom.has(`${ownerKey}|${t.period}`)) templateRoom.set(`${ownerKey}|${t.period}`, t.roomId);
      if (!templateRoom.has(ownerKey)) templateRoom.set(ownerKey, t.roomId);
    }
  }
  const exceptionsByOwnerDay = new Map<string, PlanException[]>();
  const ordered = [...input.exceptions].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
  );
  for (const e of ordered) {
    const k = `${ownerKeyOf(e)}|${e.date}`;
    exceptionsByOwnerDay.set(k, [...(exceptionsByOwnerDay.get(k) ?? []), e]);
  }

  const sessions: PlannedSession[] = [];
  for (let date = input.from; date <= input.to; date = addDays(date, 1)) {
    const weekday = isoWeekday(date);
    for (const [ownerKey, owner] of owners) {
      const day = new Map<SessionPeriod, Shape>();
      for (const t of templatesByOwnerDay.get(`${ownerKey}|${weekday}`) ?? []) {
        day.set(t.period, {
          templateId: t.id,
          roomId: t.roomId,
          startTime: t.startTime,
          endTime: t.endTime,
          slotMinutes: t.slotMinutes,
          capacity: t.capacityPerSlot,
          feeFen: t.feeFenOverride ?? owner.feeFen,
        });
      }
      for (const e of exceptionsByOwnerDay.get(`${ownerKey}|${date}`) ?? []) {
        if (e.kind === 'DAY_OFF') {
          if (e.period) day.delete(e.period);
          else day.clear();
        } else if (e.kind === 'EXTRA_SESSION') {
          if (!e.period || !e.startTime || !e.endTime || !e.slotMinutes || e.capacityPerSlot === null)
            continue;
          day.set(e.period, {
            templateId: null,
            roomId: templateRoom.get(`${ownerKey}|${e.period}`) ?? templateRoom.get(ownerKey) ?? owner.roomId,
            startTime: e.startTime,
            endTime: e.endTime,
            slotMinutes: e.slotMinutes,
            capacity: e.capacityPerSlot,
            feeFen: owner.feeFen,
          });
        } else if (e.kind === 'CAPACITY') {
          const shape = e.period ? day.get(e.period) : undefined;
          if (shape && e.capacityPerSlot !== null) shape.capacity = e.capacityPerSlot;
        }
      }
      for (const [period, shape] of day) {
        const times = slotTimes(date, shape.startTime, shape.endTime, shape.slotMinutes, input.timeZone);
        if (!times.length) continue;
        sessions.push({
          key: sessionKey(ownerKey, date, period),
          ownerKey,
          doctorId: owner.doctorId,
          examTypeId: owner.examTypeId,
          departmentId: owner.departmentId,
          roomId: shape.roomId,
          templateId: shape.templateId,
          date,
          period,
          startsAt: zonedInstant(date, shape.startTime, input.timeZone),
          endsAt: zonedInstant(date, shape.endTime, input.timeZone),
          feeFen: shape.feeFen,
          slots: times.map((t) => ({ ...t, capacity: shape.capacity })),
        });
      }
    }
  }
  return sessions.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      PERIOD_ORDER[a.period] - PERIOD_ORDER[b.period] ||
      a.ownerKey.localeCompare(b.ownerKey),
  );
}
