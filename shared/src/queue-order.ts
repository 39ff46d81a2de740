// The order of a queue's waiting patients (DOMAIN.md, Queue and calling): one pure function, so that the
// room's "call next", the display board, the patient's place in the app and the console all agree.

/** The queue rules the order depends on (the hospital's, or the queue's own override). */
export interface QueueOrderRules {
  /** 预约优先: appointments within their slot go before walk-ins. Off: everyone by check-in time. */
  appointmentPriority: boolean;
  /** An appointment checked in this long after its slot's end is late (迟到). */
  lateGraceMinutes: number;
  /** A late arrival goes after this many of the patients waiting when it checked in (迟到间隔插入). */
  lateInsertAfter: number;
}

/** One waiting ticket as the order needs it. Instants are epoch milliseconds. */
export interface WaitingTicket {
  id: string;
  /** The booked slot of an appointment; null for a walk-in. */
  slot: { startsAt: number; endsAt: number } | null;
  checkedInAt: number;
  /** Elderly (≥ 80), disabled, military: set by a clerk; first within its group. */
  priority: boolean;
  /**
   * Put back in line after others — a skipped patient who came back (过号重排), or a late arrival (recorded at
   * check-in with `reinsertion`): placed right after the last of `after` still waiting (the patients that
   * were next when it came back), and before everyone else who was waiting then.
   */
  reinserted?: { at: number; after: readonly string[] };
  /** Sent to an exam and not back yet: keeps its place, but is not called until it is back. */
  away?: boolean;
}

const MINUTE = 60_000;

/** Whether an appointment checked in late (after its slot's end and the grace), which costs its priority. */
export function isLate(t: Pick<WaitingTicket, 'slot' | 'checkedInAt'>, rules: QueueOrderRules): boolean {
  return !!t.slot && t.checkedInAt > t.slot.endsAt + rules.lateGraceMinutes * MINUTE;
}

/**
 * The groups, first to last: appointments whose slot has begun (by slot, then check-in); walk-ins (by
 * check-in); appointments checked in early for a slot still ahead (by slot, then check-in — they join the
 * first group when their slot begins). A priority ticket goes first within its group. Without appointment
 * priority, and for a late arrival, everyone is a walk-in.
 */
function baseKey(t: WaitingTicket, now: number, rules: QueueOrderRules): (number | string)[] {
  const asAppointment = rules.appointmentPriority && t.slot && !isLate(t, rules) ? t.slot : null;
  const priority = t.priority ? 0 : 1;
  if (!asAppointment) return [1, priority, 0, t.checkedInAt, t.id];
  return [asAppointment.startsAt <= now ? 0 : 2, priority, asAppointment.startsAt, t.checkedInAt, t.id];
}

function compareKeys(a: (number | string)[], b: (number | string)[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
}

/**
 * The waiting tickets in the order they will be called, at `now`: tickets in their groups (`baseKey`), then
 * every reinserted ticket, in the order they came back, placed right after the last of its `after` tickets
 * still waiting — or first, when all of those have been called. Two who came back after the same patients
 * end up the later first, as the rule says (each goes right after the next N when it comes back). Someone
 * who was behind a reinserted ticket can still pass it by the group rules (an early appointment whose slot
 * begins), as they would pass anyone.
 *
 * @param tickets - the queue's waiting tickets (called, in the room or done ones are not passed)
 * @param now - the instant the order is for (an early appointment's slot may have begun since)
 * @param rules - the queue's rules
 * @returns the same tickets, ordered; `away` ones keep their place (see {@link nextToCall})
 */
export function queueOrder<T extends WaitingTicket>(
  tickets: readonly T[],
  now: number,
  rules: QueueOrderRules,
): T[] {
  const order = tickets
    .filter((t) => !t.reinserted)
    .map((t) => ({ t, key: baseKey(t, now, rules) }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ t }) => t);
  const reinserted = tickets
    .filter((t) => t.reinserted)
    .sort((a, b) => a.reinserted!.at - b.reinserted!.at || (a.id < b.id ? -1 : 1));
  for (const r of reinserted) {
    const anchors = new Set(r.reinserted!.after);
    let last = -1;
    order.forEach((t, i) => {
      if (anchors.has(t.id)) last = i;
    });
    order.splice(last + 1, 0, r);
  }
  return order;
}

/** Who is called next: the first in the order who is not away at an exam. */
export function nextToCall<T extends WaitingTicket>(ordered: readonly T[]): T | undefined {
  return ordered.find((t) => !t.away);
}

/**
 * The tickets a patient put back in line goes after: the next `n` in the current order, as stored with the
 * reinserted ticket (a late check-in with `lateInsertAfter`, a return after a skip with the queue's return
 * interval).
 */
export function reinsertion(ordered: readonly WaitingTicket[], n: number, at: number) {
  return { at, after: ordered.slice(0, n).map((t) => t.id) };
}
