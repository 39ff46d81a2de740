import type { Booking, WaitlistEntryView } from '../../api';
import { label, localName, type MessageKey, translate } from '../../i18n';
import { timeRange, weekdayOf } from '../../lib/time';

/** What was booked: the exam, or the department with the doctor and their title (current locale). */
export function bookingItem(b: Booking): string {
  if (b.examType) return localName(b.examType);
  const department = localName(b.department);
  return b.doctor
    ? `${department} · ${localName(b.doctor)} ${label('doctorTitle', b.doctor.title)}`
    : department;
}

/** What a waitlist entry waits for: the exam, or the department with the doctor (current locale). */
export function waitlistItem(w: WaitlistEntryView): string {
  if (w.examTypeName) return localName({ name: w.examTypeName, nameEn: w.examTypeNameEn });
  const department = localName({ name: w.departmentName, nameEn: w.departmentNameEn });
  return w.doctorName
    ? `${department} · ${localName({ name: w.doctorName, nameEn: w.doctorNameEn })}`
    : department;
}

/** "2026-11-24 周二", in the current locale. */
export function bookingDay(b: Booking): string {
  return `${b.date} ${translate(`weekday.${weekdayOf(b.date)}` as MessageKey)}`;
}

/** "2026-11-24 周二 08:00–08:30", in the current locale: for a sentence (on screen, `BookingWhen`). */
export function bookingWhen(b: Booking): string {
  return `${bookingDay(b)} ${timeRange(b.startTime, b.endTime)}`;
}
