/**
 * The exam guidance's structured fields are the single source of what a patient is told
 * (docs/decisions/017-guidance-from-fields.md). The timeline ({@link ./guidance}) writes its sentences from
 * them; the hospital's own free text (preparation notes, medication instructions, the results sentence) is
 * checked against them when an admin saves it, by a few patterns a person can follow:
 *
 * | rule | refused when |
 * | --- | --- |
 * | `FASTING_WITHOUT_HOURS` | the notes ask for fasting (禁食, 需空腹, 空腹N小时) but no fasting hours are set |
 * | `NO_FASTING_TEXT` | fasting hours are set but the notes say 无需空腹 / 不用禁食 |
 * | `FASTING_HOURS_DIFFER` | the notes state fasting hours (8小时禁食, 禁食8小时, 空腹8–12小时) that leave out the field |
 * | `NO_WATER_TEXT` | the notes say 禁水 / 不要喝水 … while the fields let the patient sip water to the exam (or set no fasting) |
 * | `SIPS_TEXT` | the notes say 可少量饮水 … while the field says nothing to drink while fasting |
 * | `NO_WATER_HOURS_DIFFER` | the notes say 前N小时禁水 with another N than the no-water hours |
 * | `DRINK_IN_NO_WATER` | the bladder-filling drink falls in the hours the patient may not drink |
 * | `RESULT_TIME_DIFFERS` | the first time the results sentence states (30分钟, 2小时, 1天) differs from the result time |
 * | `UNKNOWN_APP_SECTION` | a text sends patients to a mini-program section that does not exist (报告查询) |
 * | `MEDICATION_LEAD_NOT_BEFORE` | the first time in the medication instruction is not "前N小时/天" (the timeline schedules the stop from it) |
 *
 * Field-shape rules (fasting water set exactly with fasting hours, no-water hours only with sips and shorter
 * than the fast) are {@link guidanceShapeIssues}, answered as ordinary validation errors.
 *
 * Imports nothing, so any page may use it.
 */

/** What a fasting patient may drink: nothing, or small sips of plain water. */
export const FASTING_WATER = ['NONE', 'SIPS'] as const;
/** One of {@link FASTING_WATER}. */
export type FastingWater = (typeof FASTING_WATER)[number];

/** The guidance fields of an exam type, flat, as an admin saves them. */
export interface GuidanceFields {
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

/** The keys of {@link GuidanceFields}: what the checks read, and what an update merges over the stored row. */
export const GUIDANCE_FIELD_KEYS = [
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

/**
 * The guidance fields of a record that carries them (a row, a create request, demo data), with `patch`'s
 * fields over them where it sets one (an update).
 */
export function guidanceFieldsOf(
  source: GuidanceFields,
  patch: Partial<GuidanceFields> = {},
): GuidanceFields {
  const out: Record<string, unknown> = {};
  for (const key of GUIDANCE_FIELD_KEYS) out[key] = patch[key] !== undefined ? patch[key] : source[key];
  return out as unknown as GuidanceFields;
}

/** The rules of {@link guidanceConflicts}. */
export const GUIDANCE_RULES = [
  'FASTING_WITHOUT_HOURS',
  'NO_FASTING_TEXT',
  'FASTING_HOURS_DIFFER',
  'NO_WATER_TEXT',
  'SIPS_TEXT',
  'NO_WATER_HOURS_DIFFER',
  'DRINK_IN_NO_WATER',
  'RESULT_TIME_DIFFERS',
  'UNKNOWN_APP_SECTION',
  'MEDICATION_LEAD_NOT_BEFORE',
] as const;
export type GuidanceRule = (typeof GUIDANCE_RULES)[number];

/** One problem: the field to change (its request name), and what to do, in both locales. */
export interface GuidanceIssue {
  field: keyof GuidanceFields;
  rule: GuidanceRule | 'SHAPE';
  zh: string;
  en: string;
}

/**
 * The first lead time named in a medication instruction ("检查前48小时停用" → 48 hours). The timeline schedules
 * the stop-medication step from it; the save-time check makes sure it is a time *before* the exam.
 */
export const LEAD_TIME_PATTERN = /(\d+)\s*(小时|h|天|日)/i;

// Sections of the mini-program a text may send a patient to (the tab bar and the entries under 首页 / 我的).
const APP_SECTIONS = ['首页', '预约', '我的', '检查指引', '费用公示', '我的账单'];

const NO_WATER = /禁水|禁饮|不要喝水|不能喝水|不可饮水|不要饮水|勿饮水|不喝水|不饮水/;
const SIPS = /可少量饮水|可少量饮用|可以少量喝水|可喝少量水|可饮少量水|可少量喝水/;
const FASTING = /禁食|需要?空腹|空腹\s*\d/;
const NO_FASTING = /(无需|无须|不需要?|不用|不必)(空腹|禁食)/;
// 8小时禁食 / 禁食8小时 / 空腹8–12小时 (a range covers the field when the field lies inside it).
const RANGE = String.raw`(\d+)(?:\s*[–—~～\-至到]\s*(\d+))?\s*(?:个)?\s*小时`;
const FASTING_HOURS = [
  new RegExp(`${RANGE}\\s*(?:内)?\\s*禁食`, 'g'),
  new RegExp(`禁食\\s*${RANGE}`, 'g'),
  new RegExp(`空腹\\s*${RANGE}`, 'g'),
];
const NO_WATER_HOURS = new RegExp(`前\\s*${RANGE}\\s*(?:起)?\\s*(?:禁水|禁饮|不要喝水|不能喝水)`, 'g');
// The first stated duration of the results sentence; working days are not comparable and are skipped.
const RESULT_DURATION = /(\d+)(?:\s*[–—~～\-至到]\s*(\d+))?\s*(分钟|小时|个?工作日|天)/g;
const APP_SECTION = /小程序\s*[“"「『]([^”"」』]+)[”"」』]/g;

/** Field shapes: answered as VALIDATION_FAILED with the field named. */
export function guidanceShapeIssues(f: GuidanceFields): GuidanceIssue[] {
  const issues: GuidanceIssue[] = [];
  if (f.fastingHours !== null && f.fastingWater === null) {
    issues.push({
      field: 'fastingWater',
      rule: 'SHAPE',
      zh: '请选择空腹期间能否饮水：不可饮水，或可少量饮水',
      en: 'Say what the patient may drink while fasting: nothing, or small sips of water',
    });
  }
  if (f.fastingHours === null && f.fastingWater !== null) {
    issues.push({
      field: 'fastingWater',
      rule: 'SHAPE',
      zh: '未设置空腹时间，空腹期间饮水无需填写',
      en: 'Without fasting hours there is no fasting water rule; leave it empty',
    });
  }
  if (f.noWaterHours !== null) {
    if (f.fastingWater !== 'SIPS') {
      issues.push({
        field: 'noWaterHours',
        rule: 'SHAPE',
        zh: '只有“空腹期间可少量饮水”时才需填写检查前几小时起禁水',
        en: 'No-water hours apply only when sips of water are allowed while fasting',
      });
    } else if (f.fastingHours !== null && f.noWaterHours >= f.fastingHours) {
      issues.push({
        field: 'noWaterHours',
        rule: 'SHAPE',
        zh: '禁水时间须短于空腹时间；整个空腹期间都不能喝水请选“不可饮水”',
        en: 'No-water hours must be shorter than the fast; choose "nothing to drink" if the whole fast is dry',
      });
    }
  }
  return issues;
}

/** Where the free text contradicts the fields: answered as GUIDANCE_CONTRADICTS_FIELDS (422). */
export function guidanceConflicts(f: GuidanceFields): GuidanceIssue[] {
  const issues: GuidanceIssue[] = [];
  const add = (field: keyof GuidanceFields, rule: GuidanceRule, zh: string, en: string) =>
    issues.push({ field, rule, zh, en });
  const notes = f.preparationNotes ?? '';
  const fasting = f.fastingHours;

  if (fasting === null && FASTING.test(notes.replace(new RegExp(NO_FASTING, 'g'), ''))) {
    add(
      'fastingHours',
      'FASTING_WITHOUT_HOURS',
      '准备事项要求空腹/禁食，但未设置空腹时间：请填写空腹小时数，或删去准备事项中的空腹要求',
      'The notes ask the patient to fast but no fasting hours are set: set them, or take fasting out of the notes',
    );
  }
  if (fasting !== null && NO_FASTING.test(notes)) {
    add(
      'preparationNotes',
      'NO_FASTING_TEXT',
      `准备事项写着无需空腹，但空腹时间设为 ${fasting} 小时：请改正其中一处`,
      `The notes say no fasting is needed, but the fasting time is ${fasting} h: correct one of them`,
    );
  }
  if (fasting !== null) {
    for (const stated of ranges(notes, FASTING_HOURS)) {
      if (!covers(stated, fasting)) {
        add(
          'preparationNotes',
          'FASTING_HOURS_DIFFER',
          `准备事项写的空腹时间（${show(stated)}小时）与设置的 ${fasting} 小时不一致：请改为一致`,
          `The notes state ${show(stated)} h of fasting but the fasting time is ${fasting} h: make them agree`,
        );
        break;
      }
    }
  }

  const dryToTheEnd = f.fastingWater === 'NONE' || f.noWaterHours !== null;
  if (NO_WATER.test(notes) && !dryToTheEnd) {
    add(
      'preparationNotes',
      'NO_WATER_TEXT',
      fasting === null
        ? '准备事项要求禁水/不要喝水，但未设置空腹：请设置空腹时间并选择“不可饮水”（或填写检查前几小时起禁水），或删去禁水要求'
        : '准备事项要求禁水/不要喝水，但空腹期间设为“可少量饮水”：请改为“不可饮水”，或填写检查前几小时起禁水',
      fasting === null
        ? 'The notes say not to drink but no fasting is set: set fasting hours with "nothing to drink" (or no-water hours), or take it out of the notes'
        : 'The notes say not to drink, but sips are allowed while fasting: choose "nothing to drink", or set the no-water hours',
    );
  }
  if (SIPS.test(notes) && f.fastingWater === 'NONE') {
    add(
      'preparationNotes',
      'SIPS_TEXT',
      '准备事项写着可少量饮水，但空腹期间设为“不可饮水”：请改正其中一处',
      'The notes allow sips of water, but the fasting rule says nothing to drink: correct one of them',
    );
  }
  if (f.noWaterHours !== null) {
    for (const stated of ranges(notes, [NO_WATER_HOURS])) {
      if (!covers(stated, f.noWaterHours)) {
        add(
          'preparationNotes',
          'NO_WATER_HOURS_DIFFER',
          `准备事项写的禁水时间（检查前${show(stated)}小时）与设置的 ${f.noWaterHours} 小时不一致：请改为一致`,
          `The notes say no water from ${show(stated)} h before, but the no-water time is ${f.noWaterHours} h: make them agree`,
        );
        break;
      }
    }
  }

  const dryHours = f.fastingWater === 'NONE' ? fasting : f.noWaterHours;
  if (f.waterMl !== null && f.waterMinutesBefore !== null && dryHours !== null) {
    if (f.waterMinutesBefore <= dryHours * 60) {
      add(
        'waterMinutesBefore',
        'DRINK_IN_NO_WATER',
        `检查前 ${f.waterMinutesBefore} 分钟饮水 ${f.waterMl} 毫升，但检查前 ${dryHours} 小时内不能喝水：请改正饮水时间或禁水要求`,
        `Drinking ${f.waterMl} ml ${f.waterMinutesBefore} min before falls in the ${dryHours} h without water: correct one of them`,
      );
    }
  }

  const firstResult = firstResultDuration(f.resultReadyText);
  if (firstResult && !covers(firstResult.minutes, f.resultReadyMinutes)) {
    add(
      'resultReadyText',
      'RESULT_TIME_DIFFERS',
      `出结果说明写的是${firstResult.text}，但出结果时间设为 ${minutesText(f.resultReadyMinutes, 'zh')}：请改为一致`,
      `The results text says ${firstResult.text} but the result time is ${minutesText(f.resultReadyMinutes, 'en')}: make them agree`,
    );
  }

  for (const [field, text] of [
    ['resultReadyText', f.resultReadyText],
    ['preparationNotes', notes],
    ['stopMedication', f.stopMedication ?? ''],
  ] as const) {
    for (const m of text.matchAll(APP_SECTION)) {
      const section = m[1]!.trim();
      if (!APP_SECTIONS.includes(section)) {
        add(
          field,
          'UNKNOWN_APP_SECTION',
          `小程序没有“${section}”栏目：请写明到哪里领取或打印（如分诊台、自助打印机）`,
          `The mini-program has no "${section}" section: say where to collect or print it (a desk, a self-service printer)`,
        );
      }
    }
  }

  const medication = f.stopMedication ?? '';
  const lead = LEAD_TIME_PATTERN.exec(medication);
  if (lead && !/前\s*约?\s*$/.test(medication.slice(Math.max(0, lead.index - 3), lead.index))) {
    add(
      'stopMedication',
      'MEDICATION_LEAD_NOT_BEFORE',
      `用药说明中第一个时间“${lead[0]}”不是“检查前…”：提醒按第一个时间安排停药，请先写停药时间，如“检查前48小时停用”`,
      `The first time in the medication text ("${lead[0]}") is not "before the exam": the reminder is set from it, so state the stop first, e.g. "检查前48小时停用"`,
    );
  }
  return issues;
}

type Range = [number, number];

function ranges(text: string, patterns: RegExp[]): Range[] {
  const found: Range[] = [];
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) {
      const low = Number(m[1]);
      found.push([low, m[2] ? Number(m[2]) : low]);
    }
  }
  return found;
}

const covers = ([low, high]: Range, value: number) => value >= low && value <= high;
const show = ([low, high]: Range) => (low === high ? `${low}` : `${low}–${high}`);

function firstResultDuration(text: string): { minutes: Range; text: string } | null {
  for (const m of text.matchAll(RESULT_DURATION)) {
    const unit = m[3]!;
    if (unit.endsWith('工作日')) continue;
    const per = unit === '分钟' ? 1 : unit === '小时' ? 60 : 24 * 60;
    const low = Number(m[1]);
    const high = m[2] ? Number(m[2]) : low;
    return { minutes: [low * per, high * per], text: `“${m[0]}”` };
  }
  return null;
}

/** 30 → "30 分钟", 120 → "2 小时", 90 → "1 小时 30 分钟" (and the English). */
export function minutesText(minutes: number, locale: 'zh' | 'en'): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (locale === 'en') return h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${m} min`;
  return h === 0 ? `${m} 分钟` : m === 0 ? `${h} 小时` : `${h} 小时 ${m} 分钟`;
}
