import {
  buildGuidanceTimeline,
  GUIDANCE_STEP_KINDS,
  type GuidanceExam,
  type GuidanceStep,
  type GuidanceStepKind,
  type GuidanceTimeline,
  guidanceTimelineSchema,
} from '../../shared/src/guidance';

const SHANGHAI = 'Asia/Shanghai';
const BERLIN = 'Europe/Berlin';

type Overrides = Partial<Omit<GuidanceExam, 'preparation'>> & {
  preparation?: Partial<GuidanceExam['preparation']>;
};

/** A minimal exam with no preparation at all; each test switches on only what it checks. */
function exam(overrides: Overrides = {}): GuidanceExam {
  const { preparation, ...rest } = overrides;
  return {
    code: 'TEST',
    name: '测试检查',
    nameEn: null,
    category: 'IMAGING',
    durationMinutes: 15,
    location: { building: '医技楼', floor: '2层', room: '超声1室', route: '门诊大厅乘电梯至2楼' },
    whatToExpect: '',
    afterCare: '',
    resultReadyMinutes: 60,
    resultReadyText: '',
    ...rest,
    preparation: {
      fastingHours: null,
      fastingWater: null,
      noWaterHours: null,
      fullBladder: false,
      waterMl: null,
      waterMinutesBefore: null,
      stopMedication: null,
      bringPriorFilms: false,
      arriveEarlyMinutes: 15,
      notes: null,
      ...preparation,
    },
  };
}

const abdominalUltrasound = (fastingHours: number) =>
  exam({
    code: 'US-ABD',
    name: '腹部超声（肝胆胰脾）',
    whatToExpect: '平躺露出腹部，约10–15分钟。',
    afterCare: '擦净耦合剂即可。',
    resultReadyMinutes: 30,
    resultReadyText: '检查后30分钟内在分诊台领取报告。',
    preparation: {
      fastingHours,
      fastingWater: 'NONE',
      notes: `检查前${fastingHours}小时禁食，当日早晨不要喝水。`,
    },
  });

const pelvicUltrasound = exam({
  code: 'US-PELVIS',
  name: '经腹妇科超声',
  preparation: { fullBladder: true, waterMl: 500, waterMinutesBefore: 60 },
});

const contrastCt = exam({
  code: 'CT-ABD-ENH',
  name: '上腹部增强CT',
  durationMinutes: 20,
  location: { building: '医技楼', floor: '1层', room: 'CT2室', route: '门诊大厅向北经连廊进入医技楼' },
  whatToExpect: '注射对比剂时全身可能有发热感。',
  afterCare: '观察30分钟，多饮水。',
  resultReadyMinutes: 24 * 60,
  resultReadyText: '检查后24小时到医技楼1楼自助打印机领取。',
  preparation: {
    fastingHours: 4,
    fastingWater: 'SIPS',
    stopMedication: '检查前停用二甲双胍48小时',
    bringPriorFilms: true,
    arriveEarlyMinutes: 30,
  },
});

/** A slot of `minutes` starting at an ISO instant. */
function slot(startIso: string, minutes = 30) {
  const startsAt = new Date(startIso);
  return { startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000) };
}

function step(timeline: GuidanceTimeline, kind: GuidanceStepKind): GuidanceStep {
  const found = timeline.steps.find((s) => s.kind === kind);
  if (!found) throw new Error(`no ${kind} step in ${timeline.steps.map((s) => s.kind).join(', ')}`);
  return found;
}

const kinds = (timeline: GuidanceTimeline) => timeline.steps.map((s) => s.kind);

describe('buildGuidanceTimeline: fasting', () => {
  it('puts an 8 h fast before an 08:30 slot on the same day', () => {
    // 2026-11-24 08:30 in Shanghai (UTC+8, no DST).
    const t = buildGuidanceTimeline(abdominalUltrasound(8), slot('2026-11-24T00:30:00Z'), SHANGHAI);
    const fast = step(t, 'FAST');
    expect(fast.at).toBe('2026-11-23T16:30:00.000Z');
    expect(fast.localTime).toBe('2026-11-24 00:30');
    expect(fast.title).toBe('当天 00:30 起禁食');
    expect(fast.detail).toBe('检查前需空腹 8 小时，期间不要进食，也不要喝水');
    expect(fast.remind).toBe(true);
  });

  it('puts a 10 h fast before an 08:00 slot on the previous evening', () => {
    // 2026-11-24 08:00 CST = 00:00Z; 10 h earlier is 14:00Z = 22:00 CST the day before.
    const t = buildGuidanceTimeline(abdominalUltrasound(10), slot('2026-11-24T00:00:00Z'), SHANGHAI);
    const fast = step(t, 'FAST');
    expect(fast.at).toBe('2026-11-23T14:00:00.000Z');
    expect(fast.localTime).toBe('2026-11-23 22:00');
    expect(fast.title).toBe('前一天 22:00 起禁食');
  });

  it('allows sips only when the field says so, and stops them at noWaterHours', () => {
    const gastroscopy = exam({
      category: 'ENDOSCOPY',
      preparation: {
        fastingHours: 8,
        fastingWater: 'SIPS',
        noWaterHours: 2,
        notes: '检查前8小时禁食，前2小时禁水。',
      },
    });
    // 09:00 CST slot.
    const t = buildGuidanceTimeline(gastroscopy, slot('2026-11-24T01:00:00Z'), SHANGHAI);
    expect(step(t, 'FAST').detail).toBe(
      '检查前需空腹 8 小时，期间可少量饮用白开水，检查前 2 小时起不要再喝水',
    );
    expect(step(t, 'NO_WATER')).toMatchObject({
      at: '2026-11-23T23:00:00.000Z',
      title: '当天 07:00 起禁水',
      detail: '检查前 2 小时起不要再喝水，包括白开水',
      remind: true,
    });
    expect(kinds(t).slice(0, 2)).toEqual(['FAST', 'NO_WATER']);
  });

  it('says nothing about water when the field is unset, whatever the notes say', () => {
    for (const notes of ['检查前8小时禁食，可少量饮水。', '检查前8小时禁食禁水。', null]) {
      const t = buildGuidanceTimeline(
        exam({ preparation: { fastingHours: 8, notes } }),
        slot('2026-11-24T01:00:00Z'),
        SHANGHAI,
      );
      expect(step(t, 'FAST').detail).toBe('检查前需空腹 8 小时');
      expect(kinds(t)).not.toContain('NO_WATER');
    }
  });

  it('has no FAST step when no fasting is required', () => {
    const t = buildGuidanceTimeline(exam(), slot('2026-11-24T01:00:00Z'), SHANGHAI);
    expect(kinds(t)).not.toContain('FAST');
  });
});

describe('buildGuidanceTimeline: water and full bladder', () => {
  it('asks to drink and then hold urine 60 min before a pelvic ultrasound', () => {
    // 09:00 Shanghai.
    const t = buildGuidanceTimeline(pelvicUltrasound, slot('2026-11-24T01:00:00Z'), SHANGHAI);
    const drink = step(t, 'DRINK_WATER');
    const hold = step(t, 'HOLD_URINE');
    expect(drink.at).toBe('2026-11-24T00:00:00.000Z');
    expect(hold.at).toBe(drink.at);
    expect(drink.localTime).toBe('2026-11-24 08:00');
    expect(drink.detail).toContain('检查前 1 小时饮水 500 毫升');
    expect(hold.detail).toBe('饮水后请憋尿，膀胱充盈后再检查');
    // One reminder for the pair: the drink reminder already says to hold.
    expect(drink.remind).toBe(true);
    expect(hold.remind).toBe(false);
    expect(kinds(t).indexOf('DRINK_WATER')).toBe(kinds(t).indexOf('HOLD_URINE') - 1);
  });

  it('drinks without holding when the bladder need not be full', () => {
    const t = buildGuidanceTimeline(
      exam({ preparation: { waterMl: 800, waterMinutesBefore: 90 } }),
      slot('2026-11-24T01:00:00Z'),
      SHANGHAI,
    );
    expect(step(t, 'DRINK_WATER').detail).toBe('检查前 1 小时 30 分钟饮水 800 毫升');
    expect(step(t, 'DRINK_WATER').at).toBe('2026-11-23T23:30:00.000Z');
    expect(kinds(t)).not.toContain('HOLD_URINE');
  });
});

describe('buildGuidanceTimeline: contrast CT', () => {
  // 2026-11-24 08:00 Shanghai.
  const t = buildGuidanceTimeline(contrastCt, slot('2026-11-24T00:00:00Z'), SHANGHAI);

  it('stops medication the number of hours the instruction names', () => {
    const stop = step(t, 'STOP_MEDICATION');
    expect(stop.at).toBe('2026-11-22T00:00:00.000Z');
    expect(stop.localTime).toBe('2026-11-22 08:00');
    expect(stop.title).toBe('11月22日 08:00 起停药');
    expect(stop.detail).toBe('检查前停用二甲双胍48小时');
    expect(stop.remind).toBe(true);
  });

  it('reminds to pack prior films at 20:00 the evening before', () => {
    const films = step(t, 'BRING_FILMS');
    expect(films.at).toBe('2026-11-23T12:00:00.000Z');
    expect(films.localTime).toBe('2026-11-23 20:00');
    expect(films.title).toContain('前一天 20:00');
    expect(films.remind).toBe(true);
  });

  it('asks to arrive early at the exam location', () => {
    const arrive = step(t, 'ARRIVE');
    expect(arrive.at).toBe('2026-11-23T23:30:00.000Z');
    expect(arrive.title).toBe('请于 07:30 前到达');
    expect(arrive.detail).toContain('医技楼 1层 CT2室');
    expect(arrive.detail).toContain('门诊大厅向北经连廊进入医技楼');
    expect(arrive.remind).toBe(true);
  });

  it('describes the exam and after-care without reminders', () => {
    const examStep = step(t, 'EXAM');
    expect(examStep.at).toBe('2026-11-24T00:00:00.000Z');
    expect(examStep.detail).toContain('20 分钟');
    expect(examStep.detail).toContain('注射对比剂时全身可能有发热感');
    expect(examStep.remind).toBe(false);
    const after = step(t, 'AFTER_CARE');
    expect(after.at).toBe('2026-11-24T00:20:00.000Z');
    expect(after.detail).toBe('观察30分钟，多饮水。');
    expect(after.remind).toBe(false);
  });

  it('announces results duration + resultReadyMinutes after the slot start', () => {
    const results = step(t, 'RESULTS');
    expect(results.at).toBe('2026-11-25T00:20:00.000Z');
    expect(results.title).toBe('预计次日 08:20 前出结果');
    expect(results.detail).toBe('检查后24小时到医技楼1楼自助打印机领取。');
    expect(results.remind).toBe(true);
  });

  it('lists the steps in time order', () => {
    expect(kinds(t)).toEqual([
      'STOP_MEDICATION',
      'BRING_FILMS',
      'FAST',
      'ARRIVE',
      'EXAM',
      'AFTER_CARE',
      'RESULTS',
    ]);
    const instants = t.steps.map((s) => Date.parse(s.at));
    expect(instants).toEqual([...instants].sort((a, b) => a - b));
  });

  it('satisfies the response contract', () => {
    expect(guidanceTimelineSchema.parse(t)).toEqual(t);
    expect(t).toMatchObject({
      examCode: 'CT-ABD-ENH',
      examName: '上腹部增强CT',
      timeZone: SHANGHAI,
      slotStart: '2026-11-24T00:00:00.000Z',
      slotEnd: '2026-11-24T00:30:00.000Z',
      location: { building: '医技楼', floor: '1层', room: 'CT2室' },
    });
  });
});

describe('buildGuidanceTimeline: results and ordering', () => {
  it('gives the result time as precisely as the hospital states it (30 min)', () => {
    // 08:30 + 15 min + 30 min = 09:15, as "检查后30分钟内" says.
    const t = buildGuidanceTimeline(abdominalUltrasound(8), slot('2026-11-24T00:30:00Z'), SHANGHAI);
    const results = step(t, 'RESULTS');
    expect(results.at).toBe('2026-11-24T01:15:00.000Z');
    expect(results.title).toBe('预计当天 09:15 前出结果');
    expect(results.detail).toBe('检查后30分钟内在分诊台领取报告。');
  });

  it('names no app section when the hospital wrote no results text', () => {
    const t = buildGuidanceTimeline(exam(), slot('2026-11-24T01:00:00Z'), SHANGHAI);
    expect(step(t, 'RESULTS').detail).toBe('');
    for (const locale of ['zh-CN', 'en'] as const) {
      const text = JSON.stringify(
        buildGuidanceTimeline(exam(), slot('2026-11-24T01:00:00Z'), SHANGHAI, locale),
      );
      expect(text).not.toMatch(/报告查询|Reports/);
    }
  });

  it('names the date when results are days away', () => {
    const t = buildGuidanceTimeline(
      exam({ durationMinutes: 10, resultReadyMinutes: 120 * 60 }),
      slot('2026-11-24T01:00:00Z'),
      SHANGHAI,
    );
    expect(step(t, 'RESULTS').at).toBe('2026-11-29T01:10:00.000Z');
    expect(step(t, 'RESULTS').title).toBe('预计11月29日 09:10 前出结果');
  });

  it('breaks ties in the order of GUIDANCE_STEP_KINDS', () => {
    // No early arrival puts ARRIVE on EXAM; instant results put RESULTS on AFTER_CARE; the water steps tie.
    const t = buildGuidanceTimeline(
      exam({
        afterCare: '可正常活动。',
        resultReadyMinutes: 0,
        preparation: { arriveEarlyMinutes: 0, fullBladder: true, waterMl: 500, waterMinutesBefore: 60 },
      }),
      slot('2026-11-24T01:00:00Z'),
      SHANGHAI,
    );
    expect(kinds(t)).toEqual(['DRINK_WATER', 'HOLD_URINE', 'ARRIVE', 'EXAM', 'AFTER_CARE', 'RESULTS']);
    const rank = kinds(t).map((k) => GUIDANCE_STEP_KINDS.indexOf(k));
    expect(rank).toEqual([...rank].sort((a, b) => a - b));
  });

  it('leaves out after-care when there is none', () => {
    const t = buildGuidanceTimeline(exam(), slot('2026-11-24T01:00:00Z'), SHANGHAI);
    expect(kinds(t)).toEqual(['ARRIVE', 'EXAM', 'RESULTS']);
  });
});

describe('buildGuidanceTimeline: medication lead times', () => {
  it('counts days as calendar days at the slot time, across a DST change', () => {
    // Monday 2026-03-30 09:00 CEST = 07:00Z; three days earlier is Friday 09:00 CET = 08:00Z, not 07:00Z.
    const t = buildGuidanceTimeline(
      exam({ preparation: { stopMedication: '检查前3天停用阴道栓剂。' } }),
      slot('2026-03-30T07:00:00Z'),
      BERLIN,
    );
    const stop = step(t, 'STOP_MEDICATION');
    expect(stop.at).toBe('2026-03-27T08:00:00.000Z');
    expect(stop.localTime).toBe('2026-03-27 09:00');
    expect(stop.title).toBe('3月27日 09:00 起停药');
  });

  it('reminds 24 h ahead without inventing a start time when the text names none', () => {
    const text = '采血当日早晨暂停口服降糖药，降压药照常服用。';
    const t = buildGuidanceTimeline(
      exam({ preparation: { stopMedication: text } }),
      slot('2026-11-24T00:00:00Z'),
      SHANGHAI,
    );
    const stop = step(t, 'STOP_MEDICATION');
    expect(stop.at).toBe('2026-11-23T00:00:00.000Z');
    expect(stop.title).toBe('检查前用药注意事项');
    expect(stop.detail).toBe(text);
  });

  it('ignores a blank instruction', () => {
    const t = buildGuidanceTimeline(
      exam({ preparation: { stopMedication: '   ' } }),
      slot('2026-11-24T00:00:00Z'),
      SHANGHAI,
    );
    expect(kinds(t)).not.toContain('STOP_MEDICATION');
  });
});

describe('buildGuidanceTimeline: bowel preparation', () => {
  const notes = '肠道准备：检查前1天晚8点服用复方聚乙二醇电解质散。';

  it('starts at 18:00 the day before for an endoscopy whose notes call for it', () => {
    const colonoscopy = exam({ category: 'ENDOSCOPY', preparation: { fastingHours: 8, notes } });
    const t = buildGuidanceTimeline(colonoscopy, slot('2026-11-24T01:00:00Z'), SHANGHAI);
    const prep = step(t, 'BOWEL_PREP');
    expect(prep.at).toBe('2026-11-23T10:00:00.000Z');
    expect(prep.localTime).toBe('2026-11-23 18:00');
    expect(prep.title).toBe('前一天 18:00 开始肠道准备');
    expect(prep.detail).toBe(notes);
    expect(prep.remind).toBe(true);
  });

  it('is only for endoscopy', () => {
    const t = buildGuidanceTimeline(exam({ preparation: { notes } }), slot('2026-11-24T01:00:00Z'), SHANGHAI);
    expect(kinds(t)).not.toContain('BOWEL_PREP');
  });
});

describe('buildGuidanceTimeline: daylight saving (Europe/Berlin)', () => {
  const films = exam({ preparation: { bringPriorFilms: true } });

  it('packs films at 20:00 local on the Sunday of the spring change for a Monday slot', () => {
    // Monday 2026-03-30 09:00 CEST = 07:00Z; Sunday 20:00 is already CEST.
    const t = buildGuidanceTimeline(films, slot('2026-03-30T07:00:00Z'), BERLIN);
    const step_ = step(t, 'BRING_FILMS');
    expect(step_.at).toBe('2026-03-29T18:00:00.000Z');
    expect(step_.localTime).toBe('2026-03-29 20:00');
  });

  it('uses the previous local date, not 24 h earlier, when the slot is on the change day', () => {
    // Sunday 2026-03-29 10:00 CEST; Saturday 20:00 is still CET (UTC+1) = 19:00Z.
    const t = buildGuidanceTimeline(films, slot('2026-03-29T08:00:00Z'), BERLIN);
    expect(step(t, 'BRING_FILMS').at).toBe('2026-03-28T19:00:00.000Z');
    expect(step(t, 'BRING_FILMS').localTime).toBe('2026-03-28 20:00');
  });

  it('fasts exactly 12 h across the spring-forward gap', () => {
    // 2026-03-29 10:00 CEST = 08:00Z; 12 h earlier is 20:00Z = 21:00 CET on Saturday (13 wall-clock hours).
    const t = buildGuidanceTimeline(
      exam({ preparation: { fastingHours: 12 } }),
      slot('2026-03-29T08:00:00Z'),
      BERLIN,
    );
    const fast = step(t, 'FAST');
    expect(Date.parse(t.slotStart) - Date.parse(fast.at)).toBe(12 * 3_600_000);
    expect(fast.at).toBe('2026-03-28T20:00:00.000Z');
    expect(fast.localTime).toBe('2026-03-28 21:00');
    expect(fast.title).toBe('前一天 21:00 起禁食');
  });

  it('handles the autumn change the same way', () => {
    // Sunday 2026-10-25 10:00 CET = 09:00Z. Saturday 20:00 is CEST = 18:00Z; 12 h before is 23:00 CEST.
    const t = buildGuidanceTimeline(
      exam({ preparation: { bringPriorFilms: true, fastingHours: 12 } }),
      slot('2026-10-25T09:00:00Z'),
      BERLIN,
    );
    expect(step(t, 'BRING_FILMS').at).toBe('2026-10-24T18:00:00.000Z');
    expect(step(t, 'FAST').at).toBe('2026-10-24T21:00:00.000Z');
    expect(step(t, 'FAST').localTime).toBe('2026-10-24 23:00');
  });
});

describe('buildGuidanceTimeline: input checks', () => {
  it('rejects an unknown time zone', () => {
    expect(() => buildGuidanceTimeline(exam(), slot('2026-11-24T01:00:00Z'), 'Mars/Olympus')).toThrow(
      RangeError,
    );
  });

  it('rejects a slot that ends before it starts', () => {
    const bad = { startsAt: new Date('2026-11-24T01:00:00Z'), endsAt: new Date('2026-11-24T00:00:00Z') };
    expect(() => buildGuidanceTimeline(exam(), bad, SHANGHAI)).toThrow(RangeError);
  });
});

describe('buildGuidanceTimeline: English', () => {
  it('writes the same timeline in English, keeping the hospital’s own text as written', () => {
    const zh = buildGuidanceTimeline(abdominalUltrasound(10), slot('2026-11-24T00:00:00Z'), SHANGHAI);
    const en = buildGuidanceTimeline(abdominalUltrasound(10), slot('2026-11-24T00:00:00Z'), SHANGHAI, 'en');
    // Same steps at the same instants: only the words change.
    expect(en.steps.map((s) => [s.kind, s.at, s.remind])).toEqual(
      zh.steps.map((s) => [s.kind, s.at, s.remind]),
    );
    expect(step(en, 'FAST')).toMatchObject({
      title: 'Nothing to eat from 22:00 the day before',
      detail: 'Fast for 10 hours before the exam: nothing to eat or drink',
    });
    expect(step(en, 'ARRIVE')).toMatchObject({
      title: 'Arrive by 07:45',
      detail: 'Report to 医技楼 2层 超声1室; Come 15 min early; Route: 门诊大厅乘电梯至2楼',
    });
    expect(step(en, 'EXAM')).toMatchObject({
      title: 'The exam starts at 08:00',
      detail: 'It takes about 15 min. 平躺露出腹部，约10–15分钟。',
    });
    expect(step(en, 'AFTER_CARE').title).toBe('After the exam');
    // 08:00 + 15 min + 30 min.
    expect(step(en, 'RESULTS').title).toBe('Results expected by 08:45 on the day');
  });

  it('names far days by date and a full bladder after drinking', () => {
    const metformin = exam({ preparation: { stopMedication: '检查前3天停用二甲双胍' } });
    const stop = step(
      buildGuidanceTimeline(metformin, slot('2026-11-24T01:00:00Z'), SHANGHAI, 'en'),
      'STOP_MEDICATION',
    );
    expect(stop.title).toBe('Stop the medication from 09:00 on 21 Nov');
    const t = buildGuidanceTimeline(pelvicUltrasound, slot('2026-11-24T01:00:00Z'), SHANGHAI, 'en');
    expect(step(t, 'DRINK_WATER')).toMatchObject({
      title: 'Drink 500 ml of water at 08:00 on the day',
      detail: 'Drink 500 ml of water 1 h before the exam, then do not empty your bladder',
    });
    expect(step(t, 'HOLD_URINE').title).toBe('Keep a full bladder from 08:00 on the day');
  });
});
