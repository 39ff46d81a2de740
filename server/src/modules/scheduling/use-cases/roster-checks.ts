import { invalid } from '../../../core/errors';
import type { OwnerScope, SchedulingRepository } from '../scheduling.repository';

// The field refusal lives in core/errors.ts; its scheduling callers import it from here.
export { invalid };

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A session must hold at least one slot; a remainder shorter than a slot is simply not offered. */
export function assertFits(startTime: string, endTime: string, slotMinutes: number, where: string) {
  if (startTime >= endTime) throw invalid(`${where}.endTime`, 'timeOrder');
  if (minutesOf(endTime) - minutesOf(startTime) < slotMinutes) {
    throw invalid(`${where}.slotMinutes`, 'slotLongerThanSession');
  }
}

export function scopeOf(owner: { doctorId: string | null; examTypeId: string | null }): OwnerScope {
  return owner.doctorId ? { doctorId: owner.doctorId } : { examTypeId: owner.examTypeId! };
}

/** The doctor or exam service a roster row belongs to, with its department; refused when it is unknown. */
export async function ownerOf(
  repo: SchedulingRepository,
  input: { doctorId: string | null; examTypeId: string | null },
) {
  if (input.doctorId) {
    const doctor = await repo.findDoctor(input.doctorId);
    if (!doctor) throw invalid('body.doctorId', 'unknownDoctor');
    return { doctorId: doctor.id, examTypeId: null, departmentId: doctor.departmentId };
  }
  const exam = await repo.findExamType(input.examTypeId!);
  if (!exam) throw invalid('body.examTypeId', 'unknownExam');
  return { doctorId: null, examTypeId: exam.id, departmentId: exam.departmentId };
}
