// One wording for a place on every page (shared/src/location.ts), importable by the mini-program's main package.
import fs from 'node:fs';
import path from 'node:path';
import { bookingLocation, formatLocation } from '../../shared/src/location';

it('joins building, floor and room, skipping blanks', () => {
  expect(formatLocation({ building: '医技楼', floor: '2层', room: '超声科（超声1室）' })).toBe(
    '医技楼 2层 超声科（超声1室）',
  );
  expect(formatLocation({ building: ' 医技楼 ', floor: '', room: '超声1室' })).toBe('医技楼 超声1室');
  expect(formatLocation({ building: '', floor: '', room: '' })).toBe('');
});

it("uses an exam's place for a booking, else the department's", () => {
  const department = { location: '门诊楼2层A区' };
  expect(bookingLocation({ department, examType: null })).toBe('门诊楼2层A区');
  expect(
    bookingLocation({
      department,
      examType: { location: { building: '医技楼', floor: '2层', room: '超声1室' } },
    }),
  ).toBe('医技楼 2层 超声1室');
  expect(bookingLocation({ department, examType: { location: { building: '', floor: '', room: '' } } })).toBe(
    '门诊楼2层A区',
  );
});

it('imports nothing (no zod or luxon in the main package)', () => {
  for (const file of ['location.ts', 'guidance-check.ts']) {
    const source = fs.readFileSync(path.resolve(__dirname, '../../shared/src', file), 'utf8');
    expect({ file, imports: source.match(/^\s*(import|export)\s[^;]*from\s/gm) ?? [] }).toEqual({
      file,
      imports: [],
    });
  }
});
