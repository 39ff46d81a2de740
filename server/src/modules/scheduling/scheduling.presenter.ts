import {
  dateString,
  type HospitalRules,
  localTime,
  type RosterTemplate,
  type rosterExceptionSchema,
  type SessionSummary,
  type SlotView,
  slotAvailability,
} from '@hospital/shared';
import type { z } from 'zod';
import type { AvailableSlotRow, SessionListRow } from './availability.repository';
import type { ExceptionRow, TemplateRow } from './scheduling.repository';

export function presentTemplate(t: TemplateRow): RosterTemplate {
  return {
    id: t.id,
    departmentId: t.departmentId,
    doctorId: t.doctorId,
    examTypeId: t.examTypeId,
    ownerName: t.doctor?.name ?? t.examType?.name ?? '',
    roomId: t.roomId,
    weekday: t.weekday,
    period: t.period,
    startTime: t.startTime,
    endTime: t.endTime,
    slotMinutes: t.slotMinutes,
    capacityPerSlot: t.capacityPerSlot,
    feeFenOverride: t.feeFenOverride,
    active: t.active,
  };
}

export function presentException(e: ExceptionRow): z.input<typeof rosterExceptionSchema> {
  return {
    id: e.id,
    doctorId: e.doctorId,
    examTypeId: e.examTypeId,
    date: dateString(e.date),
    kind: e.kind,
    period: e.period,
    startTime: e.startTime,
    endTime: e.endTime,
    slotMinutes: e.slotMinutes,
    capacityPerSlot: e.capacityPerSlot,
    reason: e.reason,
  };
}

/**
 * A slot as patients see it. `taken` leaves out holds that have lapsed but not yet been expired by the job,
 * so the answer is right even when the job runs late; the status comes from the shared availability rule,
 * the same one booking applies.
 */
export function presentSlot(
  r: AvailableSlotRow,
  now: Date,
  rules: HospitalRules,
  timeZone: string,
): SlotView {
  const availability = slotAvailability(
    {
      date: r.date,
      startsAt: r.starts_at,
      capacity: r.capacity,
      // A lapsed hold frees its place — unless people are waiting, who get it first when it is released.
      taken: r.waiting > 0 ? r.booked : Math.max(0, r.booked - r.lapsed_holds),
      suspended: r.suspended_at !== null,
    },
    now,
    rules,
    timeZone,
  );
  return {
    id: r.id,
    sessionId: r.session_id,
    date: r.date,
    period: r.period,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    startTime: localTime(r.starts_at, timeZone),
    endTime: localTime(r.ends_at, timeZone),
    capacity: r.capacity,
    placesLeft: availability.placesLeft,
    status: availability.status,
    releaseAt: availability.releaseAt.toISOString(),
    feeFen: r.fee_fen,
    departmentId: r.department_id,
    doctorId: r.doctor_id,
    doctorName: r.doctor_name,
    doctorNameEn: r.doctor_name_en,
    examTypeId: r.exam_type_id,
    examTypeName: r.exam_type_name,
    examTypeNameEn: r.exam_type_name_en,
    suspendReason: r.suspended_at ? r.suspend_reason : null,
    waitlistLength: r.waiting,
  };
}

export function presentSession(
  s: SessionListRow,
  totals: { slots: number; capacity: number; booked: number; extra: number; waiting: number },
  timeZone: string,
): SessionSummary {
  return {
    id: s.id,
    date: dateString(s.date),
    period: s.period,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    startTime: localTime(s.startsAt, timeZone),
    endTime: localTime(s.endsAt, timeZone),
    departmentId: s.departmentId,
    departmentName: s.department.name,
    doctorId: s.doctorId,
    doctorName: s.doctor?.name ?? null,
    doctorNameEn: s.doctor?.nameEn ?? null,
    examTypeId: s.examTypeId,
    examTypeName: s.examType?.name ?? null,
    examTypeNameEn: s.examType?.nameEn ?? null,
    roomId: s.roomId,
    roomName: s.room?.name ?? null,
    templateId: s.templateId,
    feeFen: s.feeFen,
    slots: totals.slots,
    capacity: totals.capacity,
    booked: totals.booked,
    extra: totals.extra,
    waitlistLength: totals.waiting,
    suspendedAt: s.suspendedAt?.toISOString() ?? null,
    suspendReason: s.suspendReason,
  };
}
