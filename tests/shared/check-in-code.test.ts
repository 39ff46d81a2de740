import { CHECK_IN_CODE_VERSION, checkInCode, parseCheckInCode } from '../../shared/src/check-in-code';

const ID = '3f2a9c1e-0b7d-4e21-9a3c-5d6e7f801234';

describe('check-in code', () => {
  test('names the booking and nothing else, versioned, in upper case', () => {
    expect(checkInCode(ID)).toBe('CHECKIN:1:3F2A9C1E-0B7D-4E21-9A3C-5D6E7F801234');
    expect(CHECK_IN_CODE_VERSION).toBe(1);
  });

  test('a scanned code gives back the booking id, whatever a scanner did to its case and spaces', () => {
    expect(parseCheckInCode(checkInCode(ID))).toEqual({ bookingId: ID });
    expect(parseCheckInCode(` ${checkInCode(ID).toLowerCase()}\r\n`)).toEqual({ bookingId: ID });
  });

  test.each([
    ['another version', `CHECKIN:2:${ID}`],
    ['another scheme', `BOOKING:1:${ID}`],
    ['a cut-off id', `CHECKIN:1:${ID.slice(0, 30)}`],
    ['an id with more after it', `CHECKIN:1:${ID}:x`],
    ['a bare id', ID],
    ['a web address', 'https://example.com/'],
    ['nothing', ''],
  ])('refuses %s', (_, scanned) => {
    expect(parseCheckInCode(scanned)).toBeNull();
  });

  test('only a booking id can be made into a code', () => {
    expect(() => checkInCode('12345')).toThrow(RangeError);
  });
});
