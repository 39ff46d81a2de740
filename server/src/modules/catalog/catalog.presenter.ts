import {
  type Department,
  type Doctor,
  type ExamType,
  type Hospital,
  hospitalRulesSchema,
  type Room,
} from '@hospital/shared';
import type { Prisma } from '../../db/client';
import { labels } from '../../i18n';
import type { DepartmentRow, DoctorRow, ExamTypeRow } from './catalog.repository';

type HospitalRow = Prisma.HospitalGetPayload<object>;
type RoomRow = Prisma.RoomGetPayload<object>;

export function presentHospital(h: HospitalRow): Hospital {
  return {
    code: h.code,
    name: h.name,
    nameEn: h.nameEn,
    timeZone: h.timeZone,
    address: h.address,
    phone: h.phone,
    complaintPhone: h.complaintPhone,
    rules: hospitalRulesSchema.parse(h.rules ?? {}),
    updatedAt: h.updatedAt.toISOString(),
  };
}

export function presentDepartment(d: DepartmentRow): Department {
  return {
    id: d.id,
    code: d.code,
    name: d.name,
    nameEn: d.nameEn,
    description: d.description,
    location: d.location,
    sortOrder: d.sortOrder,
    active: d.active,
    doctorCount: d.doctorCount,
  };
}

export function presentDoctor(d: DoctorRow, registrationFen: Record<Doctor['feeCategory'], number>): Doctor {
  return {
    id: d.id,
    code: d.code,
    departmentId: d.departmentId,
    departmentName: d.department.name,
    name: d.name,
    title: d.title,
    titleLabel: labels().doctorTitle[d.title],
    feeCategory: d.feeCategory,
    feeFen: d.feeFenOverride ?? registrationFen[d.feeCategory],
    specialty: d.specialty,
    bio: d.bio,
    active: d.active,
  };
}

export function presentRoom(r: RoomRow): Room {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    departmentId: r.departmentId,
    building: r.building,
    floor: r.floor,
    location: r.location,
    active: r.active,
  };
}

export function presentExamType(e: ExamTypeRow): ExamType {
  return {
    id: e.id,
    code: e.code,
    name: e.name,
    nameEn: e.nameEn,
    category: e.category,
    departmentId: e.departmentId,
    departmentName: e.department.name,
    roomId: e.roomId,
    feeFen: e.feeFen,
    durationMinutes: e.durationMinutes,
    location: { building: e.building, floor: e.floor, room: e.room, route: e.route },
    preparation: {
      fastingHours: e.fastingHours,
      fullBladder: e.fullBladder,
      waterMl: e.waterMl,
      waterMinutesBefore: e.waterMinutesBefore,
      stopMedication: e.stopMedication,
      bringPriorFilms: e.bringPriorFilms,
      arriveEarlyMinutes: e.arriveEarlyMinutes,
      notes: e.preparationNotes,
    },
    whatToExpect: e.whatToExpect,
    afterCare: e.afterCare,
    resultReadyHours: e.resultReadyHours,
    resultReadyText: e.resultReadyText,
    active: e.active,
  };
}
