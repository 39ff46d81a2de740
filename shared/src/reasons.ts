import type { Locale, LocalizedText } from './errors';

/**
 * The reasons the server itself writes on bookings, orders and refunds (a cancel, an order closed, a refund
 * asked for). They are stored in the hospital's language — staff, the audit log and WeChat Pay read them so —
 * and answered in the reader's through {@link reasonText}. A reason a person typed (a clerk's refund reason,
 * the hospital's reason for a stop-clinic) is shown as typed.
 */
export const SERVER_REASONS = {
  patientCancelled: { zh: '患者取消预约', en: 'Cancelled by the patient' },
  windowCancelled: { zh: '窗口取消预约', en: 'Cancelled at a registration window' },
  bookingCancelled: { zh: '预约已取消', en: 'The booking was cancelled' },
  paymentTimedOut: { zh: '支付超时', en: 'Not paid in time' },
  paidAfterRelease: {
    zh: '支付到账时预约已取消或号源已释放，自动全额退款',
    en: 'The payment arrived after the booking was cancelled or its place released: refunded in full',
  },
} as const satisfies Record<string, LocalizedText>;

/** 停诊：<the hospital's reason>: what a stop-clinic writes on each booking it cancels. */
export const STOP_CLINIC_REASON = { zh: '停诊：', en: 'Clinic stopped: ' } as const;

/** The cancel reason a stop-clinic (停诊) writes, in the hospital's language. */
export function stopClinicReason(reason: string): string {
  return `${STOP_CLINIC_REASON.zh}${reason}`;
}

let byChinese: Map<string, string> | undefined;

/**
 * A stored reason in the reader's locale: a server-written one in English for an English reader, the rest
 * (a person's own words) as stored.
 *
 * @param stored - the reason as stored (null: none)
 * @param locale - the reader's
 */
export function reasonText(stored: string | null, locale: Locale): string | null {
  if (stored === null || locale !== 'en') return stored;
  byChinese ??= new Map(Object.values(SERVER_REASONS).map((r) => [r.zh, r.en]));
  const known = byChinese.get(stored);
  if (known) return known;
  return stored.startsWith(STOP_CLINIC_REASON.zh)
    ? `${STOP_CLINIC_REASON.en}${stored.slice(STOP_CLINIC_REASON.zh.length)}`
    : stored;
}
