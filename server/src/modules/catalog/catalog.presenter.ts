import {
  type AgeSexRule,
  type Department,
  type Doctor,
  type ExamType,
  type GuidanceExam,
  type Hospital,
  type HospitalRules,
  hospitalRulesSchema,
  type Room,
  restrictionsFor,
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

/** The hospital's eligibility rules (the pediatric age), which the answers' `restrictions` are resolved with. */
export type EligibilityRules = HospitalRules['eligibility'];

/** A record's own restriction, as stored (docs/decisions/018-eligibility.md). */
const ownRule = (r: AgeSexRule): AgeSexRule => ({
  allowedSex: r.allowedSex,
  minAge: r.minAge,
  maxAge: r.maxAge,
});

export function presentDepartment(d: DepartmentRow, eligibility: EligibilityRules): Department {
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
    ...ownRule(d),
    pediatric: d.pediatric,
    restrictions: restrictionsFor({ department: d }, eligibility),
  };
}

export function presentDoctor(
  d: DoctorRow,
  registrationFen: Record<Doctor['feeCategory'], number>,
  eligibility: EligibilityRules,
): Doctor {
  return {
    id: d.id,
    code: d.code,
    departmentId: d.departmentId,
    departmentName: d.department.name,
    departmentNameEn: d.department.nameEn,
    name: d.name,
    nameEn: d.nameEn,
    photoUrl: d.photoUrl,
    title: d.title,
    titleLabel: labels().doctorTitle[d.title],
    feeCategory: d.feeCategory,
    feeFen: d.feeFenOverride ?? registrationFen[d.feeCategory],
    specialty: d.specialty,
    bio: d.bio,
    active: d.active,
    ...ownRule(d),
    restrictions: restrictionsFor({ department: d.department, doctor: d }, eligibility),
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

/** The columns an exam type's guidance is presented from (a row, or the demo data before it is seeded). */
type GuidanceColumns = Pick<
  ExamTypeRow,
  | 'code'
  | 'name'
  | 'nameEn'
  | 'category'
  | 'durationMinutes'
  | 'building'
  | 'floor'
  | 'room'
  | 'route'
  | 'fastingHours'
  | 'fastingWater'
  | 'noWaterHours'
  | 'fullBladder'
  | 'waterMl'
  | 'waterMinutesBefore'
  | 'stopMedication'
  | 'bringPriorFilms'
  | 'arriveEarlyMinutes'
  | 'preparationNotes'
  | 'whatToExpect'
  | 'afterCare'
  | 'resultReadyMinutes'
  | 'resultReadyText'
>;

/** What the guidance timeline is computed from, as the API presents it. */
export function presentGuidanceExam(e: GuidanceColumns): GuidanceExam {
  return {
    code: e.code,
    name: e.name,
    nameEn: e.nameEn,
    category: e.category,
    durationMinutes: e.durationMinutes,
    location: { building: e.building, floor: e.floor, room: e.room, route: e.route },
    preparation: {
      fastingHours: e.fastingHours,
      fastingWater: e.fastingWater,
      noWaterHours: e.noWaterHours,
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
    resultReadyMinutes: e.resultReadyMinutes,
    resultReadyText: e.resultReadyText,
  };
}

export function presentExamType(e: ExamTypeRow, eligibility: EligibilityRules): ExamType {
  return {
    id: e.id,
    departmentId: e.departmentId,
    departmentName: e.department.name,
    departmentNameEn: e.department.nameEn,
    roomId: e.roomId,
    feeFen: e.feeFen,
    ...presentGuidanceExam(e),
    active: e.active,
    ...ownRule(e),
    restrictions: restrictionsFor({ department: e.department, examType: e }, eligibility),
  };
}
