import { addDays, localDate, localTime, zonedInstant } from '@hospital/shared';
import { DateTime } from 'luxon';

// localDate / localTime remember each zone's offset per quarter hour (shared/src/time.ts); they must say what
// the zone's own rules say at every instant, daylight-saving transitions and odd offsets included.
const ZONES = [
  'Asia/Shanghai',
  'Europe/Berlin', // DST, transitions at 01:00 UTC
  'America/New_York',
  'Asia/Kolkata', // +05:30
  'Asia/Kathmandu', // +05:45
  'Australia/Lord_Howe', // a half-hour daylight-saving shift
];

test('local day and time of instants around every transition, and at random, agree with the zone rules', () => {
  const instants: Date[] = [];
  for (let i = 0; i < 3000; i++) {
    instants.push(new Date(Date.UTC(2020, 0, 1) + Math.floor(Math.random() * 10 * 365 * 86_400_000)));
  }
  // Each minute across the spring and autumn transitions of 2026 in Berlin, New York and Lord Howe.
  for (const start of [
    '2026-03-29T00:00:00Z',
    '2026-10-25T00:00:00Z',
    '2026-03-08T06:00:00Z',
    '2026-04-04T14:00:00Z',
  ]) {
    for (let m = 0; m < 180; m++) instants.push(new Date(Date.parse(start) + m * 60_000));
  }
  for (const zone of ZONES) {
    for (const instant of instants) {
      const expected = DateTime.fromJSDate(instant, { zone });
      expect([zone, instant.toISOString(), localDate(instant, zone), localTime(instant, zone)]).toEqual([
        zone,
        instant.toISOString(),
        expected.toISODate(),
        expected.toFormat('HH:mm'),
      ]);
    }
  }
});

test('calendar arithmetic and wall-clock instants agree with the zone rules, in and around transitions', () => {
  for (let i = 0; i < 2000; i++) {
    const date = new Date(Date.UTC(2020, 0, 1) + Math.floor(Math.random() * 3650) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const days = Math.floor(Math.random() * 800) - 400;
    expect(addDays(date, days)).toBe(DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate());
  }
  // 02:30 does not exist in Berlin on 2026-03-29 (luxon moves it forward) and happens twice on 2026-10-25.
  for (const zone of ZONES) {
    for (const date of ['2026-03-29', '2026-10-25', '2026-03-08', '2026-04-05', '2026-12-02']) {
      for (const time of ['00:00', '01:59', '02:00', '02:30', '03:00', '07:00', '23:59']) {
        const expected = DateTime.fromISO(`${date}T${time}`, { zone }).toJSDate();
        expect(zonedInstant(date, time, zone)).toEqual(expected);
        expect(zonedInstant(date, time, zone)).toEqual(expected); // remembered, still right
      }
    }
  }
  expect(() => zonedInstant('2026-02-30', '07:00', 'Asia/Shanghai')).toThrow(RangeError);
});
