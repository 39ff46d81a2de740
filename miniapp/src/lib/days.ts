import type { SlotList } from '../api/types';
import type { MessageKey, Params } from '../i18n';
import { daysBetween, hospitalClock, hospitalOffsetMinutes, monthDay, weekdayOf } from './time';

type T = (key: MessageKey, params?: Params) => string;

/** 今天 / 明天 / 11-26 周三 for a hospital-local date, relative to the hospital's today. */
export function dayLabel(date: string, today: string, t: T): string {
  const diff = daysBetween(today, date);
  const weekday = t(`weekday.${weekdayOf(date)}` as MessageKey);
  if (diff === 0) return `${t('day.today')} ${monthDay(date)}`;
  if (diff === 1) return `${t('day.tomorrow')} ${monthDay(date)}`;
  return `${monthDay(date)} ${weekday}`;
}

/** The hospital's offset (minutes) from any slot of a listing; 480 (China Standard Time) when there is none. */
export function listingOffset(list: SlotList): number {
  const s = list.items[0];
  return s ? hospitalOffsetMinutes(s.startsAt, s.date, s.startTime) : 480;
}

/** The hospital's today from the server's clock. */
export function hospitalToday(list: SlotList): string {
  return hospitalClock(list.serverTime, listingOffset(list)).date;
}
