// The save-time check of exam guidance text against its fields (shared/src/guidance-check.ts, decision 017).
import {
  type GuidanceFields,
  type GuidanceRule,
  guidanceConflicts,
  guidanceShapeIssues,
  minutesText,
} from '../../shared/src/guidance-check';

function fields(overrides: Partial<GuidanceFields> = {}): GuidanceFields {
  return {
    fastingHours: null,
    fastingWater: null,
    noWaterHours: null,
    fullBladder: false,
    waterMl: null,
    waterMinutesBefore: null,
    stopMedication: null,
    preparationNotes: null,
    resultReadyMinutes: 60,
    resultReadyText: '',
    ...overrides,
  };
}

const rules = (f: GuidanceFields) => guidanceConflicts(f).map((c) => c.rule);

describe('guidanceConflicts', () => {
  it.each<[string, Partial<GuidanceFields>, GuidanceRule[]]>([
    // water while fasting
    [
      '禁水 with sips allowed',
      { fastingHours: 8, fastingWater: 'SIPS', preparationNotes: '当日早晨不要喝水' },
      ['NO_WATER_TEXT'],
    ],
    [
      '禁水 with nothing to drink',
      { fastingHours: 8, fastingWater: 'NONE', preparationNotes: '当日早晨不要喝水' },
      [],
    ],
    [
      '前2小时禁水 with no-water hours 2',
      {
        fastingHours: 8,
        fastingWater: 'SIPS',
        noWaterHours: 2,
        preparationNotes: '检查前8小时禁食，前2小时禁水',
      },
      [],
    ],
    [
      '前2小时禁水 with no-water hours 3',
      {
        fastingHours: 8,
        fastingWater: 'SIPS',
        noWaterHours: 3,
        preparationNotes: '检查前8小时禁食，前2小时禁水',
      },
      ['NO_WATER_HOURS_DIFFER'],
    ],
    ['禁水 without any fasting', { preparationNotes: '检查前禁水' }, ['NO_WATER_TEXT']],
    [
      '可少量饮水 with nothing to drink',
      { fastingHours: 4, fastingWater: 'NONE', preparationNotes: '检查前4小时禁食，可少量饮水' },
      ['SIPS_TEXT'],
    ],
    [
      '可少量饮水 with sips',
      { fastingHours: 4, fastingWater: 'SIPS', preparationNotes: '检查前4小时禁食，可少量饮水' },
      [],
    ],
    // fasting
    ['禁食 with no fasting hours', { preparationNotes: '检查前8小时禁食' }, ['FASTING_WITHOUT_HOURS']],
    ['需空腹 with no fasting hours', { preparationNotes: '检查需空腹' }, ['FASTING_WITHOUT_HOURS']],
    ['无需空腹 with no fasting hours', { preparationNotes: '无需空腹，可正常饮食' }, []],
    [
      '无需空腹 with fasting hours',
      { fastingHours: 6, fastingWater: 'SIPS', preparationNotes: '无需空腹' },
      ['NO_FASTING_TEXT'],
    ],
    [
      '8小时禁食 with 6 h',
      { fastingHours: 6, fastingWater: 'SIPS', preparationNotes: '检查前8小时禁食' },
      ['FASTING_HOURS_DIFFER'],
    ],
    [
      '空腹8–12小时 with 10 h',
      { fastingHours: 10, fastingWater: 'SIPS', preparationNotes: '空腹8–12小时为宜' },
      [],
    ],
    [
      '空腹8–12小时 with 14 h',
      { fastingHours: 14, fastingWater: 'SIPS', preparationNotes: '空腹8–12小时为宜' },
      ['FASTING_HOURS_DIFFER'],
    ],
    // drinking for a full bladder
    [
      'a drink inside a dry fast',
      { fastingHours: 6, fastingWater: 'NONE', waterMl: 500, waterMinutesBefore: 60 },
      ['DRINK_IN_NO_WATER'],
    ],
    [
      'a drink before the no-water hours',
      { fastingHours: 6, fastingWater: 'SIPS', noWaterHours: 1, waterMl: 500, waterMinutesBefore: 90 },
      [],
    ],
    // results
    ['30分钟 with 60 min', { resultReadyText: '检查后30分钟内领取报告' }, ['RESULT_TIME_DIFFERS']],
    ['30分钟 with 30 min', { resultReadyMinutes: 30, resultReadyText: '检查后30分钟内领取报告' }, []],
    ['约2小时 with 2 h', { resultReadyMinutes: 120, resultReadyText: '约2小时后打印报告' }, []],
    ['1天 with 24 h', { resultReadyMinutes: 1440, resultReadyText: '1天后领取' }, []],
    ['working days are not compared', { resultReadyMinutes: 7200, resultReadyText: '约5个工作日后领取' }, []],
    [
      'only the first time counts',
      { resultReadyMinutes: 30, resultReadyText: '30分钟内领取；病理报告约5个工作日' },
      [],
    ],
    ['报告查询 does not exist', { resultReadyText: '可在小程序“报告查询”查看' }, ['UNKNOWN_APP_SECTION']],
    ['我的账单 exists', { resultReadyText: '费用可在小程序“我的账单”查看' }, []],
    // medication
    ['检查前48小时停用', { stopMedication: '检查前48小时停用二甲双胍，检查后48小时复查' }, []],
    [
      '检查后48小时 first',
      { stopMedication: '检查后48小时复查肾功能后恢复' },
      ['MEDICATION_LEAD_NOT_BEFORE'],
    ],
    ['no time at all', { stopMedication: '降压药照常服用' }, []],
  ])('%s', (_name, overrides, expected) => {
    expect(rules(fields(overrides))).toEqual(expected);
  });

  it('says what to change, in both languages, naming the field', () => {
    const [conflict] = guidanceConflicts(
      fields({ fastingHours: 8, fastingWater: 'SIPS', preparationNotes: '当日早晨不要喝水' }),
    );
    expect(conflict).toEqual({
      field: 'preparationNotes',
      rule: 'NO_WATER_TEXT',
      zh: expect.stringContaining('请改为“不可饮水”'),
      en: expect.stringContaining('choose "nothing to drink"'),
    });
    const [time] = guidanceConflicts(fields({ resultReadyMinutes: 120, resultReadyText: '30分钟内取报告' }));
    expect(time!.zh).toBe('出结果说明写的是“30分钟”，但出结果时间设为 2 小时：请改为一致');
  });
});

describe('guidanceShapeIssues', () => {
  it.each<[string, Partial<GuidanceFields>, string[]]>([
    ['fasting without the water rule', { fastingHours: 8 }, ['fastingWater']],
    ['a water rule without fasting', { fastingWater: 'NONE' }, ['fastingWater']],
    [
      'no-water hours with nothing to drink',
      { fastingHours: 8, fastingWater: 'NONE', noWaterHours: 2 },
      ['noWaterHours'],
    ],
    [
      'no-water hours as long as the fast',
      { fastingHours: 8, fastingWater: 'SIPS', noWaterHours: 8 },
      ['noWaterHours'],
    ],
    ['sips with shorter no-water hours', { fastingHours: 8, fastingWater: 'SIPS', noWaterHours: 2 }, []],
    ['nothing at all', {}, []],
  ])('%s', (_name, overrides, expected) => {
    expect(guidanceShapeIssues(fields(overrides)).map((i) => i.field)).toEqual(expected);
  });
});

it('writes minutes as a person would', () => {
  expect([30, 60, 90, 1440].map((m) => minutesText(m, 'zh'))).toEqual([
    '30 分钟',
    '1 小时',
    '1 小时 30 分钟',
    '24 小时',
  ]);
  expect(minutesText(90, 'en')).toBe('1 h 30 min');
});
