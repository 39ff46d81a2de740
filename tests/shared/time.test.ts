import { localDate, localTime } from '@hospital/shared';
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
