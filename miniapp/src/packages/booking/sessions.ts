import type { SlotStatus } from '@hospital/shared';
import type { MessageKey, Params } from '../../i18n';
import type { Slot } from '../../lib/selection';
import { hospitalClock } from '../../lib/time';

type T = (key: MessageKey, params?: Params) => string;

/**
 * One clinic or exam session (上午 / 下午 / 夜间 of one day) as the patient sees it. The waitlist and stop-clinic
 * (停诊) are per session, so the schedule offers and tells them once per session, not on each slot.
 */
export interface Session {
  id: string;
  date: string;
  period: Slot['period'];
  /** Hospital-local HH:mm of the first slot's start and the last slot's end. */
  startTime: string;
  endTime: string;
  feeFen: number;
  slots: Slot[];
  /** Places left in OPEN slots. */
  open: number;
  /**
   * SUSPENDED: stopped (停诊); OPEN: a place left; NOT_RELEASED: opens later; FULL: every slot still to come is
   * taken (the waitlist is open, as the server decides too); PAST: over.
   */
  status: SlotStatus;
  suspendReason: string | null;
  waitlistLength: number;
  /** When a NOT_RELEASED session opens. */
  releaseAt: string | null;
}

/** Which state of its slots a session shows, the first found winning. */
const PRECEDENCE: SlotStatus[] = ['SUSPENDED', 'OPEN', 'NOT_RELEASED', 'FULL', 'PAST'];

/** The slots of a listing grouped by session, in the listing's order (by start). */
export function groupSessions(slots: Slot[]): Session[] {
  const sessions = new Map<string, Session>();
  for (const s of slots) {
    let session = sessions.get(s.sessionId);
    if (!session) {
      session = {
        id: s.sessionId,
        date: s.date,
        period: s.period,
        startTime: s.startTime,
        endTime: s.endTime,
        feeFen: s.feeFen,
        slots: [],
        open: 0,
        status: 'PAST',
        suspendReason: null,
        waitlistLength: s.waitlistLength,
        releaseAt: null,
      };
      sessions.set(s.sessionId, session);
    }
    session.slots.push(s);
    if (s.startTime < session.startTime) session.startTime = s.startTime;
    if (s.endTime > session.endTime) session.endTime = s.endTime;
    if (s.status === 'OPEN') session.open += s.placesLeft;
    if (PRECEDENCE.indexOf(s.status) < PRECEDENCE.indexOf(session.status)) session.status = s.status;
    if (s.status === 'SUSPENDED') session.suspendReason = s.suspendReason;
    if (s.status === 'NOT_RELEASED' && (!session.releaseAt || s.releaseAt < session.releaseAt))
      session.releaseAt = s.releaseAt;
  }
  return [...sessions.values()];
}

/** 余 3 / 已约满 / 停诊 / 07:00 开放 / 已过期: a session's or a day's state in a few words. */
export function statusText(
  s: Pick<Session, 'status' | 'open' | 'releaseAt' | 'date'>,
  offset: number,
  today: string,
  t: T,
): string {
  switch (s.status) {
    case 'OPEN':
      return t('schedule.left', { n: s.open });
    case 'NOT_RELEASED': {
      const release = hospitalClock(s.releaseAt ?? '', offset);
      return release.date === s.date || release.date === today
        ? t('schedule.opensAt', { time: release.time })
        : t('schedule.opensAtDay', { day: release.date.slice(5), time: release.time });
    }
    case 'FULL':
      return t('schedule.full');
    case 'SUSPENDED':
      return t('schedule.suspended');
    default:
      return t('schedule.past');
  }
}
