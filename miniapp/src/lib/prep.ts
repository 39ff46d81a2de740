import { formatLocation } from '@hospital/shared';
import type { ExamType } from '../api/types';
import type { MessageKey, Params } from '../i18n';

type T = (key: MessageKey, params?: Params) => string;

/**
 * An exam's preparation as short lines for patients, each from a structured field (docs/decisions/017): what
 * a fasting patient may drink is said only as `fastingWater` says it.
 */
export function preparationLines(exam: ExamType, t: T): string[] {
  const p = exam.preparation;
  const lines: string[] = [];
  if (p.fastingHours) {
    const key =
      p.fastingWater === 'NONE'
        ? 'prep.fastingNone'
        : p.fastingWater === 'SIPS'
          ? 'prep.fastingSips'
          : 'prep.fasting';
    lines.push(t(key, { n: p.fastingHours }));
    if (p.fastingWater === 'SIPS' && p.noWaterHours) lines.push(t('prep.noWater', { n: p.noWaterHours }));
  }
  if (p.fullBladder) lines.push(t('prep.fullBladder'));
  if (p.waterMl && p.waterMinutesBefore)
    lines.push(t('prep.water', { ml: p.waterMl, m: p.waterMinutesBefore }));
  if (p.stopMedication) lines.push(t('prep.stopMedication', { text: p.stopMedication }));
  if (p.bringPriorFilms) lines.push(t('prep.films'));
  if (p.notes) lines.push(p.notes);
  if (p.arriveEarlyMinutes > 0) lines.push(t('prep.arrive', { n: p.arriveEarlyMinutes }));
  return lines.length ? lines : [t('prep.none')];
}

/** Where the exam takes place, as every page writes it (shared `formatLocation`). */
export function examPlace(exam: Pick<ExamType, 'location'>): string {
  return formatLocation(exam.location);
}
