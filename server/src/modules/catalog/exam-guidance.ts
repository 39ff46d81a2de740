import {
  type GuidanceFields,
  type GuidanceIssue,
  guidanceConflicts,
  guidanceShapeIssues,
} from '@hospital/shared';
import { AppError } from '../../core/errors';
import { currentLocale } from '../../i18n';

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
