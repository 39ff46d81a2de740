import { DEFAULT_HOSPITAL_RULES, hospitalRulesSchema, hospitalUpdateSchema } from '@hospital/shared';
import { en, zh } from '../../console/src/pages/catalog/messages';
import {
  formValuesOf,
  ruleGroups,
  ruleIssues,
  rulesOf,
  rulesPatch,
} from '../../console/src/pages/rules/schema-form';

const groups = ruleGroups();
const fields = groups.flatMap((g) => g.fields);
const field = (path: string) => fields.find((f) => f.path.join('.') === path)!;

describe('the hospital rules form, generated from the shared rules schema', () => {
  test('has a card per rule group and an editor per rule, of the rule’s kind, with its range and default', () => {
    expect(groups.map((g) => g.name)).toEqual(Object.keys(hospitalRulesSchema.shape));
    // Every rule of the defaults is one field (nested ones by their whole path).
    const leaves = (value: unknown, path: string[] = []): string[] =>
      typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))
        : [path.join('.')];
    expect(fields.map((f) => f.path.join('.')).sort()).toEqual(leaves(DEFAULT_HOSPITAL_RULES).sort());
    expect(field('booking.windowDays')).toMatchObject({ kind: 'integer', min: 1, max: 14, default: 7 });
    expect(field('booking.releaseTime')).toMatchObject({ kind: 'time', default: '07:00' });
    expect(field('fees.registrationFen.EXPERT')).toMatchObject({ kind: 'fen', default: 3000 });
    expect(field('targets.satisfactionRate')).toMatchObject({ kind: 'number', min: 0, max: 1 });
    expect(field('eligibility.pediatricsMaxAge')).toMatchObject({ kind: 'integer', min: 0, max: 25 });
  });

  test('every group and field has its label and help in both languages', () => {
    const keys = [...groups.map((g) => g.title), ...fields.flatMap((f) => [f.label, f.help])];
    const missing = keys.filter((k) => !(k in zh) || !(k in en));
    expect(missing).toEqual([]);
    for (const k of keys) expect((zh as Record<string, string>)[k]).not.toBe(en[k as keyof typeof en]);
  });

  test('shows money in yuan, reads it back in fen, and sends only what changed as the update accepts it', () => {
    const values = formValuesOf(DEFAULT_HOSPITAL_RULES, groups);
    expect(values).toMatchObject({ fees: { registrationFen: { GENERAL: 15 } }, booking: { windowDays: 7 } });
    expect(rulesOf(values, groups)).toEqual(DEFAULT_HOSPITAL_RULES);
    expect(rulesPatch(DEFAULT_HOSPITAL_RULES, rulesOf(values, groups))).toEqual({});

    const edited = structuredClone(values) as typeof values & Record<string, Record<string, unknown>>;
    (edited.booking as Record<string, unknown>).windowDays = 10;
    ((edited.fees as Record<string, unknown>).registrationFen as Record<string, unknown>).SPECIAL = 120.5;
    const patch = rulesPatch(DEFAULT_HOSPITAL_RULES, rulesOf(edited, groups));
    expect(patch).toEqual({
      booking: { windowDays: 10 },
      fees: { registrationFen: { GENERAL: 1500, EXPERT: 3000, SPECIAL: 12050 } },
    });
    expect(hospitalUpdateSchema.safeParse({ rules: patch }).success).toBe(true);
  });

  test('checks values with the same schema, its messages at the fields in the reader’s language', () => {
    const rules = rulesOf(formValuesOf(DEFAULT_HOSPITAL_RULES, groups), groups) as Record<
      string,
      Record<string, unknown>
    >;
    rules.booking!.windowDays = 30;
    rules.booking!.releaseTime = '7点';
    rules.queue!.skipAfterCalls = null;
    const zhIssues = ruleIssues(rules, 'zh-CN');
    expect(zhIssues.map((i) => i.name.join('.'))).toEqual([
      'booking.windowDays',
      'booking.releaseTime',
      'queue.skipAfterCalls',
    ]);
    expect(zhIssues[0]!.message).toMatch(/14/);
    expect(zhIssues[1]!.message).toBe('时间格式应为 HH:mm');
    const enIssues = ruleIssues(rules, 'en');
    expect(enIssues[0]!.message).toMatch(/14/);
    expect(enIssues[0]!.message).not.toBe(zhIssues[0]!.message);
    expect(enIssues[1]!.message).toBe('A time of day is written HH:mm');
    expect(ruleIssues(DEFAULT_HOSPITAL_RULES, 'zh-CN')).toEqual([]);
  });
});
