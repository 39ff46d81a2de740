import {
  type PlanException,
  type PlannedSession,
  type PlanOwner,
  type PlanTemplate,
  planWindow,
  slotTimes,
} from '../../server/src/modules/scheduling/slot-plan';

const SH = 'Asia/Shanghai';
const DOCTOR = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const DEPT = '00000000-0000-4000-8000-0000000000d1';
const ROOM = '00000000-0000-4000-8000-0000000000a1';

const owner: PlanOwner = {
  doctorId: DOCTOR,
  examTypeId: null,
  departmentId: DEPT,
  feeFen: 3000,
  roomId: null,
};

function template(over: Partial<PlanTemplate> = {}): PlanTemplate {
  return {
    id: 'tpl-mon-am',
    doctorId: DOCTOR,
    examTypeId: null,
    roomId: ROOM,
    weekday: 1,
    period: 'AM',
    startTime: '08:00',
    endTime: '12:00',
    slotMinutes: 30,
    capacityPerSlot: 3,
    feeFenOverride: null,
    active: true,
    ...over,
  };
}

let seq = 0;
function exception(over: Partial<PlanException> & Pick<PlanException, 'kind' | 'date'>): PlanException {
  seq += 1;
  return {
    id: `exc-${seq}`,
    doctorId: DOCTOR,
    examTypeId: null,
    period: null,
    startTime: null,
    endTime: null,
    slotMinutes: null,
    capacityPerSlot: null,
    createdAt: new Date(Date.UTC(2026, 10, 1, 0, seq)),
    ...over,
  };
}

/** One line per session: what a scheduler would read off the plan. */
const summary = (sessions: PlannedSession[]) =>
  sessions.map((s) => ({
    date: s.date,
    period: s.period,
    first: s.slots[0]?.startsAt.toISOString(),
    last: s.slots.at(-1)?.endsAt.toISOString(),
    slots: s.slots.length,
    capacity: [...new Set(s.slots.map((x) => x.capacity))],
  }));

// 2026-12-07 is a Monday, 2026-12-12 a Saturday.
describe('a weekly template', () => {
  it('becomes one session per matching weekday with 30-minute slots, Shanghai wall-clock stored as UTC', () => {
    const plan = planWindow({
      from: '2026-12-06',
      to: '2026-12-14',
      timeZone: SH,
      owners: [owner],
      templates: [template()],
      exceptions: [],
    });
    expect(plan.map((s) => s.date)).toEqual(['2026-12-07', '2026-12-14']);
    const [monday] = plan;
    expect(monday).toMatchObject({
      key: `doctor:${DOCTOR}|2026-12-07|AM`,
      doctorId: DOCTOR,
      examTypeId: null,
      departmentId: DEPT,
      roomId: ROOM,
      templateId: 'tpl-mon-am',
      period: 'AM',
      feeFen: 3000,
      startsAt: new Date('2026-12-07T00:00:00Z'),
      endsAt: new Date('2026-12-07T04:00:00Z'),
    });
    expect(monday!.slots.map((s) => [s.startsAt.toISOString(), s.endsAt.toISOString(), s.capacity])).toEqual([
      ['2026-12-07T00:00:00.000Z', '2026-12-07T00:30:00.000Z', 3],
      ['2026-12-07T00:30:00.000Z', '2026-12-07T01:00:00.000Z', 3],
      ['2026-12-07T01:00:00.000Z', '2026-12-07T01:30:00.000Z', 3],
      ['2026-12-07T01:30:00.000Z', '2026-12-07T02:00:00.000Z', 3],
      ['2026-12-07T02:00:00.000Z', '2026-12-07T02:30:00.000Z', 3],
      ['2026-12-07T02:30:00.000Z', '2026-12-07T03:00:00.000Z', 3],
      ['2026-12-07T03:00:00.000Z', '2026-12-07T03:30:00.000Z', 3],
      ['2026-12-07T03:30:00.000Z', '2026-12-07T04:00:00.000Z', 3],
    ]);
  });

  it('does not offer a remainder shorter than a slot', () => {
    expect(slotTimes('2026-12-07', '13:30', '16:45', 30, SH).map((s) => s.startsAt.toISOString())).toEqual([
      '2026-12-07T05:30:00.000Z',
      '2026-12-07T06:00:00.000Z',
      '2026-12-07T06:30:00.000Z',
      '2026-12-07T07:00:00.000Z',
      '2026-12-07T07:30:00.000Z',
      '2026-12-07T08:00:00.000Z',
    ]);
    expect(slotTimes('2026-12-07', '13:30', '16:45', 30, SH).at(-1)!.endsAt.toISOString()).toBe(
      '2026-12-07T08:30:00.000Z',
    );
  });

  it("uses the template's fee override, else the owner's fee", () => {
    const plan = planWindow({
      from: '2026-12-07',
      to: '2026-12-07',
      timeZone: SH,
      owners: [owner],
      templates: [
        template(),
        template({
          id: 'tpl-mon-pm',
          period: 'PM',
          startTime: '13:30',
          endTime: '17:00',
          feeFenOverride: 5000,
        }),
      ],
      exceptions: [],
    });
    expect(plan.map((s) => [s.period, s.feeFen, s.slots.length])).toEqual([
      ['AM', 3000, 8],
      ['PM', 5000, 7],
    ]);
  });

  it('ignores inactive templates and owners that are not listed (inactive doctors)', () => {
    const plan = planWindow({
      from: '2026-12-07',
      to: '2026-12-07',
      timeZone: SH,
      owners: [owner],
      templates: [template({ active: false }), template({ id: 'other', doctorId: OTHER })],
      exceptions: [],
    });
    expect(plan).toEqual([]);
  });
});

describe('exceptions', () => {
  const base = {
    from: '2026-12-07',
    to: '2026-12-08',
    timeZone: SH,
    owners: [owner],
    templates: [
      template(),
      template({ id: 'tpl-mon-pm', period: 'PM', startTime: '13:30', endTime: '17:00' }),
      template({ id: 'tpl-tue-am', weekday: 2 }),
    ],
  };

  it('DAY_OFF without a period removes the whole day, and only that day', () => {
    const plan = planWindow({ ...base, exceptions: [exception({ kind: 'DAY_OFF', date: '2026-12-07' })] });
    expect(summary(plan).map((s) => [s.date, s.period])).toEqual([['2026-12-08', 'AM']]);
  });

  it('DAY_OFF with a period removes that period only', () => {
    const plan = planWindow({
      ...base,
      exceptions: [exception({ kind: 'DAY_OFF', date: '2026-12-07', period: 'PM' })],
    });
    expect(summary(plan).map((s) => [s.date, s.period])).toEqual([
      ['2026-12-07', 'AM'],
      ['2026-12-08', 'AM'],
    ]);
  });

  it("EXTRA_SESSION adds a session with its own times in the owner's usual room, without a template", () => {
    const plan = planWindow({
      ...base,
      from: '2026-12-12',
      to: '2026-12-12',
      exceptions: [
        exception({
          kind: 'EXTRA_SESSION',
          date: '2026-12-12',
          period: 'EVENING',
          startTime: '18:00',
          endTime: '20:30',
          slotMinutes: 30,
          capacityPerSlot: 4,
        }),
      ],
    });
    expect(summary(plan)).toEqual([
      {
        date: '2026-12-12',
        period: 'EVENING',
        first: '2026-12-12T10:00:00.000Z',
        last: '2026-12-12T12:30:00.000Z',
        slots: 5,
        capacity: [4],
      },
    ]);
    expect(plan[0]).toMatchObject({ templateId: null, roomId: ROOM, feeFen: 3000 });
  });

  it("EXTRA_SESSION in a period the template already fills replaces that day's shape", () => {
    const plan = planWindow({
      ...base,
      to: '2026-12-07',
      exceptions: [
        exception({
          kind: 'EXTRA_SESSION',
          date: '2026-12-07',
          period: 'AM',
          startTime: '07:30',
          endTime: '12:30',
          slotMinutes: 20,
          capacityPerSlot: 2,
        }),
      ],
    });
    expect(summary(plan)[0]).toEqual({
      date: '2026-12-07',
      period: 'AM',
      first: '2026-12-06T23:30:00.000Z',
      last: '2026-12-07T04:30:00.000Z',
      slots: 15,
      capacity: [2],
    });
  });

  it('CAPACITY sets the places per slot of that date and period only', () => {
    const plan = planWindow({
      ...base,
      exceptions: [exception({ kind: 'CAPACITY', date: '2026-12-07', period: 'AM', capacityPerSlot: 6 })],
    });
    expect(summary(plan).map((s) => [s.date, s.period, s.capacity])).toEqual([
      ['2026-12-07', 'AM', [6]],
      ['2026-12-07', 'PM', [3]],
      ['2026-12-08', 'AM', [3]],
    ]);
  });

  it('applies exceptions in the order they were made: the latest instruction wins', () => {
    const extra = (createdAt: string) =>
      exception({
        kind: 'EXTRA_SESSION',
        date: '2026-12-12',
        period: 'AM',
        startTime: '08:00',
        endTime: '10:00',
        slotMinutes: 30,
        capacityPerSlot: 2,
        createdAt: new Date(createdAt),
      });
    const dayOff = (createdAt: string) =>
      exception({ kind: 'DAY_OFF', date: '2026-12-12', createdAt: new Date(createdAt) });
    const run = (exceptions: PlanException[]) =>
      planWindow({ ...base, from: '2026-12-12', to: '2026-12-12', exceptions }).length;
    // Given in the wrong order on purpose: the planner sorts by creation time.
    expect(run([dayOff('2026-11-02T00:00:00Z'), extra('2026-11-01T00:00:00Z')])).toBe(0);
    expect(run([extra('2026-11-02T00:00:00Z'), dayOff('2026-11-01T00:00:00Z')])).toBe(1);
  });

  it('exceptions of another owner change nothing here', () => {
    const plan = planWindow({
      ...base,
      exceptions: [exception({ kind: 'DAY_OFF', date: '2026-12-07', doctorId: OTHER })],
    });
    expect(plan).toHaveLength(3);
  });
});

describe('time zones', () => {
  it('keeps 08:00 local across the Berlin spring-forward: 07:00Z before, 06:00Z after', () => {
    const plan = planWindow({
      from: '2026-03-28',
      to: '2026-03-30',
      timeZone: 'Europe/Berlin',
      owners: [owner],
      templates: [1, 2, 3, 4, 5, 6, 7].map((weekday) => template({ id: `t${weekday}`, weekday })),
      exceptions: [],
    });
    expect(plan.map((s) => [s.date, s.slots[0]!.startsAt.toISOString()])).toEqual([
      ['2026-03-28', '2026-03-28T07:00:00.000Z'],
      ['2026-03-29', '2026-03-29T06:00:00.000Z'],
      ['2026-03-30', '2026-03-30T06:00:00.000Z'],
    ]);
  });

  it('gives a session that spans the clock change slots of real length', () => {
    // 01:00–04:00 on 2026-03-29 in Berlin lasts two real hours (02:00 → 03:00 is skipped).
    const times = slotTimes('2026-03-29', '01:00', '04:00', 30, 'Europe/Berlin');
    expect(times).toHaveLength(4);
    expect(times.every((t) => t.endsAt.getTime() - t.startsAt.getTime() === 30 * 60_000)).toBe(true);
    expect(times[0]!.startsAt.toISOString()).toBe('2026-03-29T00:00:00.000Z');
  });
});
