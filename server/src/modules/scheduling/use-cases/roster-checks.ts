import type { LocalizedText } from '@hospital/shared';
import { AppError } from '../../../core/errors';
import { currentLocale } from '../../../i18n';
import type { OwnerScope, SchedulingRepository } from '../scheduling.repository';

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A field's 400: a Chinese message (English readers get the code's default), or one in both languages. */
export function invalid(path: string, message: string | LocalizedText): AppError {
  const field = typeof message === 'string' ? message : currentLocale() === 'en' ? message.en : message.zh;
  return new AppError('VALIDATION_FAILED', message, [{ path, message: field }]);
}

/** A session must hold at least one slot; a remainder shorter than a slot is simply not offered. */
export function assertFits(startTime: string, endTime: string, slotMinutes: number, where: string) {
  if (startTime >= endTime) throw invalid(`${where}.endTime`, '结束时间必须晚于开始时间');
  if (minutesOf(endTime) - minutesOf(startTime) < slotMinutes) {
    throw invalid(`${where}.slotMinutes`, '号源时长超过了出诊时长，至少要能排出一个号');
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
    if (!doctor) throw invalid('body.doctorId', '医生不存在');
    return { doctorId: doctor.id, examTypeId: null, departmentId: doctor.departmentId };
  }
  const exam = await repo.findExamType(input.examTypeId!);
  if (!exam) throw invalid('body.examTypeId', '检查项目不存在');
  return { doctorId: null, examTypeId: exam.id, departmentId: exam.departmentId };
}
