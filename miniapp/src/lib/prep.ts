import type { ExamType } from '../api/types';
import type { MessageKey, Params } from '../i18n';

type T = (key: MessageKey, params?: Params) => string;

/** An exam's preparation as short lines for patients. */
export function preparationLines(exam: ExamType, t: T): string[] {
  const p = exam.preparation;
  const lines: string[] = [];
  if (p.fastingHours) lines.push(t('prep.fasting', { n: p.fastingHours }));
  if (p.fullBladder) lines.push(t('prep.fullBladder'));
  if (p.waterMl && p.waterMinutesBefore)
    lines.push(t('prep.water', { ml: p.waterMl, m: p.waterMinutesBefore }));
  if (p.stopMedication) lines.push(t('prep.stopMedication', { text: p.stopMedication }));
  if (p.bringPriorFilms) lines.push(t('prep.films'));
  if (p.notes) lines.push(p.notes);
  if (p.arriveEarlyMinutes > 0) lines.push(t('prep.arrive', { n: p.arriveEarlyMinutes }));
  return lines.length ? lines : [t('prep.none')];
}

export function examPlace(exam: ExamType): string {
  const { building, floor, room } = exam.location;
  return [building, floor, room].filter(Boolean).join(' ');
}
