import {
  nextToCall,
  type QueueOrderRules,
  queueOrder,
  reinsertion,
  type WaitingTicket,
} from '@hospital/shared';

// The queue's order (shared/src/queue-order.ts), case by case. Times are minutes of one morning; slots are
// 30 minutes; the default rules are DOMAIN.md's (预约优先 on, 15 minutes' grace, late arrivals after 2 others).
const at = (hhmm: string) => Date.UTC(2026, 11, 3, Number(hhmm.slice(0, 2)), Number(hhmm.slice(3)));
const RULES: QueueOrderRules = { appointmentPriority: true, lateGraceMinutes: 15, lateInsertAfter: 2 };

/** An appointment for the slot starting at `slot`, checked in at `checkIn`. */
const appt = (
  id: string,
  slot: string,
  checkIn: string,
  more: Partial<WaitingTicket> = {},
): WaitingTicket => ({
  id,
  slot: { startsAt: at(slot), endsAt: at(slot) + 30 * 60_000 },
  checkedInAt: at(checkIn),
  priority: false,
  ...more,
});
/** A walk-in checked in at `checkIn`. */
const walkIn = (id: string, checkIn: string, more: Partial<WaitingTicket> = {}): WaitingTicket => ({
  id,
  slot: null,
  checkedInAt: at(checkIn),
  priority: false,
  ...more,
});
const back = (after: string[], when: string) => ({ reinserted: { at: at(when), after } });

const SCENARIOS: {
  name: string;
  now: string;
  rules?: Partial<QueueOrderRules>;
  tickets: WaitingTicket[];
  order: string[];
  next?: string;
}[] = [
  {
    name: 'appointments within their slot: by slot, then check-in time',
    now: '08:10',
    tickets: [appt('A1', '08:00', '07:50'), appt('A2', '08:00', '07:40'), appt('A3', '07:30', '07:59')],
    order: ['A3', 'A2', 'A1'],
  },
  {
    name: 'an appointment whose slot has begun goes before walk-ins who came earlier (预约优先)',
    now: '08:05',
    tickets: [walkIn('W1', '07:30'), appt('A1', '08:00', '07:55')],
    order: ['A1', 'W1'],
  },
  {
    name: 'an appointment checked in early waits behind walk-ins until its slot begins',
    now: '08:05',
    tickets: [walkIn('W1', '07:30'), appt('A1', '09:00', '07:45')],
    order: ['W1', 'A1'],
  },
  {
    name: '… and goes first from its slot on',
    now: '09:00',
    tickets: [walkIn('W1', '07:30'), appt('A1', '09:00', '07:45')],
    order: ['A1', 'W1'],
  },
  {
    name: 'walk-ins by check-in time',
    now: '08:00',
    tickets: [walkIn('W2', '07:40'), walkIn('W1', '07:30'), walkIn('W3', '07:50')],
    order: ['W1', 'W2', 'W3'],
  },
  {
    name: 'a priority walk-in (elderly, disabled, military) goes first among walk-ins',
    now: '08:00',
    tickets: [walkIn('W1', '07:30'), walkIn('W2', '07:40', { priority: true })],
    order: ['W2', 'W1'],
  },
  {
    name: 'a priority appointment goes first within its slot',
    now: '08:10',
    tickets: [appt('A1', '08:00', '07:40'), appt('A2', '08:00', '07:50', { priority: true })],
    order: ['A2', 'A1'],
  },
  {
    name: 'priority is within its group: a priority walk-in does not pass an appointment in its slot',
    now: '08:10',
    tickets: [walkIn('W1', '07:00', { priority: true }), appt('A1', '08:00', '07:55')],
    order: ['A1', 'W1'],
  },
  {
    name: 'appointment priority off: everyone by check-in time',
    now: '08:05',
    rules: { appointmentPriority: false },
    tickets: [appt('A1', '08:00', '07:55'), walkIn('W1', '07:30')],
    order: ['W1', 'A1'],
  },
  {
    name: 'within the grace after the slot an appointment keeps its priority',
    now: '08:45',
    tickets: [walkIn('W1', '08:40'), appt('A1', '08:00', '08:44')],
    order: ['A1', 'W1'],
  },
  {
    name: 'past the grace it is a walk-in, by check-in time, unless reinserted',
    now: '08:50',
    tickets: [walkIn('W1', '08:40'), appt('A1', '08:00', '08:46')],
    order: ['W1', 'A1'],
  },
  {
    name: 'a late arrival is inserted after the next 2 (迟到间隔插入)',
    now: '09:00',
    tickets: [
      walkIn('A', '07:30'),
      walkIn('B', '07:40'),
      walkIn('C', '07:50'),
      walkIn('D', '08:00'),
      appt('L', '08:00', '08:50', back(['A', 'B'], '08:50')),
    ],
    order: ['A', 'B', 'L', 'C', 'D'],
  },
  {
    name: '… keeps its place when those ahead are called: A called',
    now: '09:05',
    tickets: [
      walkIn('B', '07:40'),
      walkIn('C', '07:50'),
      walkIn('D', '08:00'),
      appt('L', '08:00', '08:50', back(['A', 'B'], '08:50')),
    ],
    order: ['B', 'L', 'C', 'D'],
  },
  {
    name: '… and is next once both are called',
    now: '09:10',
    tickets: [
      walkIn('C', '07:50'),
      walkIn('D', '08:00'),
      appt('L', '08:00', '08:50', back(['A', 'B'], '08:50')),
    ],
    order: ['L', 'C', 'D'],
  },
  {
    name: 'a skipped patient who comes back goes after the next 2 (过号重排)',
    now: '08:30',
    tickets: [
      walkIn('S', '07:00', back(['B', 'C'], '08:20')),
      walkIn('B', '07:40'),
      walkIn('C', '07:50'),
      walkIn('D', '08:00'),
    ],
    order: ['B', 'C', 'S', 'D'],
  },
  {
    name: 'two who came back one after the other: each goes after the next 2 when it came back (the later one third)',
    now: '08:30',
    tickets: [
      walkIn('R2', '07:10', back(['W1', 'W2'], '08:21')),
      walkIn('R1', '07:00', back(['W1', 'W2'], '08:20')),
      walkIn('W1', '07:30'),
      walkIn('W2', '07:40'),
      walkIn('W3', '07:50'),
    ],
    order: ['W1', 'W2', 'R2', 'R1', 'W3'],
  },
  {
    name: 'who arrives later sorts around the reinserted one by the rules: an appointment in its slot before, a walk-in after',
    now: '08:10',
    tickets: [
      walkIn('W1', '07:30'),
      walkIn('W2', '07:40'),
      walkIn('W3', '07:50'),
      walkIn('R', '07:00', back(['W1', 'W2'], '08:00')),
      appt('A', '08:00', '08:05'),
      walkIn('W4', '08:06'),
    ],
    order: ['A', 'W1', 'W2', 'R', 'W3', 'W4'],
  },
  {
    name: 'fewer waiting than the interval: after those there were',
    now: '08:30',
    tickets: [walkIn('W1', '07:30'), walkIn('R', '07:00', back(['W1'], '08:20')), walkIn('W2', '08:25')],
    order: ['W1', 'R', 'W2'],
  },
  {
    name: 'a patient at an exam keeps their place but is not called until back',
    now: '08:10',
    tickets: [
      appt('A1', '08:00', '07:50', { away: true }),
      walkIn('W1', '07:30'),
      appt('A2', '08:00', '07:55'),
    ],
    order: ['A1', 'A2', 'W1'],
    next: 'A2',
  },
  {
    name: 'the same instant: by ticket id, so every screen shows the same order',
    now: '08:00',
    tickets: [walkIn('W2', '07:30'), walkIn('W1', '07:30')],
    order: ['W1', 'W2'],
  },
];

test.each(SCENARIOS)('$name', ({ now, rules, tickets, order, next }) => {
  const ordered = queueOrder(tickets, at(now), { ...RULES, ...rules });
  expect(ordered.map((t) => t.id)).toEqual(order);
  expect(nextToCall(ordered)?.id).toBe(next ?? order[0]);
});

test('a reinsertion names the next N in the current order, and the ticket then goes right after them', () => {
  const waiting = [walkIn('A', '07:30'), walkIn('B', '07:40'), walkIn('C', '07:50')];
  const before = queueOrder(waiting, at('08:00'), RULES);
  const late = appt('L', '07:00', '08:00', {
    reinserted: reinsertion(before, RULES.lateInsertAfter, at('08:00')),
  });
  expect(late.reinserted).toEqual({ at: at('08:00'), after: ['A', 'B'] });
  expect(queueOrder([...waiting, late], at('08:00'), RULES).map((t) => t.id)).toEqual(['A', 'B', 'L', 'C']);
});

test('the order does not depend on the order the tickets are given in', () => {
  const { tickets, now } = SCENARIOS.find((s) => s.name.startsWith('who arrives later'))!;
  const expected = queueOrder(tickets, at(now), RULES).map((t) => t.id);
  for (let i = 0; i < 50; i++) {
    const shuffled = [...tickets].sort(() => Math.random() - 0.5);
    expect(queueOrder(shuffled, at(now), RULES).map((t) => t.id)).toEqual(expected);
  }
});
