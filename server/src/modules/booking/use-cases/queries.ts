import { type BookingStatus, buildGuidanceTimeline, dateValue } from '@hospital/shared';
import type { Viewer as Principal } from '../../../core/actor';
import { AppError, notFound } from '../../../core/errors';
import { currentLocale } from '../../../i18n';
import { can, departmentScope, type Subject } from '../../../policies';
import { type BookingDeps, context } from '../booking.deps';
import { presentIn } from '../booking.presenter';
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

export async function get(deps: BookingDeps, id: string, who: Principal) {
  const { hospital, now } = await context(deps);
  return presentIn(await loadVisible(deps, id, who), hospital, now);
}

export async function listMine(deps: BookingDeps, accountId: string) {
  const { hospital, now } = await context(deps);
  return (await bookingRepository(deps.db).listForAccount(accountId)).map((b) => presentIn(b, hospital, now));
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
