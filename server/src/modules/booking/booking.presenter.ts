import {
  type Booking,
  cancelDeadline,
  dateString,
  type HospitalRules,
  localTime,
  patientMayCancel,
} from '@hospital/shared';
import { labels } from '../../i18n';
import type { HospitalContext } from '../catalog/catalog.service';
import type { BookingRow } from './booking.repository';

export function presentBooking(
  b: BookingRow,
  ctx: { now: Date; timeZone: string; rules: HospitalRules },
): Booking {
  const deadline = cancelDeadline(b.startsAt, ctx.rules);
  return {
    id: b.id,
    status: b.status,
    statusLabel: labels().bookingStatus[b.status],
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
    canCancel: patientMayCancel(b, ctx.now, ctx.rules),
    profile: { id: b.profile.id, name: b.profile.name },
    department: b.session.department,
    doctor: b.session.doctor
      ? {
          id: b.session.doctor.id,
          name: b.session.doctor.name,
          title: b.session.doctor.title,
          titleLabel: labels().doctorTitle[b.session.doctor.title],
        }
      : null,
    examType: b.session.examType
      ? {
          id: b.session.examType.id,
          code: b.session.examType.code,
          name: b.session.examType.name,
          location: {
            building: b.session.examType.building,
            floor: b.session.examType.floor,
            room: b.session.examType.room,
          },
        }
      : null,
    isExtra: b.isExtra,
    cancelReason: b.cancelReason,
    createdAt: b.createdAt.toISOString(),
  };
}

/** A booking as answered now, in this hospital's time zone and rules. */
export const presentIn = (b: BookingRow, h: HospitalContext, now: Date) =>
  presentBooking(b, { now, timeZone: h.timeZone, rules: h.rules });
