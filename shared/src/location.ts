/**
 * Where a patient goes, written the same way on every page (booking confirm, the bookings tab, an exam's
 * guidance and its timeline): building, floor and room in that order, separated by a space, the parts an admin
 * left blank skipped. Hospital data, so not translated.
 *
 * Imports nothing: the mini-program's tab pages (main package) use it, and a zod or luxon import here would
 * add their weight to the main package (tests/shared/location.test.ts checks).
 */

/** The parts of a place as the catalog stores them for an exam type. */
export interface PlaceParts {
  building: string;
  floor: string;
  room: string;
}

/** "医技楼 2层 超声科（超声1室）"; '' when every part is blank. */
export function formatLocation(place: PlaceParts): string {
  return [place.building, place.floor, place.room]
    .map((part) => (part ?? '').trim())
    .filter(Boolean)
    .join(' ');
}

/**
 * Where a booking takes place: an exam's building / floor / room when it is an exam with a place recorded,
 * else the department's location (a clinic's "门诊楼2层A区").
 */
export function bookingLocation(booking: {
  department: { location: string };
  examType: { location?: PlaceParts | null } | null;
}): string {
  const exam = booking.examType?.location ? formatLocation(booking.examType.location) : '';
  return exam || booking.department.location.trim();
}
