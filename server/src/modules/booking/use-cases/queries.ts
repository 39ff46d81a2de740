import {
  type Booking,
  type BookingStatus,
  buildGuidanceTimeline,
  dateValue,
  UPCOMING_BOOKING_STATUSES,
} from '@hospital/shared';
import type { Viewer as Principal } from '../../../core/actor';
import { AppError, notFound } from '../../../core/errors';
import { currentLocale } from '../../../i18n';
import { can, departmentScope, type Subject } from '../../../policies';
import { type BookingDeps, context } from '../booking.deps';
import { presentBookingDetail, presentIn } from '../booking.presenter';
import { bookingRepository } from '../booking.repository';

/** A booking the viewer may see: a patient's own only, anyone else's answers 404 (not 403). */
export async function loadVisible({ db }: BookingDeps, id: string, who: Principal) {
  const b = await bookingRepository(db).find(id);
  // Another account's booking, or one outside a staff member's reach (a doctor: their department), answers
  // 404 rather than 403, so ids cannot be probed.
  if (!b || !can(who, 'booking.read', { accountId: b.accountId, departmentId: b.departmentId })) {
    throw notFound('预约');
  }
  return b;
}

/** One booking for its own page: with its visit number (就诊序号) and what was paid and refunded. */
export async function get(deps: BookingDeps, id: string, who: Principal) {
  const b = await loadVisible(deps, id, who);
  const { hospital, now } = await context(deps);
  const [visitNumber, payment] = await Promise.all([
    bookingRepository(deps.db).visitNumber(b),
    deps.payments.paymentOf(deps.db, b.id),
  ]);
  return presentBookingDetail(
    b,
    { now, timeZone: hospital.timeZone, rules: hospital.rules },
    { visitNumber, payment },
  );
}

/** A patient's bookings: the upcoming ones soonest first, then their history latest first. */
export async function listMine(deps: BookingDeps, accountId: string) {
  const { hospital, now } = await context(deps);
  const rows = await bookingRepository(deps.db).listForAccount(accountId); // latest slot first
  const atWindow = await deps.payments.paidAtWindow(
    deps.db,
    rows.filter((b) => b.status === 'CONFIRMED' && b.feeFen > 0).map((b) => b.id),
  );
  const all = rows.map((b) => presentIn(b, hospital, now, atWindow.has(b.id)));
  const upcoming = (b: Booking) => UPCOMING_BOOKING_STATUSES.includes(b.status);
  return [...all.filter(upcoming).reverse(), ...all.filter((b) => !upcoming(b))];
}

/** The guidance timeline of an exam booking, anchored on its slot. */
export async function guidance(deps: BookingDeps, id: string, who: Principal) {
  const b = await loadVisible(deps, id, who);
  if (!b.session.examType) throw new AppError('NOT_FOUND', '该预约不是检查预约，没有检查指引');
  const { hospital } = await context(deps);
  const exam = await deps.catalog.getExamType(b.session.examType.code, { includeInactive: true });
  return buildGuidanceTimeline(
    exam,
    { startsAt: b.startsAt, endsAt: b.endsAt },
    hospital.timeZone,
    currentLocale(),
  );
}

/** Staff search, within the searcher's reach: a doctor's finds only their department's bookings. */
export async function search(
  deps: BookingDeps,
  q: {
    date?: string;
    departmentId?: string;
    doctorId?: string;
    status?: BookingStatus;
    page: number;
    pageSize: number;
  },
  who: Subject,
) {
  const reach = departmentScope(who, 'booking.list');
  if (reach === null || (reach !== undefined && q.departmentId && q.departmentId !== reach)) {
    return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  }
  const { hospital, now } = await context(deps);
  const { items, total } = await bookingRepository(deps.db).search(
    {
      date: q.date ? dateValue(q.date) : undefined,
      departmentId: reach ?? q.departmentId,
      doctorId: q.doctorId,
      status: q.status,
    },
    q.page,
    q.pageSize,
  );
  return {
    items: items.map((b) => presentIn(b, hospital, now)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
