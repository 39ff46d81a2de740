import { type Booking, cancelDeadline, canTransition, type HospitalRules, localTime } from '@hospital/shared';
import { labels } from '../../i18n';
import type { BookingRow } from './booking.repository';

export function presentBooking(
  b: BookingRow,
  ctx: { now: Date; timeZone: string; rules: HospitalRules },
): Booking {
  const deadline = cancelDeadline(b.startsAt, ctx.rules);
  const cancellable =
    canTransition(b.status, 'CANCELLED') && (b.status === 'PENDING_PAYMENT' || ctx.now < deadline);
  return {
    id: b.id,
    status: b.status,
    statusLabel: labels().bookingStatus[b.status],
    channel: b.channel,
    slotId: b.slotId,
    sessionId: b.sessionId,
    date: b.date.toISOString().slice(0, 10),
    period: b.session.period,
    startsAt: b.startsAt.toISOString(),
    endsAt: b.endsAt.toISOString(),
    startTime: localTime(b.startsAt, ctx.timeZone),
    endTime: localTime(b.endsAt, ctx.timeZone),
    feeFen: b.feeFen,
    holdExpiresAt: b.status === 'PENDING_PAYMENT' && b.holdExpiresAt ? b.holdExpiresAt.toISOString() : null,
    cancelDeadline: deadline.toISOString(),
    canCancel: cancellable,
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
    examType: b.session.examType,
    isExtra: b.isExtra,
    cancelReason: b.cancelReason,
    createdAt: b.createdAt.toISOString(),
  };
}
