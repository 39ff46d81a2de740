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
 * - BOWEL_PREP, for ENDOSCOPY exams whose notes mention 肠道准备 or 泻药: the day before at 18:00; detail is
 *   the notes, which carry the actual regimen.
 * - DRINK_WATER, when both `waterMl` and `waterMinutesBefore` are set: slot start − waterMinutesBefore;
 *   plus HOLD_URINE at the same instant when `fullBladder` (only then do we know when the bladder should
 *   start filling).
 * - BRING_FILMS, when `bringPriorFilms`: 20:00 on the previous calendar day, to pack them the evening before.
 * - ARRIVE: slot start − arriveEarlyMinutes, with building / floor / room and the route.
 * - EXAM: slot start, what to expect and how long it takes.
 * - AFTER_CARE: slot start + durationMinutes, when there is after-care text.
 * - RESULTS: slot start + durationMinutes + resultReadyHours (absolute hours, as the lab counts them).
 *
 * "The day before at HH:mm" is always a wall-clock time on the previous local date, resolved through the
 * zone, never "24 h earlier": across a DST change those differ by an hour.
 *
 * Steps are sorted by instant; ties keep the order of {@link GUIDANCE_STEP_KINDS}, which is the order a patient
 * acts in (e.g. drink, then hold; arrive, then the exam when nobody needs to come early).
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { ExamType } from './contracts/catalog';
import { instantSchema } from './contracts/common';
import { addDays, isValidTimeZone, localDate, localTime, zonedInstant } from './time';

/** Kinds of timeline step, in the order used to break ties between steps at the same instant. */
export const GUIDANCE_STEP_KINDS = [
  'STOP_MEDICATION',
  'FAST',
  'BOWEL_PREP',
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
  | 'category'
  | 'durationMinutes'
  | 'location'
  | 'preparation'
  | 'whatToExpect'
  | 'afterCare'
  | 'resultReadyHours'
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
// First "number + unit" in free text; the demo data writes e.g. "检查前48小时停用" or "检查前3天停服".
const LEAD_TIME_PATTERN = /(\d+)\s*(小时|h|天|日)/i;
const BOWEL_PREP_PATTERN = /肠道准备|泻药/;
const FILMS_REMINDER_TIME = '20:00';
const BOWEL_PREP_TIME = '18:00';

/**
 * Builds the guidance timeline of an exam booked at `slot`, with local times in `timeZone` (the hospital's).
 *
 * @throws RangeError for an unknown time zone or an invalid slot.
 */
export function buildGuidanceTimeline(
  exam: GuidanceExam,
  slot: GuidanceSlot,
  timeZone: string,
): GuidanceTimeline {
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
  const when = (at: Date) => `${dayLabel(localDate(at, timeZone), slotDate)} ${localTime(at, timeZone)}`;

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
    add('STOP_MEDICATION', at, lead ? `${when(at)} 起停药` : '检查前用药注意事项', stopMedication, true);
  }

  if (prep.fastingHours) {
    const at = minus(prep.fastingHours * HOUR_MS);
    // Notes are free text; we only look for 禁水 so we never tell an endoscopy patient they may drink.
    const water = prep.notes?.includes('禁水') ? '饮水要求请以检查须知为准' : '可少量饮水';
    add('FAST', at, `${when(at)} 起禁食`, `检查前需空腹 ${prep.fastingHours} 小时，${water}`, true);
  }

  const notes = prep.notes?.trim();
  if (notes && exam.category === 'ENDOSCOPY' && BOWEL_PREP_PATTERN.test(notes)) {
    const at = zonedInstant(dayBefore, BOWEL_PREP_TIME, timeZone);
    add('BOWEL_PREP', at, `${when(at)} 开始肠道准备`, notes, true);
  }

  if (prep.waterMl && prep.waterMinutesBefore) {
    const at = minus(prep.waterMinutesBefore * MINUTE_MS);
    const hold = prep.fullBladder ? '，喝完后请憋尿' : '';
    add(
      'DRINK_WATER',
      at,
      `${when(at)} 开始饮水 ${prep.waterMl} 毫升`,
      `检查前 ${formatDuration(prep.waterMinutesBefore)}饮水 ${prep.waterMl} 毫升${hold}`,
      true,
    );
    if (prep.fullBladder) {
      // Same instant as DRINK_WATER, whose reminder already says to hold: one notification, not two.
      add('HOLD_URINE', at, `${when(at)} 起憋尿`, '饮水后请憋尿，膀胱充盈后再检查', false);
    }
  }

  if (prep.bringPriorFilms) {
    const at = zonedInstant(dayBefore, FILMS_REMINDER_TIME, timeZone);
    add(
      'BRING_FILMS',
      at,
      `${when(at)} 备好既往片子和报告`,
      '请把以前的检查片子、报告整理好，检查时带来，便于医生对比',
      true,
    );
  }

  const place = placeText(exam.location);
  const arriveAt = minus(prep.arriveEarlyMinutes * MINUTE_MS);
  // The slot's day is implied; name the day only when arriving early crosses midnight.
  const arriveClock =
    localDate(arriveAt, timeZone) === slotDate ? localTime(arriveAt, timeZone) : when(arriveAt);
  add(
    'ARRIVE',
    arriveAt,
    `请于 ${arriveClock} 前到达`,
    [
      place ? `请到${place}报到` : '',
      prep.arriveEarlyMinutes > 0 ? `需提前 ${formatDuration(prep.arriveEarlyMinutes)}到达` : '',
      exam.location.route.trim() ? `路线：${exam.location.route.trim()}` : '',
    ]
      .filter(Boolean)
      .join('；'),
    true,
  );

  add(
    'EXAM',
    start,
    `${localTime(start, timeZone)} 开始检查`,
    [`检查约需 ${formatDuration(exam.durationMinutes)}`, exam.whatToExpect.trim()].filter(Boolean).join('。'),
    false,
  );

  const examEnd = new Date(start.getTime() + exam.durationMinutes * MINUTE_MS);
  if (exam.afterCare.trim()) {
    add('AFTER_CARE', examEnd, '检查后注意事项', exam.afterCare.trim(), false);
  }

  const resultsAt = new Date(examEnd.getTime() + exam.resultReadyHours * HOUR_MS);
  add(
    'RESULTS',
    resultsAt,
    `预计${when(resultsAt)} 出结果`,
    exam.resultReadyText.trim() || '结果出具后可在小程序“报告查询”查看',
    true,
  );

  const rank = (kind: GuidanceStepKind) => GUIDANCE_STEP_KINDS.indexOf(kind);
  drafts.sort((a, b) => a.at.getTime() - b.at.getTime() || rank(a.kind) - rank(b.kind));

  return {
    examCode: exam.code,
    examName: exam.name,
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

/** A day relative to the slot's day, as a patient would say it; far days get the date instead. */
function dayLabel(date: string, slotDate: string): string {
  const offset = Math.round(
    DateTime.fromISO(date, { zone: 'UTC' }).diff(DateTime.fromISO(slotDate, { zone: 'UTC' }), 'days').days,
  );
  if (offset === 0) return '当天';
  if (offset === -1) return '前一天';
  if (offset === 1) return '次日';
  // "前两天" reads as "a few days ago" in everyday Chinese, so an explicit date is clearer.
  const d = DateTime.fromISO(date, { zone: 'UTC' });
  return `${d.month}月${d.day}日`;
}

/** "1 小时", "1 小时 30 分钟", "45 分钟": the style of "检查前 1 小时饮水 500 毫升". */
function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} 分钟`;
  return m === 0 ? `${h} 小时` : `${h} 小时 ${m} 分钟`;
}

/** Building, floor and room joined for display, skipping the parts an admin left blank. */
function placeText(location: GuidanceExam['location']): string {
  return [location.building, location.floor, location.room]
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' ');
}
