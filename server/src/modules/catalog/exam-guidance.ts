import {
  type FastingWater,
  type GuidanceFields,
  type GuidanceIssue,
  guidanceConflicts,
  guidanceShapeIssues,
} from '@hospital/shared';
import { AppError } from '../../core/errors';
import { currentLocale } from '../../i18n';

/** The stored guidance columns of an exam type (a row, or a create request). */
export interface GuidanceColumns {
  fastingHours: number | null;
  fastingWater: FastingWater | null;
  noWaterHours: number | null;
  fullBladder: boolean;
  waterMl: number | null;
  waterMinutesBefore: number | null;
  stopMedication: string | null;
  preparationNotes: string | null;
  resultReadyMinutes: number;
  resultReadyText: string;
}

const KEYS = [
  'fastingHours',
  'fastingWater',
  'noWaterHours',
  'fullBladder',
  'waterMl',
  'waterMinutesBefore',
  'stopMedication',
  'preparationNotes',
  'resultReadyMinutes',
  'resultReadyText',
] as const satisfies readonly (keyof GuidanceFields)[];

/** The guidance an update would leave: the stored row with the patch's fields over it. */
export function mergedGuidance(before: GuidanceColumns, patch: Partial<GuidanceColumns>): GuidanceFields {
  const out = {} as Record<(typeof KEYS)[number], unknown>;
  for (const key of KEYS) out[key] = patch[key] !== undefined ? patch[key] : before[key];
  return out as unknown as GuidanceFields;
}

/**
 * Refuses guidance whose fields are malformed (400 VALIDATION_FAILED) or whose free text contradicts its fields
 * (422 GUIDANCE_CONTRADICTS_FIELDS), naming each field and what to change (docs/decisions/017).
 */
export function assertGuidanceConsistent(fields: GuidanceFields): void {
  const locale = currentLocale();
  const details = (issues: GuidanceIssue[]) =>
    issues.map((i) => ({ path: `body.${i.field}`, rule: i.rule, message: locale === 'en' ? i.en : i.zh }));
  const shape = guidanceShapeIssues(fields);
  if (shape.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      shape[0]!.zh,
      details(shape).map(({ path, message }) => ({ path, message })),
    );
  }
  const conflicts = guidanceConflicts(fields);
  if (conflicts.length) {
    throw new AppError(
      'GUIDANCE_CONTRADICTS_FIELDS',
      { zh: conflicts.map((c) => c.zh).join('；'), en: conflicts.map((c) => c.en).join('; ') },
      details(conflicts),
    );
  }
}
