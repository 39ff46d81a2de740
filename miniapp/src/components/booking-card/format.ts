import type { Booking } from '../../api';
import { label, type MessageKey, translate } from '../../i18n';
import { weekdayOf } from '../../lib/time';

/** What was booked: the exam, or the department with the doctor and their title (current locale). */
export function bookingItem(b: Booking): string {
  return (
    b.examType?.name ??
    (b.doctor
      ? `${b.department.name} · ${b.doctor.name} ${label('doctorTitle', b.doctor.title)}`
      : b.department.name)
  );
}

/** "2026-11-24 周二 08:00-08:30", in the current locale. */
export function bookingWhen(b: Booking): string {
  const weekday = translate(`weekday.${weekdayOf(b.date)}` as MessageKey);
  return `${b.date} ${weekday} ${b.startTime}-${b.endTime}`;
}
