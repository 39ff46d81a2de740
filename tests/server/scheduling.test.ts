import { randomUUID } from 'node:crypto';
import type { AuditEntry, BookingStatus, GenerationReport, RosterTemplate } from '@hospital/shared';
import type { Actor } from '../../server/src/core/actor';
import { fixedClock } from '../../server/src/core/clock';
import { createUnitOfWork, unitOfWorkClient } from '../../server/src/core/unit-of-work';
import * as demo from '../../server/src/db/seed/demo-hospital';
import {
  createSchedulingService,
  KEPT_REASONS,
  type PlacesAddedCallback,
} from '../../server/src/modules/scheduling/scheduling.service';
import { createTestApp, type TestApp } from '../support/app';
import { bulkPatients } from '../support/factories';

// Generating the whole demo hospital's window on PGlite takes a second or two, more on a loaded machine.
jest.setTimeout(60_000);

// Monday 2027-03-01, 09:00 in Shanghai: the window runs from today to 03-08 (03-07 released at 07:00 today).
const NOW = '2027-03-01T01:00:00Z';
const clock = fixedClock(NOW);
let t: TestApp;
const tokens = { admin: '', scheduler: '', clerk: '', patient: '' };
const bearer = (who: keyof typeof tokens) => ({ Authorization: `Bearer ${tokens[who]}` });
const SCHEDULER: Actor = { type: 'staff', id: null, name: 'scheduler-test', requestId: null };

beforeAll(async () => {
  t = await createTestApp({ clock });
  for (const who of ['admin', 'scheduler', 'clerk'] as const) tokens[who] = await t.staffToken(who);
  tokens.patient = await t.patientToken('scheduling-patient');
}, 60_000);
afterAll(() => t.close());
beforeEach(() => clock.set(NOW));

let doctorSeq = 0;
/** A doctor of 心血管内科 with no roster, so each test owns its sessions. */
async function newDoctor(feeCategory: 'GENERAL' | 'EXPERT' = 'EXPERT') {
  doctorSeq += 1;
  const department = await t.db.prisma.department.findFirstOrThrow({ where: { code: 'CARDIO' } });
  return t.db.prisma.doctor.create({
    data: {
      code: `TS${String(doctorSeq).padStart(3, '0')}`,
      departmentId: department.id,
      name: `排班测试医生${doctorSeq}`,
      title: 'ASSOCIATE_CHIEF_PHYSICIAN',
      feeCategory,
    },
  });
}

const amTemplate = (doctorId: string, weekday: number, over: Record<string, unknown> = {}) => ({
  doctorId,
  weekday,
  period: 'AM',
  startTime: '08:00',
  endTime: '12:00',
  slotMinutes: 30,
  capacityPerSlot: 3,
  ...over,
});

function createTemplate(body: object, who: keyof typeof tokens = 'scheduler') {
  return t.http.post('/api/v1/admin/rosters').set(bearer(who)).send(body);
}

/** Sessions of one doctor with their slots, as stored. */
async function sessionsOf(doctorId: string) {
  return t.db.prisma.clinicSession.findMany({
    where: { doctorId },
    include: { slots: { orderBy: { startsAt: 'asc' } } },
    orderBy: [{ date: 'asc' }, { period: 'asc' }],
  });
}
const day = (d: Date) => d.toISOString().slice(0, 10);
const hhmm = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16);

/** A booking row written straight to the database (the booking module has its own tests). */
async function book(slotId: string, status: BookingStatus = 'CONFIRMED') {
  const p = t.db.prisma;
  const slot = await p.slot.findUniqueOrThrow({ where: { id: slotId }, include: { session: true } });
  const [patient] = await bulkPatients(t, 1, `sched-${randomUUID()}`);
  await p.slot.update({ where: { id: slotId }, data: { booked: { increment: 1 } } });
  return p.booking.create({
    data: {
      slotId,
      sessionId: slot.sessionId,
      profileId: patient!.profileId,
      accountId: patient!.accountId,
      departmentId: slot.session.departmentId,
      doctorId: slot.session.doctorId,
      examTypeId: slot.session.examTypeId,
      date: slot.session.date,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      status,
      channel: 'MINIAPP',
      feeFen: slot.session.feeFen,
    },
  });
}

async function auditOf(entityType: string, entityId?: string): Promise<AuditEntry[]> {
  const q = new URLSearchParams({ entityType, ...(entityId ? { entityId } : {}), pageSize: '200' });
  return (await t.http.get(`/api/v1/admin/audit?${q}`).set(bearer('admin')).expect(200)).body.items;
}

/** Every session and slot row with every column, in a stable order. */
async function dumpSchedule() {
  return {
    sessions: await t.db.sql.query('SELECT * FROM clinic_session ORDER BY id'),
    slots: await t.db.sql.query('SELECT * FROM slot ORDER BY id'),
  };
}

describe('who may change rosters', () => {
  it('refuses a clerk, a patient and an anonymous caller; accepts a scheduler', async () => {
    const doctor = await newDoctor();
    const body = amTemplate(doctor.id, 2);
    expect((await createTemplate(body, 'clerk').expect(403)).body.error.code).toBe('FORBIDDEN');
    expect((await createTemplate(body, 'patient').expect(403)).body.error.code).toBe('FORBIDDEN');
    await t.http.post('/api/v1/admin/rosters').send(body).expect(401);
    expect(await t.db.prisma.rosterTemplate.count({ where: { doctorId: doctor.id } })).toBe(0);
    await createTemplate(body, 'scheduler').expect(201);
  });

  it('lets a clerk read the sessions of a day but not the rosters', async () => {
    await t.http.get('/api/v1/admin/sessions').set(bearer('clerk')).expect(200);
    await t.http.get('/api/v1/admin/rosters').set(bearer('clerk')).expect(403);
    await t.http.post('/api/v1/admin/rosters/generate').set(bearer('clerk')).expect(403);
  });
});

describe('roster templates', () => {
  it("creates a template in the doctor's department, generates its sessions at once and audits it", async () => {
    const doctor = await newDoctor();
    const res = await createTemplate(amTemplate(doctor.id, 3)).expect(201);
    const template: RosterTemplate = res.body.template;
    expect(template).toMatchObject({
      departmentId: doctor.departmentId,
      doctorId: doctor.id,
      examTypeId: null,
      ownerName: doctor.name,
      weekday: 3,
      period: 'AM',
      active: true,
    });
    // Wednesday 03-03 is the only Wednesday between today (03-01) and the window's end (03-08).
    expect(res.body.generation).toEqual({
      from: '2027-03-01',
      to: '2027-03-08',
      sessionsCreated: 1,
      slotsCreated: 8,
      slotsChanged: 0,
      slotsRemoved: 0,
      kept: [],
    });
    const sessions = await sessionsOf(doctor.id);
    expect(sessions.map((s) => [day(s.date), s.period, s.templateId, s.feeFen, s.slots.length])).toEqual([
      ['2027-03-03', 'AM', template.id, 3000, 8],
    ]);
    expect(sessions[0]!.slots.map((s) => hhmm(s.startsAt))).toEqual([
      '08:00',
      '08:30',
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '11:30',
    ]);

    const audit = await auditOf('roster_template', template.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'roster_template.create',
      actorType: 'staff',
      actorName: 'scheduler',
    });
    expect(audit[0]!.changes).toMatchObject({
      weekday: { from: null, to: 3 },
      slotMinutes: { from: null, to: 30 },
    });

    const listed = await t.http
      .get(`/api/v1/admin/rosters?doctorId=${doctor.id}`)
      .set(bearer('scheduler'))
      .expect(200);
    expect(listed.body.items).toEqual([template]);
  });

  it('refuses a second template for the same doctor, weekday and period (409) and writes nothing', async () => {
    const doctor = await newDoctor();
    await createTemplate(amTemplate(doctor.id, 2)).expect(201);
    const auditBefore = await t.db.prisma.auditLog.count();
    const res = await createTemplate(amTemplate(doctor.id, 2, { startTime: '08:30' }))
      .set('Accept-Language', 'en')
      .expect(409);
    expect(res.body.error).toMatchObject({
      code: 'ALREADY_EXISTS',
      message:
        'This doctor or exam service already has a template for this weekday and period; change that one',
    });
    expect(await t.db.prisma.rosterTemplate.count({ where: { doctorId: doctor.id } })).toBe(1);
    expect(await t.db.prisma.auditLog.count()).toBe(auditBefore);
  });

  it('refuses a slot longer than the session, and an unknown doctor, with 400 in the reader’s language', async () => {
    const doctor = await newDoctor();
    const short = amTemplate(doctor.id, 2, { startTime: '08:00', endTime: '08:20' });
    const long = await createTemplate(short).expect(400);
    expect(long.body.error.details).toEqual([
      { path: 'body.slotMinutes', message: '号源时长超过了出诊时长，至少要能排出一个号' },
    ]);
    const inEnglish = await createTemplate(short).set('Accept-Language', 'en').expect(400);
    expect(inEnglish.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'The slot length is longer than the session; the session must hold at least one slot',
      details: [
        {
          path: 'body.slotMinutes',
          message: 'The slot length is longer than the session; the session must hold at least one slot',
        },
      ],
    });
    const unknown = await createTemplate(amTemplate(randomUUID(), 2))
      .set('Accept-Language', 'en')
      .expect(400);
    expect(unknown.body.error.details).toEqual([
      { path: 'body.doctorId', message: 'There is no such doctor' },
    ]);
  });

  it('lists the demo rosters of a department', async () => {
    const cardio = await t.db.prisma.department.findFirstOrThrow({ where: { code: 'CARDIO' } });
    const res = await t.http
      .get(`/api/v1/admin/rosters?departmentId=${cardio.id}`)
      .set(bearer('admin'))
      .expect(200);
    const names = new Set((res.body.items as RosterTemplate[]).map((r) => r.ownerName));
    expect([...names]).toEqual(expect.arrayContaining(['周建国', '林晓燕', '陈浩']));
    expect((res.body.items as RosterTemplate[]).every((r) => r.departmentId === cardio.id)).toBe(true);
  });
});

describe('generating the window', () => {
  /** A doctor who works every morning, written straight to the database (no generation yet). */
  async function everyMorningDoctor() {
    const doctor = await newDoctor();
    await t.db.prisma.rosterTemplate.createMany({
      data: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        ...amTemplate(doctor.id, weekday),
        period: 'AM' as const,
        departmentId: doctor.departmentId,
      })),
    });
    return doctor;
  }

  it('ends the day after the last bookable day: one day later once 07:00 has passed', async () => {
    const doctor = await everyMorningDoctor();
    // Monday 2027-04-05, 06:59 in Shanghai: 04-11 is released at 07:00 today, so the last bookable day is
    // 04-10 and slots exist up to 04-11 (shown as "opens at 07:00").
    const before = await t.services.scheduling.generateWindow(new Date('2027-04-04T22:59:00Z'));
    expect([before.from, before.to]).toEqual(['2027-04-05', '2027-04-11']);
    const dates = async () =>
      (await sessionsOf(doctor.id)).map((s) => day(s.date)).filter((d) => d >= '2027-04-05');
    expect(await dates()).toEqual([
      '2027-04-05',
      '2027-04-06',
      '2027-04-07',
      '2027-04-08',
      '2027-04-09',
      '2027-04-10',
      '2027-04-11',
    ]);
    const after = await t.services.scheduling.generateWindow(new Date('2027-04-04T23:00:00Z'));
    expect([after.from, after.to]).toEqual(['2027-04-05', '2027-04-12']);
    expect((await dates()).at(-1)).toBe('2027-04-12');
  });

  it('is idempotent: a second run creates, changes and removes nothing', async () => {
    await everyMorningDoctor();
    const at = new Date('2027-05-03T01:00:00Z');
    const first = await t.services.scheduling.generateWindow(at);
    // The demo rosters are generated too: a hospital's week of clinics and exams.
    expect(first.sessionsCreated).toBeGreaterThan(150);
    expect(first.slotsCreated).toBeGreaterThan(1500);
    const before = await dumpSchedule();
    const second = await t.services.scheduling.generateWindow(at);
    expect(second).toEqual({ ...first, sessionsCreated: 0, slotsCreated: 0 });
    expect(await dumpSchedule()).toEqual(before);
  });

  it('survives two runs at the same moment (advisory lock): no duplicates, nothing lost', async () => {
    const doctor = await everyMorningDoctor();
    const at = new Date('2027-06-06T22:00:00Z'); // Monday 06-07, 06:00 in Shanghai: window 06-07 … 06-13
    const [a, b] = await Promise.all([
      t.services.scheduling.generateWindow(at),
      t.services.scheduling.generateWindow(at),
    ]);
    expect([a.sessionsCreated, b.sessionsCreated].sort()).toEqual([
      0,
      Math.max(a.sessionsCreated, b.sessionsCreated),
    ]);
    const sessions = (await sessionsOf(doctor.id)).filter((s) => day(s.date) >= '2027-06-07');
    expect(sessions).toHaveLength(7);
    expect(sessions.every((s) => s.slots.length === 8)).toBe(true);
  });

  it('POST /admin/rosters/generate answers the report and is audited', async () => {
    const before = (await auditOf('schedule')).length;
    const res = await t.http.post('/api/v1/admin/rosters/generate').set(bearer('scheduler')).expect(200);
    expect(res.body).toMatchObject({ from: '2027-03-01', to: '2027-03-08', kept: [] });
    const entries = await auditOf('schedule');
    expect(entries).toHaveLength(before + 1);
    expect(entries[0]).toMatchObject({ action: 'schedule.generate', actorName: 'scheduler' });
  });
});

describe('changing a template', () => {
  it('regenerates unbooked slots to the new length and keeps a booked one, reporting why', async () => {
    const doctor = await newDoctor();
    const created = await createTemplate(amTemplate(doctor.id, 2)).expect(201); // Tuesday 03-02
    const [session] = await sessionsOf(doctor.id);
    const nine = session!.slots.find((s) => hhmm(s.startsAt) === '09:00')!;
    await book(nine.id);

    const res = await t.http
      .patch(`/api/v1/admin/rosters/${created.body.template.id}`)
      .set(bearer('scheduler'))
      .send({ slotMinutes: 20 })
      .expect(200);
    const generation: GenerationReport = res.body.generation;
    expect(res.body.template.slotMinutes).toBe(20);
    expect(generation.kept).toEqual([
      {
        slotId: nine.id,
        sessionId: session!.id,
        startsAt: '2027-03-02T01:00:00.000Z',
        code: 'times',
        reason: KEPT_REASONS.times,
      },
    ]);
    expect(generation.kept[0]!.reason).toMatch(/已有预约/);
    // 08:00, 10:00 and 11:00 get new ends; 08:30, 09:30, 10:30, 11:30 go; seven 20-minute slots are added,
    // but not 09:20, which would overlap the kept 09:00–09:30.
    expect(generation).toMatchObject({
      sessionsCreated: 0,
      slotsChanged: 3,
      slotsRemoved: 4,
      slotsCreated: 7,
    });

    const [after] = await sessionsOf(doctor.id);
    expect(after!.slots.map((s) => `${hhmm(s.startsAt)}-${hhmm(s.endsAt)}`)).toEqual([
      '08:00-08:20',
      '08:20-08:40',
      '08:40-09:00',
      '09:00-09:30',
      '09:40-10:00',
      '10:00-10:20',
      '10:20-10:40',
      '10:40-11:00',
      '11:00-11:20',
      '11:20-11:40',
      '11:40-12:00',
    ]);
    const kept = after!.slots.find((s) => s.id === nine.id)!;
    expect([kept.booked, kept.capacity]).toEqual([1, 3]);

    const audit = await auditOf('roster_template', created.body.template.id);
    expect(audit[0]).toMatchObject({
      action: 'roster_template.update',
      changes: { slotMinutes: { from: 30, to: 20 } },
    });
  });

  it('raises the places of a booked slot, keeps its bookings and offers the new places in the same transaction', async () => {
    const calls: { slotId: string; added: number; capacitySeen: number }[] = [];
    let fail = false;
    const onPlacesAdded: PlacesAddedCallback = async (tx, slotId, added) => {
      // Inside the transaction the raise is already visible.
      const slot = await tx.slot.findUniqueOrThrow({ where: { id: slotId } });
      calls.push({ slotId, added, capacitySeen: slot.capacity });
      if (fail) throw new Error('waitlist unavailable');
    };
    const db = unitOfWorkClient(t.db.prisma);
    const scheduling = createSchedulingService({
      uow: createUnitOfWork({ db, clock, hospital: (tx) => t.services.catalog.hospitalContext(tx) }),
      db,
      clock,
      audit: t.services.audit,
      catalog: t.services.catalog,
      onPlacesAdded,
    });
    const doctor = await newDoctor();
    const { template } = await scheduling.createTemplate(SCHEDULER, {
      ...amTemplate(doctor.id, 4, { capacityPerSlot: 2 }),
      period: 'AM',
      examTypeId: null,
      roomId: null,
      feeFenOverride: null,
      active: true,
    });
    expect(calls).toEqual([]); // new sessions: nobody can be waiting for them yet
    const [session] = await sessionsOf(doctor.id);
    const first = session!.slots[0]!;
    await book(first.id);
    await book(first.id);

    const { generation } = await scheduling.updateTemplate(SCHEDULER, template.id, { capacityPerSlot: 4 });
    expect(generation).toMatchObject({ slotsChanged: 8, kept: [] });
    const raised = await t.db.prisma.slot.findUniqueOrThrow({ where: { id: first.id } });
    expect([raised.capacity, raised.booked]).toEqual([4, 2]);
    expect(calls).toHaveLength(8);
    expect(calls).toContainEqual({ slotId: first.id, added: 2, capacitySeen: 4 });

    // Fewer places: the unbooked slots follow, the booked one keeps its four.
    const lowered = await scheduling.updateTemplate(SCHEDULER, template.id, { capacityPerSlot: 1 });
    expect(lowered.generation.kept).toEqual([
      expect.objectContaining({ slotId: first.id, code: 'capacity', reason: KEPT_REASONS.capacity }),
    ]);
    const slots = (await sessionsOf(doctor.id))[0]!.slots;
    expect(slots.map((s) => s.capacity)).toEqual([4, 1, 1, 1, 1, 1, 1, 1]);

    // If offering the places fails, the whole change is undone.
    fail = true;
    await expect(scheduling.updateTemplate(SCHEDULER, template.id, { capacityPerSlot: 6 })).rejects.toThrow(
      'waitlist unavailable',
    );
    expect(
      (await t.db.prisma.rosterTemplate.findUniqueOrThrow({ where: { id: template.id } })).capacityPerSlot,
    ).toBe(1);
    expect((await sessionsOf(doctor.id))[0]!.slots.map((s) => s.capacity)).toEqual([4, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('moving a template to another weekday removes the old unbooked session and creates the new one', async () => {
    const doctor = await newDoctor();
    const created = await createTemplate(amTemplate(doctor.id, 3)).expect(201);
    const res = await t.http
      .patch(`/api/v1/admin/rosters/${created.body.template.id}`)
      .set(bearer('scheduler'))
      .send({ weekday: 5, period: 'PM', startTime: '13:30', endTime: '17:00' })
      .expect(200);
    expect(res.body.generation).toMatchObject({
      sessionsCreated: 1,
      slotsCreated: 7,
      slotsRemoved: 8,
      kept: [],
    });
    expect((await sessionsOf(doctor.id)).map((s) => [day(s.date), s.period, s.slots.length])).toEqual([
      ['2027-03-05', 'PM', 7],
    ]);
  });

  it('never touches a suspended session', async () => {
    const doctor = await newDoctor();
    const created = await createTemplate(amTemplate(doctor.id, 2)).expect(201);
    const [session] = await sessionsOf(doctor.id);
    await t.db.prisma.clinicSession.update({
      where: { id: session!.id },
      data: { suspendedAt: new Date(NOW), suspendReason: '医生外出会诊' },
    });
    const before = await sessionsOf(doctor.id);
    // A different shape (the session is still planned), then no session at all (template stopped).
    for (const change of [{ slotMinutes: 15, capacityPerSlot: 5 }, { active: false }]) {
      const res = await t.http
        .patch(`/api/v1/admin/rosters/${created.body.template.id}`)
        .set(bearer('scheduler'))
        .send(change)
        .expect(200);
      expect(res.body.generation).toMatchObject({
        slotsChanged: 0,
        slotsRemoved: 0,
        slotsCreated: 0,
        kept: [],
      });
      expect(await sessionsOf(doctor.id)).toEqual(before);
    }
  });

  it('deactivating a template removes its unbooked future sessions', async () => {
    const doctor = await newDoctor();
    const created = await createTemplate(amTemplate(doctor.id, 6)).expect(201);
    expect(await sessionsOf(doctor.id)).toHaveLength(1);
    await t.http
      .patch(`/api/v1/admin/rosters/${created.body.template.id}`)
      .set(bearer('scheduler'))
      .send({ active: false })
      .expect(200);
    expect(await sessionsOf(doctor.id)).toEqual([]);
  });
});

describe('exceptions', () => {
  function createException(body: object) {
    return t.http.post('/api/v1/admin/rosters/exceptions').set(bearer('scheduler')).send(body);
  }

  it('a day off removes the unbooked slots, keeps the booked one and says so; removing it restores the day', async () => {
    const doctor = await newDoctor();
    await createTemplate(amTemplate(doctor.id, 2)).expect(201);
    const [session] = await sessionsOf(doctor.id);
    const booked = session!.slots[3]!;
    await book(booked.id);

    const res = await createException({
      doctorId: doctor.id,
      date: '2027-03-02',
      kind: 'DAY_OFF',
      reason: '学术会议',
    }).expect(201);
    expect(res.body.exception).toMatchObject({
      date: '2027-03-02',
      kind: 'DAY_OFF',
      period: null,
      reason: '学术会议',
    });
    expect(res.body.generation).toMatchObject({ slotsRemoved: 7, slotsCreated: 0 });
    expect(res.body.generation.kept).toEqual([
      {
        slotId: booked.id,
        sessionId: session!.id,
        startsAt: booked.startsAt.toISOString(),
        code: 'sessionRemoved',
        reason: KEPT_REASONS.sessionRemoved,
      },
    ]);
    expect((await sessionsOf(doctor.id))[0]!.slots.map((s) => s.id)).toEqual([booked.id]);

    const listed = await t.http
      .get(`/api/v1/admin/rosters/exceptions?doctorId=${doctor.id}&from=2027-03-01&to=2027-03-31`)
      .set(bearer('scheduler'))
      .expect(200);
    expect(listed.body.items).toEqual([res.body.exception]);

    const removed = await t.http
      .delete(`/api/v1/admin/rosters/exceptions/${res.body.exception.id}`)
      .set(bearer('scheduler'))
      .expect(200);
    expect(removed.body.generation).toMatchObject({ slotsCreated: 7, kept: [] });
    expect((await sessionsOf(doctor.id))[0]!.slots).toHaveLength(8);

    const audit = await auditOf('roster_exception', res.body.exception.id);
    expect(audit.map((a) => a.action)).toEqual(['roster_exception.delete', 'roster_exception.create']);
  });

  it('an extra session adds a session without a template; a capacity change sets the places of one day', async () => {
    const doctor = await newDoctor();
    await createTemplate(amTemplate(doctor.id, 2)).expect(201);
    const extra = await createException({
      doctorId: doctor.id,
      date: '2027-03-06',
      kind: 'EXTRA_SESSION',
      period: 'PM',
      startTime: '13:30',
      endTime: '16:30',
      slotMinutes: 30,
      capacityPerSlot: 4,
      reason: '周六加诊',
    }).expect(201);
    expect(extra.body.generation).toMatchObject({ sessionsCreated: 1, slotsCreated: 6 });
    const capacity = await createException({
      doctorId: doctor.id,
      date: '2027-03-02',
      kind: 'CAPACITY',
      period: 'AM',
      capacityPerSlot: 6,
    }).expect(201);
    expect(capacity.body.generation).toMatchObject({ slotsChanged: 8 });
    expect(
      (await sessionsOf(doctor.id)).map((s) => [
        day(s.date),
        s.period,
        s.templateId === null,
        s.slots.map((x) => x.capacity),
      ]),
    ).toEqual([
      ['2027-03-02', 'AM', false, [6, 6, 6, 6, 6, 6, 6, 6]],
      ['2027-03-06', 'PM', true, [4, 4, 4, 4, 4, 4]],
    ]);

    // A second extra session in the same period is refused; deleting the first removes its session.
    const again = await createException({
      doctorId: doctor.id,
      date: '2027-03-06',
      kind: 'EXTRA_SESSION',
      period: 'PM',
      startTime: '14:00',
      endTime: '16:00',
      slotMinutes: 30,
      capacityPerSlot: 4,
    }).expect(409);
    expect(again.body.error.code).toBe('ALREADY_EXISTS');
    await t.http
      .delete(`/api/v1/admin/rosters/exceptions/${extra.body.exception.id}`)
      .set(bearer('scheduler'))
      .expect(200);
    expect((await sessionsOf(doctor.id)).map((s) => day(s.date))).toEqual(['2027-03-02']);
  });

  it('refuses a past date, a room (not stored on exceptions) and times on a day off', async () => {
    const doctor = await newDoctor();
    const past = await createException({ doctorId: doctor.id, date: '2027-02-28', kind: 'DAY_OFF' }).expect(
      400,
    );
    expect(past.body.error.details[0].path).toBe('body.date');
    const room = await t.db.prisma.room.findFirstOrThrow({ where: { code: 'R-CARDIO-1' } });
    const withRoom = await createException({
      doctorId: doctor.id,
      date: '2027-03-06',
      kind: 'EXTRA_SESSION',
      period: 'PM',
      startTime: '13:30',
      endTime: '16:30',
      slotMinutes: 30,
      capacityPerSlot: 4,
      roomId: room.id,
    }).expect(400);
    expect(withRoom.body.error.details[0].path).toBe('body.roomId');
    const timed = await createException({
      doctorId: doctor.id,
      date: '2027-03-02',
      kind: 'DAY_OFF',
      startTime: '08:00',
    }).expect(400);
    expect(timed.body.error.details[0].path).toBe('body.startTime');
    // Staff reading in English are told each in English.
    const english = await createException({
      doctorId: doctor.id,
      date: '2027-03-02',
      kind: 'DAY_OFF',
      capacityPerSlot: 2,
    })
      .set('Accept-Language', 'en')
      .expect(400);
    expect(english.body.error.details).toEqual([
      { path: 'body.capacityPerSlot', message: 'A day off takes no places per slot' },
    ]);
    const pastEn = await createException({ doctorId: doctor.id, date: '2027-02-28', kind: 'DAY_OFF' })
      .set('Accept-Language', 'en')
      .expect(400);
    expect(pastEn.body.error.message).toBe('The schedule of a day that has passed cannot be changed');
    expect(await t.db.prisma.rosterException.count({ where: { doctorId: doctor.id } })).toBe(0);
  });
});

describe('sessions of a day (staff)', () => {
  it('lists sessions with their slots, places, bookings, waitlist and suspension', async () => {
    const doctor = await newDoctor('GENERAL');
    await createTemplate(amTemplate(doctor.id, 2, { capacityPerSlot: 4 })).expect(201);
    const [session] = await sessionsOf(doctor.id);
    await book(session!.slots[0]!.id);
    await book(session!.slots[1]!.id);
    await t.db.prisma.slot.update({ where: { id: session!.slots[2]!.id }, data: { extra: 1 } });

    const res = await t.http
      .get(`/api/v1/admin/sessions?date=2027-03-02&doctorId=${doctor.id}`)
      .set(bearer('clerk'))
      .expect(200);
    expect(res.body).toMatchObject({ timeZone: 'Asia/Shanghai', date: '2027-03-02' });
    expect(res.body.items).toEqual([
      expect.objectContaining({
        id: session!.id,
        date: '2027-03-02',
        period: 'AM',
        startTime: '08:00',
        endTime: '12:00',
        doctorName: doctor.name,
        departmentName: '心血管内科',
        feeFen: 1500,
        slots: 8,
        capacity: 32,
        booked: 2,
        extra: 1,
        waitlistLength: 0,
        suspendedAt: null,
        suspendReason: null,
      }),
    ]);
  });

  it("defaults to today's sessions in the hospital's time zone", async () => {
    const res = await t.http.get('/api/v1/admin/sessions').set(bearer('clerk')).expect(200);
    expect(res.body.date).toBe('2027-03-01');
  });
});

describe('the demo rosters', () => {
  it('give every doctor 2–5 weekly sessions, never two doctors in one room at once, fewer places for experts', () => {
    for (const d of demo.doctors) {
      const sittings = demo.rosters.filter((r) => r.doctorCode === d.code);
      expect({ doctor: d.code, sessions: sittings.length >= 2 && sittings.length <= 5 }).toEqual({
        doctor: d.code,
        sessions: true,
      });
      // 特需 (SPECIAL) clinics may be as small as one place per slot.
      const [min, max] = d.feeCategory === 'GENERAL' ? [3, 6] : d.feeCategory === 'SPECIAL' ? [1, 4] : [2, 4];
      for (const r of sittings) {
        expect({ doctor: d.code, places: r.capacityPerSlot >= min && r.capacityPerSlot <= max }).toEqual({
          doctor: d.code,
          places: true,
        });
      }
    }
    const clinics = demo.rosters.filter((r) => r.doctorCode);
    const seats = clinics.map((r) => `${r.roomCode} ${r.weekday} ${r.period}`);
    expect(seats.filter((k, i) => seats.indexOf(k) !== i)).toEqual([]);
    expect(new Set(clinics.map((r) => r.period))).toEqual(new Set(['AM', 'PM', 'EVENING']));
  });

  it('run every exam that has a room on each weekday, some on Saturday morning', () => {
    for (const e of demo.examTypes.filter((x) => x.roomCode)) {
      const days = new Set(demo.rosters.filter((r) => r.examTypeCode === e.code).map((r) => r.weekday));
      expect({ exam: e.code, weekdays: [1, 2, 3, 4, 5].every((w) => days.has(w)) }).toEqual({
        exam: e.code,
        weekdays: true,
      });
    }
    expect(demo.rosters.some((r) => r.examTypeCode && r.weekday === 6 && r.period === 'AM')).toBe(true);
  });
});
