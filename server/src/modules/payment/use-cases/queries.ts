import {
  addDays,
  type Bill,
  dateString,
  FEE_CATEGORIES,
  type Locale,
  type LocalNamed,
  labelsFor,
  localName,
  localTime,
  type OrderStatus,
  zonedInstant,
} from '@hospital/shared';
import type { Viewer } from '../../../core/actor';
import { notFound } from '../../../core/errors';
import { currentLocale, labels } from '../../../i18n';
import type { PaymentDeps } from '../payment.deps';
import { presentOrder } from '../payment.presenter';
import { paymentRepository } from '../payment.repository';

/** The order, if `who` may see it: a patient only their own account's (another's is "not found"). */
export async function visibleOrder({ db }: PaymentDeps, orderNo: string, who: Viewer) {
  const order = await paymentRepository(db).findOrder(orderNo);
  if (!order || (who.kind === 'patient' && order.accountId !== who.accountId)) throw notFound('订单');
  return order;
}

export async function getOrder(deps: PaymentDeps, orderNo: string, who: Viewer) {
  return presentOrder(await visibleOrder(deps, orderNo, who));
}

export async function fees({ catalog }: PaymentDeps) {
  const h = await catalog.hospitalContext();
  const exams = await catalog.listExamTypes();
  return {
    registration: FEE_CATEGORIES.map((category) => ({
      category,
      label: labels().feeCategory[category],
      feeFen: h.rules.fees.registrationFen[category],
    })),
    exams: exams.map((e) => ({
      code: e.code,
      name: e.name,
      nameEn: e.nameEn,
      departmentName: e.departmentName,
      departmentNameEn: e.departmentNameEn,
      feeFen: e.feeFen,
    })),
  };
}

/** Itemised per visit: each booking's orders and refunds, and what was paid net. */
export async function bills({ db, catalog }: PaymentDeps, accountId: string): Promise<Bill[]> {
  const h = await catalog.hospitalContext();
  const locale = currentLocale();
  const rows = await paymentRepository(db).ordersForAccount(accountId);
  const byBooking = new Map<string, typeof rows>();
  for (const o of rows) byBooking.set(o.bookingId, [...(byBooking.get(o.bookingId) ?? []), o]);
  return [...byBooking.values()].map((orders) => {
    const b = orders[0]!.booking;
    const paidFen = orders.filter((o) => o.paidAt).reduce((s, o) => s + o.amountFen, 0);
    const refundedFen = orders.reduce((s, o) => s + o.refundedFen, 0);
    return {
      bookingId: b.id,
      date: dateString(b.date),
      startTime: localTime(b.startsAt, h.timeZone),
      profileName: b.profile.name,
      departmentName: b.session.department.name,
      departmentNameEn: b.session.department.nameEn,
      item: billItem(b.session, locale),
      orders: orders.map(presentOrder),
      paidFen,
      refundedFen,
      netFen: paidFen - refundedFen,
    };
  });
}

/** What a bill is for, in the reader's locale: the exam, or the registration with the doctor. */
function billItem(s: { doctor: LocalNamed | null; examType: LocalNamed | null }, locale: Locale): string {
  if (s.examType) return localName(s.examType, locale);
  const word = labelsFor(locale).orderKind.REGISTRATION;
  const doctor = s.doctor ? localName(s.doctor, locale) : '';
  if (!doctor) return word;
  return locale === 'en' ? `${word} · ${doctor}` : `${doctor} ${word}`;
}

export interface OrderSearch {
  status?: OrderStatus;
  orderNo?: string;
  date?: string;
  page: number;
  pageSize: number;
}

export async function search({ db, catalog }: PaymentDeps, q: OrderSearch) {
  const h = await catalog.hospitalContext();
  // The hospital-local day, as UTC instants.
  const day = q.date
    ? {
        gte: zonedInstant(q.date, '00:00', h.timeZone),
        lt: zonedInstant(addDays(q.date, 1), '00:00', h.timeZone),
      }
    : undefined;
  const { items, total } = await paymentRepository(db).search(
    { status: q.status, orderNo: q.orderNo, createdAt: day },
    q.page,
    q.pageSize,
  );
  return { items: items.map(presentOrder), total, page: q.page, pageSize: q.pageSize };
}
