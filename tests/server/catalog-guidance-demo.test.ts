// Every demo exam type: its free text passes the save-time check, and no step of its timeline contradicts a
// field (water, fasting, medication, results), in either locale and for morning and afternoon slots
// (docs/decisions/017-guidance-from-fields.md).
import {
  buildGuidanceTimeline,
  formatLocation,
  type GuidanceExam,
  type GuidanceFields,
  guidanceConflicts,
  guidanceFieldsOf,
  guidanceShapeIssues,
  LEAD_TIME_PATTERN,
} from '@hospital/shared';
import { type DemoExamType, examTypes } from '../../server/src/db/seed/demo-hospital';
import { presentGuidanceExam } from '../../server/src/modules/catalog/catalog.presenter';

const ZONE = 'Asia/Shanghai';
const HOUR = 3_600_000;
const MINUTE = 60_000;

const fields = (e: DemoExamType): GuidanceFields => guidanceFieldsOf(e);
/** The exam as the API presents it (catalog.presenter.ts), which is what the timeline is built from. */
const asGuidanceExam = (e: DemoExamType): GuidanceExam => presentGuidanceExam(e);

// 08:00 and 14:00 on a Tuesday in Shanghai.
const SLOTS = ['2026-11-24T00:00:00Z', '2026-11-24T06:00:00Z'].map((iso) => {
  const startsAt = new Date(iso);
  return { startsAt, endsAt: new Date(startsAt.getTime() + 30 * MINUTE) };
});

const SIPS_WORDS = { 'zh-CN': '可少量饮用白开水', en: 'small sips' } as const;
const NONE_WORDS = { 'zh-CN': '也不要喝水', en: 'nothing to eat or drink' } as const;

it('walks all 16 demo exam types', () => {
  expect(examTypes).toHaveLength(16);
});

describe.each(examTypes.map((e) => [e.code, e] as const))('%s', (_code, e) => {
  it('has text that agrees with its fields (the save-time check)', () => {
    expect(guidanceShapeIssues(fields(e))).toEqual([]);
    expect(guidanceConflicts(fields(e))).toEqual([]);
  });

  it.each(
    SLOTS.flatMap((slot) =>
      (['zh-CN', 'en'] as const).map((locale) => [slot.startsAt.toISOString(), locale, slot] as const),
    ),
  )('has no step contradicting a field (%s, %s)', (_at, locale, slot) => {
    const t = buildGuidanceTimeline(asGuidanceExam(e), slot, ZONE, locale);
    const start = slot.startsAt.getTime();
    const at = (kind: string) => t.steps.filter((s) => s.kind === kind);
    const everything = JSON.stringify(t);

    // Fasting: a step exactly when the field is set, at the right instant, saying about water only what the field says.
    const fast = at('FAST');
    expect(fast).toHaveLength(e.fastingHours ? 1 : 0);
    if (e.fastingHours) {
      expect(start - Date.parse(fast[0]!.at)).toBe(e.fastingHours * HOUR);
      expect(fast[0]!.detail.includes(SIPS_WORDS[locale])).toBe(e.fastingWater === 'SIPS');
      expect(fast[0]!.detail.includes(NONE_WORDS[locale])).toBe(e.fastingWater === 'NONE');
    }
    // No step but the fasting one may allow sips, and only when the field does.
    for (const s of t.steps) {
      if (s.kind === 'FAST') continue;
      expect(`${s.title} ${s.detail}`).not.toMatch(/可少量饮水|可少量饮用白开水|small sips/);
    }

    // Water: nothing to drink from noWaterHours, a drinking step never inside a dry window.
    const dry = at('NO_WATER');
    expect(dry).toHaveLength(e.fastingWater === 'SIPS' && e.noWaterHours ? 1 : 0);
    if (dry.length) expect(start - Date.parse(dry[0]!.at)).toBe(e.noWaterHours! * HOUR);
    const dryHours = e.fastingWater === 'NONE' ? e.fastingHours : e.noWaterHours;
    for (const drink of at('DRINK_WATER')) {
      if (dryHours) expect(start - Date.parse(drink.at)).toBeGreaterThan(dryHours * HOUR);
      expect(start - Date.parse(drink.at)).toBe(e.waterMinutesBefore! * MINUTE);
    }
    expect(at('DRINK_WATER')).toHaveLength(e.waterMl ? 1 : 0);
    expect(at('HOLD_URINE')).toHaveLength(e.waterMl && e.fullBladder ? 1 : 0);

    // Medication: a step exactly when there is an instruction, before the exam, carrying the hospital's text.
    const stop = at('STOP_MEDICATION');
    expect(stop).toHaveLength(e.stopMedication ? 1 : 0);
    if (e.stopMedication) {
      expect(Date.parse(stop[0]!.at)).toBeLessThan(start);
      expect(stop[0]!.detail).toBe(e.stopMedication.trim());
      const lead = LEAD_TIME_PATTERN.exec(e.stopMedication);
      if (lead?.[2] === '小时') expect(start - Date.parse(stop[0]!.at)).toBe(Number(lead[1]) * HOUR);
    }

    // Results: at the end of the exam plus the stated minutes, with the hospital's text, no made-up app section.
    const results = at('RESULTS');
    expect(results).toHaveLength(1);
    expect(Date.parse(results[0]!.at) - start).toBe((e.durationMinutes + e.resultReadyMinutes) * MINUTE);
    expect(results[0]!.detail).toBe(e.resultReadyText.trim());
    expect(everything).not.toMatch(/报告查询|under Reports/);

    // Location: the one shared wording.
    expect(at('ARRIVE')[0]!.detail).toContain(formatLocation(t.location));
  });
});
