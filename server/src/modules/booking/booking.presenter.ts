import {
  type Booking,
  type BookingDetail,
  type BookingPayment,
  cancelDeadline,
  dateString,
  type HospitalRules,
  localTime,
  patientMayCancel,
  reasonText,
  shownBookingStatus,
  stopClinicReason,
} from '@hospital/shared';
import { currentLocale, labels } from '../../i18n';
import type { HospitalContext } from '../catalog/catalog.service';
import type { BookingRow } from './booking.repository';

export function presentBooking(
  b: BookingRow,
  ctx: { now: Date; timeZone: string; rules: HospitalRules },
  paidAtWindow = false,
): Booking {
  const deadline = cancelDeadline(b.startsAt, ctx.rules);
  const stopReason = stopReasonOf(b);
  return {
    id: b.id,
    status: b.status,
    statusLabel: labels().bookingStatus[shownBookingStatus({ status: b.status, stopReason })],
    channel: b.channel,
    slotId: b.slotId,
    sessionId: b.sessionId,
    date: dateString(b.date),
    period: b.session.period,
    startsAt: b.startsAt.toISOString(),
    endsAt: b.endsAt.toISOString(),
    startTime: localTime(b.startsAt, ctx.timeZone),
    endTime: localTime(b.endsAt, ctx.timeZone),
    feeFen: b.feeFen,
    holdExpiresAt: b.status === 'PENDING_PAYMENT' && b.holdExpiresAt ? b.holdExpiresAt.toISOString() : null,
    cancelDeadline: deadline.toISOString(),
    // A fee taken at a window goes back over that counter: the patient cancels there, not in the app.
    canCancel: patientMayCancel(b, ctx.now, ctx.rules) && !paidAtWindow,
    profile: { id: b.profile.id, name: b.profile.name },
    department: b.session.department,
    doctor: b.session.doctor
      ? {
          id: b.session.doctor.id,
          name: b.session.doctor.name,
          nameEn: b.session.doctor.nameEn,
          title: b.session.doctor.title,
          titleLabel: labels().doctorTitle[b.session.doctor.title],
        }
      : null,
    examType: b.session.examType
      ? {
          id: b.session.examType.id,
          code: b.session.examType.code,
          name: b.session.examType.name,
          nameEn: b.session.examType.nameEn,
          location: {
            building: b.session.examType.building,
            floor: b.session.examType.floor,
            room: b.session.examType.room,
          },
        }
      : null,
    isExtra: b.isExtra,
    cancelReason: reasonText(b.cancelReason, currentLocale()),
    stopReason,
    createdAt: b.createdAt.toISOString(),
  };
}

/**
 * The stop-clinic's reason when a stop-clinic (停诊) cancelled this booking, else null: the booking was cancelled
 * with the reason the stop writes, and its session is stopped. (A stop cancels every live booking of its
 * session in its own transaction, and a stopped session takes no booking again.)
 */
function stopReasonOf(b: BookingRow): string | null {
  const { suspendedAt, suspendReason } = b.session;
  if (b.status !== 'CANCELLED' || !suspendedAt || suspendReason === null) return null;
  return b.cancelReason === stopClinicReason(suspendReason) ? suspendReason : null;
}

/** A booking's own page: the list's view plus its visit number and what was paid. */
export function presentBookingDetail(
  b: BookingRow,
  ctx: { now: Date; timeZone: string; rules: HospitalRules },
  more: { visitNumber: number; payment: BookingPayment | null },
): BookingDetail {
  return { ...presentBooking(b, ctx, more.payment?.channel === 'WINDOW'), ...more };
}

/** A booking as answered now, in this hospital's time zone and rules. */
export const presentIn = (b: BookingRow, h: HospitalContext, now: Date, paidAtWindow = false) =>
  presentBooking(b, { now, timeZone: h.timeZone, rules: h.rules }, paidAtWindow);
