/**
 * Exam guidance as a timeline anchored on a booked slot (DOMAIN.md, "Exam and test guidance").
 *
 * The catalog stores preparation as structured fields so that the patient's timeline and the reminders are
 * computed here rather than typed by hand per booking. Everything is pure: the same exam, slot and zone always
 * give the same timeline, which lets the server build reminders from it and the mini-program render it.
 *
 * Rules, one step kind each (times are in the hospital's zone):
 * - STOP_MEDICATION, when `stopMedication` is set: the first "N 小时 / N h / N 天 / N 日" in the text gives
 *   the lead time ("检查前停用二甲双胍48小时" → 48 h before the slot). Hours are absolute durations; days are
 *   calendar days at the slot's wall-clock time, which is how a patient reads "检查前3天". Without a number
 *   the step sits 24 h before the slot as a "read your medication instructions" reminder, and its title
 *   does not claim a start time we made up.
 * - FAST, when `fastingHours` is set: slot start − fastingHours in absolute time (the stomach does not care
 *   about daylight saving), titled relative to the slot's day ("前一天 22:00 起禁食", "当天 06:00 起禁食").
 *   What it says about water comes from `fastingWater` only (NONE: nothing to drink; SIPS: small sips; unset:
 *   nothing is said): never guessed from the notes.
 * - NO_WATER, when sips are allowed and `noWaterHours` is set: slot start − noWaterHours ("当天 06:30 起禁水").
 * - BOWEL_PREP, for ENDOSCOPY exams whose notes mention 肠道准备 or 泻药: the day before at 18:00; detail is
 *   the notes, which carry the actual regimen.
 * - DRINK_WATER, when both `waterMl` and `waterMinutesBefore` are set: slot start − waterMinutesBefore;
 *   plus HOLD_URINE at the same instant when `fullBladder` (only then do we know when the bladder should
 *   start filling).
 * - BRING_FILMS, when `bringPriorFilms`: 20:00 on the previous calendar day, to pack them the evening before.
 * - ARRIVE: slot start − arriveEarlyMinutes, with building / floor / room and the route.
 * - EXAM: slot start, what to expect and how long it takes.
 * - AFTER_CARE: slot start + durationMinutes, when there is after-care text.
 * - RESULTS: slot start + durationMinutes + resultReadyMinutes ("by then"); the detail is the hospital's
 *   results sentence (where to collect them), or nothing: the timeline never names an app section itself.
 *
 * Every sentence is derived from a field; the hospital's free text is checked against the fields when it is
 * saved ({@link guidanceConflicts}, docs/decisions/017-guidance-from-fields.md).
 *
 * "The day before at HH:mm" is always a wall-clock time on the previous local date, resolved through the
 * zone, never "24 h earlier": across a DST change those differ by an hour.
 *
 * Steps are sorted by instant; ties keep the order of {@link GUIDANCE_STEP_KINDS}, which is the order a patient
 * acts in (e.g. drink, then hold; arrive, then the exam when nobody needs to come early).
 *
 * Titles and the sentences around the hospital's own text come in the reader's locale ({@link PHRASES}); the
 * hospital's text (notes, route, what to expect) stays as the hospital wrote it.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { ExamType } from './contracts/catalog';
import { instantSchema } from './contracts/common';
import type { Locale } from './errors';
import { type FastingWater, LEAD_TIME_PATTERN } from './guidance-check';
import { formatLocation } from './location';
import { addDays, isValidTimeZone, localDate, localTime, zonedInstant } from './time';

/** Kinds of timeline step, in the order used to break ties between steps at the same instant. */
export const GUIDANCE_STEP_KINDS = [
  'STOP_MEDICATION',
  'FAST',
  'BOWEL_PREP',
  'NO_WATER',
  'DRINK_WATER',
  'HOLD_URINE',
  'BRING_FILMS',
  'ARRIVE',
  'EXAM',
  'AFTER_CARE',
  'RESULTS',
] as const;
/** One of {@link GUIDANCE_STEP_KINDS}. */
export type GuidanceStepKind = (typeof GUIDANCE_STEP_KINDS)[number];

/** One step of a guidance timeline. */
export const guidanceStepSchema = z
  .object({
    kind: z.enum(GUIDANCE_STEP_KINDS),
    /** ISO-8601 instant in UTC. */
    at: instantSchema,
    /** The same instant as 'YYYY-MM-DD HH:mm' in the hospital's zone, so clients need no zone database. */
    localTime: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
    title: z.string(),
    detail: z.string(),
    /** Whether a reminder should be sent at `at`. */
    remind: z.boolean(),
  })
  .meta({ id: 'GuidanceStep' });
/** One step of a guidance timeline. */
export type GuidanceStep = z.infer<typeof guidanceStepSchema>;

/** The guidance timeline of one booked exam (API response contract). */
export const guidanceTimelineSchema = z
  .object({
    examCode: z.string(),
    examName: z.string(),
    /** The exam's English name where the hospital gave one (show through `localName`). */
    examNameEn: z.string().nullable(),
    /** IANA zone the local times are expressed in (the hospital's). */
    timeZone: z.string(),
    slotStart: instantSchema,
    slotEnd: instantSchema,
    location: z.object({ building: z.string(), floor: z.string(), room: z.string(), route: z.string() }),
    steps: z.array(guidanceStepSchema),
  })
  .meta({ id: 'GuidanceTimeline' });
/** The guidance timeline of one booked exam. */
export type GuidanceTimeline = z.infer<typeof guidanceTimelineSchema>;

/** The parts of an exam type the timeline is computed from. */
export type GuidanceExam = Pick<
  ExamType,
  | 'code'
  | 'name'
  | 'nameEn'
  | 'category'
  | 'durationMinutes'
  | 'location'
  | 'preparation'
  | 'whatToExpect'
  | 'afterCare'
  | 'resultReadyMinutes'
  | 'resultReadyText'
>;

/** A booked slot. */
export interface GuidanceSlot {
  startsAt: Date;
  endsAt: Date;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

// Default lead time when a medication instruction names no number.
const DEFAULT_STOP_MEDICATION_HOURS = 24;
// LEAD_TIME_PATTERN: the first "number + unit" in the medication text ("检查前48小时停用", "检查前3天停服").
const BOWEL_PREP_PATTERN = /肠道准备|泻药/;
const FILMS_REMINDER_TIME = '20:00';
const BOWEL_PREP_TIME = '18:00';

/** The sentences a timeline is written with, per locale. `when` is e.g. "前一天 22:00" / "22:00 the day before". */
interface GuidancePhrases {
  day(offset: number, date: DateTime): string;
  when(day: string, clock: string): string;
  duration(hours: number, minutes: number): string;
  stopMedicationFrom(when: string): string;
  stopMedicationNote: string;
  fastFrom(when: string): string;
  fastDetail(hours: number, water: FastingWater | null, noWaterHours: number | null): string;
  noWaterFrom(when: string): string;
  noWaterDetail(hours: number): string;
  bowelPrepFrom(when: string): string;
  drinkFrom(when: string, ml: number): string;
  drinkDetail(before: string, ml: number, thenHold: boolean): string;
  holdFrom(when: string): string;
  holdDetail: string;
  filmsBy(when: string): string;
  filmsDetail: string;
  arriveBy(clock: string): string;
  reportTo(place: string): string;
  comeEarly(duration: string): string;
  route(route: string): string;
  clauseSeparator: string;
  examAt(clock: string): string;
  examTakes(duration: string): string;
  sentenceSeparator: string;
  afterCare: string;
  resultsBy(when: string): string;
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const PHRASES: Record<Locale, GuidancePhrases> = {
  'zh-CN': {
    day: (offset, d) =>
      offset === 0
        ? '当天'
        : offset === -1
          ? '前一天'
          : offset === 1
            ? '次日'
            : // "前两天" reads as "a few days ago" in everyday Chinese, so an explicit date is clearer.
              `${d.month}月${d.day}日`,
    when: (day, clock) => `${day} ${clock}`,
    // "1 小时", "1 小时 30 分钟", "45 分钟": the style of "检查前 1 小时饮水 500 毫升".
    duration: (h, m) => (h === 0 ? `${m} 分钟` : m === 0 ? `${h} 小时` : `${h} 小时 ${m} 分钟`),
    stopMedicationFrom: (when) => `${when} 起停药`,
    stopMedicationNote: '检查前用药注意事项',
    fastFrom: (when) => `${when} 起禁食`,
    fastDetail: (hours, water, noWater) =>
      water === 'NONE'
        ? `检查前需空腹 ${hours} 小时，期间不要进食，也不要喝水`
        : water === 'SIPS'
          ? `检查前需空腹 ${hours} 小时，期间可少量饮用白开水${noWater ? `，检查前 ${noWater} 小时起不要再喝水` : ''}`
          : `检查前需空腹 ${hours} 小时`,
    noWaterFrom: (when) => `${when} 起禁水`,
    noWaterDetail: (hours) => `检查前 ${hours} 小时起不要再喝水，包括白开水`,
    bowelPrepFrom: (when) => `${when} 开始肠道准备`,
    drinkFrom: (when, ml) => `${when} 开始饮水 ${ml} 毫升`,
    drinkDetail: (before, ml, thenHold) =>
      `检查前 ${before}饮水 ${ml} 毫升${thenHold ? '，喝完后请憋尿' : ''}`,
    holdFrom: (when) => `${when} 起憋尿`,
    holdDetail: '饮水后请憋尿，膀胱充盈后再检查',
    filmsBy: (when) => `${when} 备好既往片子和报告`,
    filmsDetail: '请把以前的检查片子、报告整理好，检查时带来，便于医生对比',
    arriveBy: (clock) => `请于 ${clock} 前到达`,
    reportTo: (place) => `请到${place}报到`,
    comeEarly: (duration) => `需提前 ${duration}到达`,
    route: (route) => `路线：${route}`,
    clauseSeparator: '；',
    examAt: (clock) => `${clock} 开始检查`,
    examTakes: (duration) => `检查约需 ${duration}`,
    sentenceSeparator: '。',
    afterCare: '检查后注意事项',
    resultsBy: (when) => `预计${when} 前出结果`,
  },
  en: {
    day: (offset, d) =>
      offset === 0
        ? 'on the day'
        : offset === -1
          ? 'the day before'
          : offset === 1
            ? 'the next day'
            : `on ${d.day} ${EN_MONTHS[d.month - 1]}`,
    when: (day, clock) => `${clock} ${day}`,
    duration: (h, m) => (h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${m} min`),
    stopMedicationFrom: (when) => `Stop the medication from ${when}`,
    stopMedicationNote: 'Medication before the exam',
    fastFrom: (when) => `Nothing to eat from ${when}`,
    fastDetail: (hours, water, noWater) =>
      water === 'NONE'
        ? `Fast for ${hours} hours before the exam: nothing to eat or drink`
        : water === 'SIPS'
          ? `Fast for ${hours} hours before the exam; small sips of plain water are fine${noWater ? `, but nothing at all to drink from ${noWater} h before the exam` : ''}`
          : `Fast for ${hours} hours before the exam`,
    noWaterFrom: (when) => `Nothing to drink from ${when}`,
    noWaterDetail: (hours) => `From ${hours} h before the exam, drink nothing, not even water`,
    bowelPrepFrom: (when) => `Start the bowel preparation at ${when}`,
    drinkFrom: (when, ml) => `Drink ${ml} ml of water at ${when}`,
    drinkDetail: (before, ml, thenHold) =>
      `Drink ${ml} ml of water ${before} before the exam${thenHold ? ', then do not empty your bladder' : ''}`,
    holdFrom: (when) => `Keep a full bladder from ${when}`,
    holdDetail: 'After drinking, do not empty your bladder: the exam needs it full',
    filmsBy: (when) => `Pack earlier films and reports by ${when}`,
    filmsDetail: 'Bring your earlier scans and reports so that the doctor can compare them',
    arriveBy: (clock) => `Arrive by ${clock}`,
    reportTo: (place) => `Report to ${place}`,
    comeEarly: (duration) => `Come ${duration} early`,
    route: (route) => `Route: ${route}`,
    clauseSeparator: '; ',
    examAt: (clock) => `The exam starts at ${clock}`,
    examTakes: (duration) => `It takes about ${duration}`,
    sentenceSeparator: '. ',
    afterCare: 'After the exam',
    resultsBy: (when) => `Results expected by ${when}`,
  },
};

/**
 * Builds the guidance timeline of an exam booked at `slot`, with local times in `timeZone` (the hospital's),
 * written in `locale`.
 *
 * @throws RangeError for an unknown time zone or an invalid slot.
 */
export function buildGuidanceTimeline(
  exam: GuidanceExam,
  slot: GuidanceSlot,
  timeZone: string,
  locale: Locale = 'zh-CN',
): GuidanceTimeline {
  const say = PHRASES[locale];
  if (!isValidTimeZone(timeZone)) throw new RangeError(`unknown time zone ${timeZone}`);
  const start = slot.startsAt;
  if (Number.isNaN(start.getTime()) || Number.isNaN(slot.endsAt.getTime()) || slot.endsAt < start) {
    throw new RangeError('invalid slot');
  }

  const prep = exam.preparation;
  const slotDate = localDate(start, timeZone);
  const dayBefore = addDays(slotDate, -1);
  const minus = (ms: number) => new Date(start.getTime() - ms);
  // "当天 08:00", "前一天 22:00" … relative to the slot's local day.
  const when = (at: Date) =>
    say.when(
      say.day(dayOffset(localDate(at, timeZone), slotDate), dateOf(localDate(at, timeZone))),
      localTime(at, timeZone),
    );
  const duration = (minutes: number) => say.duration(Math.floor(minutes / 60), minutes % 60);

  const drafts: Array<Omit<GuidanceStep, 'localTime' | 'at'> & { at: Date }> = [];
  const add = (kind: GuidanceStepKind, at: Date, title: string, detail: string, remind: boolean) => {
    drafts.push({ kind, at, title, detail, remind });
  };

  const stopMedication = prep.stopMedication?.trim();
  if (stopMedication) {
    const lead = parseLeadTime(stopMedication);
    const at = !lead
      ? minus(DEFAULT_STOP_MEDICATION_HOURS * HOUR_MS)
      : lead.unit === 'hours'
        ? minus(lead.value * HOUR_MS)
        : // Calendar days at the slot's wall-clock time, so "检查前3天" stays at the same clock time across DST.
          zonedInstant(addDays(slotDate, -lead.value), localTime(start, timeZone), timeZone);
    add(
      'STOP_MEDICATION',
      at,
      lead ? say.stopMedicationFrom(when(at)) : say.stopMedicationNote,
      stopMedication,
      true,
    );
  }

  if (prep.fastingHours) {
    const at = minus(prep.fastingHours * HOUR_MS);
    const water = prep.fastingWater ?? null;
    const noWater = water === 'SIPS' ? (prep.noWaterHours ?? null) : null;
    add('FAST', at, say.fastFrom(when(at)), say.fastDetail(prep.fastingHours, water, noWater), true);
    if (noWater) {
      const dry = minus(noWater * HOUR_MS);
      add('NO_WATER', dry, say.noWaterFrom(when(dry)), say.noWaterDetail(noWater), true);
    }
  }

  const notes = prep.notes?.trim();
  if (notes && exam.category === 'ENDOSCOPY' && BOWEL_PREP_PATTERN.test(notes)) {
    const at = zonedInstant(dayBefore, BOWEL_PREP_TIME, timeZone);
    add('BOWEL_PREP', at, say.bowelPrepFrom(when(at)), notes, true);
  }

  if (prep.waterMl && prep.waterMinutesBefore) {
    const at = minus(prep.waterMinutesBefore * MINUTE_MS);
    add(
      'DRINK_WATER',
      at,
      say.drinkFrom(when(at), prep.waterMl),
      say.drinkDetail(duration(prep.waterMinutesBefore), prep.waterMl, !!prep.fullBladder),
      true,
    );
    if (prep.fullBladder) {
      // Same instant as DRINK_WATER, whose reminder already says to hold: one notification, not two.
      add('HOLD_URINE', at, say.holdFrom(when(at)), say.holdDetail, false);
    }
  }

  if (prep.bringPriorFilms) {
    const at = zonedInstant(dayBefore, FILMS_REMINDER_TIME, timeZone);
    add('BRING_FILMS', at, say.filmsBy(when(at)), say.filmsDetail, true);
  }

  const place = formatLocation(exam.location);
  const arriveAt = minus(prep.arriveEarlyMinutes * MINUTE_MS);
  // The slot's day is implied; name the day only when arriving early crosses midnight.
  const arriveClock =
    localDate(arriveAt, timeZone) === slotDate ? localTime(arriveAt, timeZone) : when(arriveAt);
  add(
    'ARRIVE',
    arriveAt,
    say.arriveBy(arriveClock),
    [
      place ? say.reportTo(place) : '',
      prep.arriveEarlyMinutes > 0 ? say.comeEarly(duration(prep.arriveEarlyMinutes)) : '',
      exam.location.route.trim() ? say.route(exam.location.route.trim()) : '',
    ]
      .filter(Boolean)
      .join(say.clauseSeparator),
    true,
  );

  add(
    'EXAM',
    start,
    say.examAt(localTime(start, timeZone)),
    [say.examTakes(duration(exam.durationMinutes)), exam.whatToExpect.trim()]
      .filter(Boolean)
      .join(say.sentenceSeparator),
    false,
  );

  const examEnd = new Date(start.getTime() + exam.durationMinutes * MINUTE_MS);
  if (exam.afterCare.trim()) {
    add('AFTER_CARE', examEnd, say.afterCare, exam.afterCare.trim(), false);
  }

  const resultsAt = new Date(examEnd.getTime() + exam.resultReadyMinutes * MINUTE_MS);
  add('RESULTS', resultsAt, say.resultsBy(when(resultsAt)), exam.resultReadyText.trim(), true);

  const rank = (kind: GuidanceStepKind) => GUIDANCE_STEP_KINDS.indexOf(kind);
  drafts.sort((a, b) => a.at.getTime() - b.at.getTime() || rank(a.kind) - rank(b.kind));

  return {
    examCode: exam.code,
    examName: exam.name,
    examNameEn: exam.nameEn,
    timeZone,
    slotStart: start.toISOString(),
    slotEnd: slot.endsAt.toISOString(),
    location: { ...exam.location },
    steps: drafts.map((d) => ({
      ...d,
      at: d.at.toISOString(),
      localTime: `${localDate(d.at, timeZone)} ${localTime(d.at, timeZone)}`,
    })),
  };
}

/** The first lead time named in a medication instruction, or null when it names none usable. */
function parseLeadTime(text: string): { value: number; unit: 'hours' | 'days' } | null {
  const match = LEAD_TIME_PATTERN.exec(text);
  if (!match) return null;
  const value = Number(match[1]);
  if (!Number.isSafeInteger(value) || value <= 0) return null;
  return { value, unit: match[2] === '天' || match[2] === '日' ? 'days' : 'hours' };
}

/** Whole days from the slot's local date to `date` (both 'YYYY-MM-DD'). */
function dayOffset(date: string, slotDate: string): number {
  return Math.round(dateOf(date).diff(dateOf(slotDate), 'days').days);
}

function dateOf(date: string): DateTime {
  return DateTime.fromISO(date, { zone: 'UTC' });
}
