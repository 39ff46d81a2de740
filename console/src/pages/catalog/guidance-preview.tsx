import {
  addDays,
  buildGuidanceTimeline,
  type ExamType,
  type GuidanceFields,
  type GuidanceIssue,
  guidanceConflicts,
  guidanceShapeIssues,
  localDate,
  zonedInstant,
} from '@hospital/shared';
import { Alert, Card, Tag, Timeline, Typography } from 'antd';
import { useI18n } from '../../i18n';

/** The exam drawer's flat form values, as far as the guidance needs them. */
export interface ExamFormValues extends GuidanceFields {
  code: string;
  name: string;
  nameEn: string | null;
  category: ExamType['category'];
  durationMinutes: number | null;
  building: string;
  floor: string;
  room: string;
  route: string;
  bringPriorFilms: boolean;
  arriveEarlyMinutes: number | null;
  whatToExpect: string;
  afterCare: string;
}

/** The timeline function's exam from the form's values (the answer's nested shape). */
export function guidanceExamOf(v: ExamFormValues) {
  return {
    code: v.code || 'PREVIEW',
    name: v.name || '',
    nameEn: v.nameEn,
    category: v.category ?? 'LAB',
    durationMinutes: v.durationMinutes ?? 0,
    location: { building: v.building ?? '', floor: v.floor ?? '', room: v.room ?? '', route: v.route ?? '' },
    preparation: {
      fastingHours: v.fastingHours ?? null,
      fastingWater: v.fastingWater ?? null,
      noWaterHours: v.noWaterHours ?? null,
      fullBladder: !!v.fullBladder,
      waterMl: v.waterMl ?? null,
      waterMinutesBefore: v.waterMinutesBefore ?? null,
      stopMedication: v.stopMedication || null,
      bringPriorFilms: !!v.bringPriorFilms,
      arriveEarlyMinutes: v.arriveEarlyMinutes ?? 0,
      notes: v.preparationNotes || null,
    },
    whatToExpect: v.whatToExpect ?? '',
    afterCare: v.afterCare ?? '',
    resultReadyMinutes: v.resultReadyMinutes ?? 0,
    resultReadyText: v.resultReadyText ?? '',
  };
}

/** What the save-time check (decision 017) says about the values: field shapes, then contradictions. */
export function guidanceIssuesOf(v: ExamFormValues): GuidanceIssue[] {
  const fields: GuidanceFields = {
    fastingHours: v.fastingHours ?? null,
    fastingWater: v.fastingWater ?? null,
    noWaterHours: v.noWaterHours ?? null,
    fullBladder: !!v.fullBladder,
    waterMl: v.waterMl ?? null,
    waterMinutesBefore: v.waterMinutesBefore ?? null,
    stopMedication: v.stopMedication || null,
    preparationNotes: v.preparationNotes || null,
    resultReadyMinutes: v.resultReadyMinutes ?? 0,
    resultReadyText: v.resultReadyText ?? '',
  };
  return [...guidanceShapeIssues(fields), ...guidanceConflicts(fields)];
}

/**
 * The patient's timeline for the exam as it is being edited, made by the same shared function as the patient app
 * (buildGuidanceTimeline), for a booking tomorrow at 09:00 hospital time; below it, the free-text check's
 * messages, so a contradiction is seen before saving.
 */
export function GuidancePreview({ values, timeZone }: { values: ExamFormValues; timeZone: string }) {
  const { locale, t } = useI18n();
  const date = addDays(localDate(new Date(), timeZone), 1);
  const startsAt = zonedInstant(date, '09:00', timeZone);
  const minutes = values.durationMinutes;
  let timeline: ReturnType<typeof buildGuidanceTimeline> | null = null;
  if (typeof minutes === 'number' && minutes > 0 && typeof values.resultReadyMinutes === 'number') {
    try {
      timeline = buildGuidanceTimeline(
        guidanceExamOf(values),
        { startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000) },
        timeZone,
        locale,
      );
    } catch {
      timeline = null;
    }
  }
  const issues = guidanceIssuesOf(values);
  return (
    <div className="exam-preview" data-testid="guidance-preview">
      <Card size="small" title={t('catalog.exam.preview')}>
        <Typography.Text type="secondary">
          {t('catalog.exam.previewSlot', { date, time: '09:00' })}
        </Typography.Text>
        {timeline ? (
          <Timeline
            items={timeline.steps.map((step) => ({
              key: `${step.kind}-${step.at}`,
              color: step.kind === 'EXAM' ? 'green' : step.remind ? 'blue' : 'gray',
              title: step.localTime.slice(5),
              content: (
                <div data-testid={`guidance-step-${step.kind}`}>
                  <Typography.Text strong>{step.title}</Typography.Text>
                  {step.remind && (
                    <Tag color="blue" className="guidance-remind">
                      {t('catalog.exam.remind')}
                    </Tag>
                  )}
                  {step.detail && <div className="guidance-detail">{step.detail}</div>}
                </div>
              ),
            }))}
          />
        ) : (
          <Alert type="warning" title={t('catalog.exam.previewUnavailable')} />
        )}
      </Card>
      <Card
        size="small"
        title={t('catalog.exam.check')}
        className="guidance-check"
        data-testid="guidance-check"
      >
        {issues.length ? (
          <Alert
            type="warning"
            showIcon
            title={t('catalog.exam.conflicts')}
            description={
              <ul className="guidance-issues">
                {issues.map((issue) => (
                  <li key={`${issue.field}-${issue.rule}-${issue.zh}`}>
                    {locale === 'en' ? issue.en : issue.zh}
                  </li>
                ))}
              </ul>
            }
          />
        ) : (
          <Alert type="success" showIcon title={t('catalog.exam.checkOk')} />
        )}
      </Card>
    </div>
  );
}
