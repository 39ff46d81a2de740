import {
  BOOKING_STATUSES,
  type BookingDetail,
  type BookingStatus,
  classifyDeskQuery,
  type DeskQueryKind,
} from '@hospital/shared';
import { positive } from '../../lib/paging';

/** What the desk's field holds: the kind it will be looked up as, or null when it is none (said before sending). */
export function deskQueryKind(text: string): DeskQueryKind | null {
  return classifyDeskQuery(text)?.kind ?? null;
}

/** A booking the window may check in now: confirmed (paid, or free) and of today, in the hospital's zone. */
export function checkInState(
  b: Pick<BookingDetail, 'status' | 'date'>,
  today: string,
): 'ready' | 'done' | 'notToday' | 'no' {
  if (b.status === 'CHECKED_IN' || b.status === 'COMPLETED') return 'done';
  if (b.status !== 'CONFIRMED') return 'no';
  return b.date === today ? 'ready' : 'notToday';
}

/** What is left to refund on a booking's paid order (fen): paid, less refunded and any refund under way. */
export function refundableFen(payment: BookingDetail['payment']): number {
  if (!payment) return 0;
  if (!['PAID', 'PARTIALLY_REFUNDED'].includes(payment.orderStatus)) return 0;
  return Math.max(payment.paidFen - payment.refundedFen, 0);
}

/** Yuan as typed (`12.5`) to fen, or null when it is not an amount with at most two decimals. */
export function yuanToFen(text: string): number | null {
  const t = text.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  const [whole, cents = ''] = t.split('.');
  return Number(whole) * 100 + Number(cents.padEnd(2, '0'));
}

/** The desk's list filters as they stand in the address bar. */
export interface DeskFilters {
  date?: string;
  status?: BookingStatus;
  departmentId?: string;
  page: number;
  pageSize: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function filtersFrom(params: URLSearchParams): DeskFilters {
  const filters: DeskFilters = {
    page: positive(params.get('page'), 1),
    pageSize: Math.min(positive(params.get('pageSize'), 20), 100),
  };
  const date = params.get('date');
  if (date && DATE.test(date)) filters.date = date;
  const status = params.get('status');
  if (status && (BOOKING_STATUSES as readonly string[]).includes(status))
    filters.status = status as BookingStatus;
  const departmentId = params.get('departmentId');
  if (departmentId && UUID.test(departmentId)) filters.departmentId = departmentId;
  return filters;
}

export function paramsOf(filters: DeskFilters, keep?: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['date', 'status', 'departmentId'] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (filters.page > 1) params.set('page', String(filters.page));
  if (filters.pageSize !== 20) params.set('pageSize', String(filters.pageSize));
  const booking = keep?.get('booking');
  if (booking) params.set('booking', booking);
  return params;
}
