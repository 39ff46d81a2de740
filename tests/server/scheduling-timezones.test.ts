import type { SlotView } from '@hospital/shared';
import { fixedClock } from '../../server/src/core/clock';
import { createTestApp, type TestApp } from '../support/app';

// Generating the whole demo hospital's window on PGlite takes a second or two, more on a loaded machine.
jest.setTimeout(60_000);

// Rosters are wall-clock times in the hospital's zone; slots are stored in UTC. Berlin moves its clocks
// forward on Sunday 2026-03-29 (02:00 CET → 03:00 CEST); Shanghai has no daylight-saving time.
const clock = fixedClock('2026-03-27T05:59:00Z');
let t: TestApp;
let admin = '';
let doctorId = '';

beforeAll(async () => {
  t = await createTestApp({ clock });
  admin = await t.staffToken('admin');
  const cardio = await t.db.prisma.department.findFirstOrThrow({ where: { code: 'CARDIO' } });
  const doctor = await t.db.prisma.doctor.create({
    data: {
      code: 'TZ001',
      departmentId: cardio.id,
      name: '时区测试医生',
      title: 'ATTENDING_PHYSICIAN',
      feeCategory: 'GENERAL',
    },
  });
  doctorId = doctor.id;
  // Every morning of the week at 08:00 local.
  await t.db.prisma.rosterTemplate.createMany({
    data: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      departmentId: cardio.id,
      doctorId,
      weekday,
      period: 'AM' as const,
      startTime: '08:00',
      endTime: '12:00',
      slotMinutes: 30,
      capacityPerSlot: 4,
    })),
  });
}, 60_000);
afterAll(() => t.close());

async function setZone(timeZone: string) {
  const res = await t.http
    .patch('/api/v1/admin/hospital')
    .set('Authorization', `Bearer ${admin}`)
    .send({ timeZone })
    .expect(200);
  expect(res.body.timeZone).toBe(timeZone);
}

async function slots(from: string, to: string): Promise<{ timeZone: string; items: SlotView[] }> {
  return (await t.http.get(`/api/v1/slots?doctorId=${doctorId}&from=${from}&to=${to}`).expect(200)).body;
}

/** date → the day's first slot (UTC) and its local time as the API shows it. */
function firstSlots(items: SlotView[]) {
  const out: Record<string, string> = {};
  for (const s of items) out[s.date] ??= `${s.startsAt} ${s.startTime}`;
  return out;
}

describe('Europe/Berlin across the 2026-03-29 daylight-saving change', () => {
  beforeAll(() => setZone('Europe/Berlin'));

  it('generates 08:00 local as 07:00Z before the change and 06:00Z after it', async () => {
    clock.set('2026-03-27T05:59:00Z'); // Friday 06:59 CET
    const report = await t.services.scheduling.generateWindow();
    expect([report.from, report.to]).toEqual(['2026-03-27', '2026-04-02']);
    const res = await slots('2026-03-27', '2026-04-02');
    expect(res.timeZone).toBe('Europe/Berlin');
    expect(firstSlots(res.items)).toEqual({
      '2026-03-27': '2026-03-27T07:00:00.000Z 08:00',
      '2026-03-28': '2026-03-28T07:00:00.000Z 08:00',
      '2026-03-29': '2026-03-29T06:00:00.000Z 08:00',
      '2026-03-30': '2026-03-30T06:00:00.000Z 08:00',
      '2026-03-31': '2026-03-31T06:00:00.000Z 08:00',
      '2026-04-01': '2026-04-01T06:00:00.000Z 08:00',
      '2026-04-02': '2026-04-02T06:00:00.000Z 08:00',
    });
    // Every slot is 30 real minutes, including the day the clocks change.
    const sunday = res.items.filter((s) => s.date === '2026-03-29');
    expect(sunday.map((s) => s.endTime)).toEqual([
      '08:30',
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '11:30',
      '12:00',
    ]);
  });

  it('releases at 07:00 CET (06:00Z) on a day before the change', async () => {
    clock.set('2026-03-27T05:59:00Z');
    const before = (await slots('2026-04-02', '2026-04-02')).items;
    expect(new Set(before.map((s) => `${s.status} ${s.releaseAt}`))).toEqual(
      new Set(['NOT_RELEASED 2026-03-27T06:00:00.000Z']),
    );
    clock.set('2026-03-27T06:00:00Z');
    expect(new Set((await slots('2026-04-02', '2026-04-02')).items.map((s) => s.status))).toEqual(
      new Set(['OPEN']),
    );
    // From 07:00 the window reaches one day further.
    expect((await t.services.scheduling.generateWindow()).to).toBe('2026-04-03');
  });

  it('releases at 07:00 CEST (05:00Z) on a day after the change', async () => {
    clock.set('2026-03-30T04:59:00Z'); // Monday 06:59 CEST
    const report = await t.services.scheduling.generateWindow();
    expect([report.from, report.to]).toEqual(['2026-03-30', '2026-04-05']);
    const last = (await slots('2026-04-05', '2026-04-05')).items;
    expect(last).toHaveLength(8);
    expect(last[0]!.startsAt).toBe('2026-04-05T06:00:00.000Z');
    expect(new Set(last.map((s) => `${s.status} ${s.releaseAt}`))).toEqual(
      new Set(['NOT_RELEASED 2026-03-30T05:00:00.000Z']),
    );
    clock.set('2026-03-30T05:00:00Z');
    expect(new Set((await slots('2026-04-05', '2026-04-05')).items.map((s) => s.status))).toEqual(
      new Set(['OPEN']),
    );
    expect((await t.services.scheduling.generateWindow()).to).toBe('2026-04-06');
  });
});

describe('Asia/Shanghai (no daylight-saving time)', () => {
  beforeAll(() => setZone('Asia/Shanghai'));

  it('generates 08:00 local as 00:00Z every day, and releases at 07:00 CST (23:00Z the day before)', async () => {
    clock.set('2026-10-23T22:00:00Z'); // Saturday 2026-10-24, 06:00 in Shanghai (Europe changes back on 10-25)
    const report = await t.services.scheduling.generateWindow();
    expect([report.from, report.to]).toEqual(['2026-10-24', '2026-10-30']);
    const res = await slots('2026-10-24', '2026-10-30');
    expect(res.timeZone).toBe('Asia/Shanghai');
    expect(firstSlots(res.items)).toEqual({
      '2026-10-24': '2026-10-24T00:00:00.000Z 08:00',
      '2026-10-25': '2026-10-25T00:00:00.000Z 08:00',
      '2026-10-26': '2026-10-26T00:00:00.000Z 08:00',
      '2026-10-27': '2026-10-27T00:00:00.000Z 08:00',
      '2026-10-28': '2026-10-28T00:00:00.000Z 08:00',
      '2026-10-29': '2026-10-29T00:00:00.000Z 08:00',
      '2026-10-30': '2026-10-30T00:00:00.000Z 08:00',
    });
    const last = res.items.filter((s) => s.date === '2026-10-30');
    expect(new Set(last.map((s) => `${s.status} ${s.releaseAt}`))).toEqual(
      new Set(['NOT_RELEASED 2026-10-23T23:00:00.000Z']),
    );
    clock.set('2026-10-23T23:00:00Z');
    expect(new Set((await slots('2026-10-30', '2026-10-30')).items.map((s) => s.status))).toEqual(
      new Set(['OPEN']),
    );
  });

  it("moves unbooked future slots to the new zone's wall clock when the hospital's zone changes", async () => {
    // The Berlin-made sessions of 04-01 … 04-06 are regenerated at 08:00 Shanghai time.
    clock.set('2026-03-31T22:00:00Z'); // 2026-04-01 06:00 in Shanghai
    const report = await t.services.scheduling.generateWindow();
    expect(report.kept).toEqual([]);
    expect(firstSlots((await slots('2026-04-01', '2026-04-06')).items)).toEqual({
      '2026-04-01': '2026-04-01T00:00:00.000Z 08:00',
      '2026-04-02': '2026-04-02T00:00:00.000Z 08:00',
      '2026-04-03': '2026-04-03T00:00:00.000Z 08:00',
      '2026-04-04': '2026-04-04T00:00:00.000Z 08:00',
      '2026-04-05': '2026-04-05T00:00:00.000Z 08:00',
      '2026-04-06': '2026-04-06T00:00:00.000Z 08:00',
    });
    const apr1 = (await slots('2026-04-01', '2026-04-01')).items;
    expect(apr1).toHaveLength(8);
  });
});
