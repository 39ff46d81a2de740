import { checkInCode, classifyDeskQuery } from '@hospital/shared';
import {
  checkInState,
  deskQueryKind,
  filtersFrom,
  paramsOf,
  refundableFen,
  yuanToFen,
} from '../../console/src/pages/desk/logic';
import { residentId } from '../support/factories';

const ID = '3f2a9c1e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

describe('what the desk field holds', () => {
  test('a scanned check-in code, with what a keyboard-wedge scanner adds around it', () => {
    expect(classifyDeskQuery(`  ${checkInCode(ID)}\r\n`)).toEqual({ kind: 'CHECK_IN_CODE', bookingId: ID });
    expect(classifyDeskQuery(`checkin:1:${ID}`)).toEqual({ kind: 'CHECK_IN_CODE', bookingId: ID });
    // Another version of the code is not guessed at: it is not a booking id either.
    expect(deskQueryKind(`CHECKIN:2:${ID}`)).not.toBe('CHECK_IN_CODE');
  });

  test('a booking id, an order number, a mobile in any spacing', () => {
    expect(classifyDeskQuery(ID.toUpperCase())).toEqual({ kind: 'BOOKING_ID', bookingId: ID });
    expect(classifyDeskQuery('p20261201a1b2c3d4e5f6')).toEqual({
      kind: 'ORDER_NO',
      orderNo: 'P20261201A1B2C3D4E5F6',
    });
    expect(classifyDeskQuery('+86 139-1234-5678')).toEqual({ kind: 'PHONE', phone: '13912345678' });
    // Eleven digits that are a mobile are a mobile, although a passport number's rule would take them too.
    expect(deskQueryKind('13912345678')).toBe('PHONE');
  });

  test('an ID number: every document whose rule it passes, normalised', () => {
    const id = residentId(7, '19750602');
    const q = classifyDeskQuery(id.toLowerCase());
    expect(q?.kind).toBe('ID_NUMBER');
    expect(q && q.kind === 'ID_NUMBER' && q.numbers).toContainEqual({ idType: 'RESIDENT_ID', idNumber: id });
    const permit = classifyDeskQuery('h1234567801');
    expect(permit?.kind === 'ID_NUMBER' && permit.numbers).toContainEqual({
      idType: 'HK_MACAO_PERMIT',
      idNumber: 'H12345678',
    });
    // A resident ID with a wrong check digit is not read as a resident ID.
    const wrong = `${id.slice(0, 17)}${id.endsWith('1') ? '2' : '1'}`;
    // (and 18 characters are too many for a passport number), so it is nothing the desk can look up.
    expect(classifyDeskQuery(wrong)).toBeNull();
  });

  test('nothing, or what no rule reads, is none', () => {
    expect(deskQueryKind('   ')).toBeNull();
    expect(deskQueryKind('张三')).toBeNull();
    expect(deskQueryKind('??')).toBeNull();
  });
});

describe('what the window may do with a booking', () => {
  test('check in only a confirmed booking of today', () => {
    expect(checkInState({ status: 'CONFIRMED', date: '2026-12-01' }, '2026-12-01')).toBe('ready');
    expect(checkInState({ status: 'CONFIRMED', date: '2026-12-02' }, '2026-12-01')).toBe('notToday');
    expect(checkInState({ status: 'PENDING_PAYMENT', date: '2026-12-01' }, '2026-12-01')).toBe('no');
    expect(checkInState({ status: 'CHECKED_IN', date: '2026-12-01' }, '2026-12-01')).toBe('done');
  });

  test('refund what is left of a paid order, nothing while a refund runs', () => {
    const payment = {
      orderNo: 'P20261201A1B2C3D4E5F6',
      paidFen: 5000,
      paidAt: '2026-12-01T01:00:00Z',
      channel: 'WINDOW' as const,
      refundedFen: 1000,
      refund: null,
    };
    expect(refundableFen({ ...payment, orderStatus: 'PARTIALLY_REFUNDED' })).toBe(4000);
    expect(refundableFen({ ...payment, orderStatus: 'REFUNDING' })).toBe(0);
    expect(refundableFen(null)).toBe(0);
  });

  test('yuan as typed to fen', () => {
    expect(yuanToFen('12')).toBe(1200);
    expect(yuanToFen(' 12.5 ')).toBe(1250);
    expect(yuanToFen('0.05')).toBe(5);
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('-1')).toBeNull();
  });
});

describe('the day list’s filters in the address bar', () => {
  test('read back as written, keeping the chosen booking', () => {
    const filters = { date: '2026-12-01', status: 'CHECKED_IN' as const, page: 2, pageSize: 50 };
    const params = paramsOf(filters, new URLSearchParams(`booking=${ID}`));
    expect(params.toString()).toBe(`date=2026-12-01&status=CHECKED_IN&page=2&pageSize=50&booking=${ID}`);
    expect(filtersFrom(params)).toEqual(filters);
  });

  test('what the address bar cannot mean is dropped', () => {
    expect(
      filtersFrom(new URLSearchParams('date=tomorrow&status=LOST&departmentId=1&page=-1&pageSize=9999')),
    ).toEqual({ page: 1, pageSize: 100 });
  });
});
