import { z } from 'zod';
import { parseCheckInCode } from '../check-in-code';
import { BOOKING_STATUSES, DOCUMENT_TYPES, type DocumentType, ID_TYPES, SEXES } from '../enums';
import { checkIdNumber, normalizeMobile } from '../identity';
import { bookingDetailSchema } from './booking';
import { idParams, idSchema, localDateSchema } from './common';
import type { EndpointContracts } from './endpoints';
import { orderSchema } from './payment';

/**
 * The registration window's desk (docs/decisions/028-registration-desk.md): find a patient by what they hand
 * over, today's bookings at a glance, and the fee taken at the counter.
 */

/** What the clerk typed or scanned: a check-in code, a booking id, an order number, a mobile or an ID number. */
export const deskFindQuery = z.strictObject({ q: z.string().trim().min(1).max(64) });

/** How the server read the query (the console classifies it the same way before sending). */
export const DESK_QUERY_KINDS = ['CHECK_IN_CODE', 'BOOKING_ID', 'ORDER_NO', 'PHONE', 'ID_NUMBER'] as const;
export type DeskQueryKind = (typeof DESK_QUERY_KINDS)[number];

/** What a desk query names, read the same way by the console (to say what it will look for) and the server. */
export type DeskQuery =
  | { kind: 'CHECK_IN_CODE'; bookingId: string }
  | { kind: 'BOOKING_ID'; bookingId: string }
  | { kind: 'ORDER_NO'; orderNo: string }
  | { kind: 'PHONE'; phone: string }
  | { kind: 'ID_NUMBER'; numbers: { idType: DocumentType; idNumber: string }[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A payment order's number (payment/use-cases/order-state.ts: `P`, the local date, 12 hex digits). */
const ORDER_NO = /^P\d{8}[0-9A-F]{12}$/i;

/**
 * Reads what the window typed or scanned (a keyboard-wedge scanner types the QR code's text, then Enter): a
 * check-in code, a booking id, an order number, a mainland mobile, or else every document whose rule the number
 * passes (a passport's rule is loose, so a number can be several); null when it is none of these. A mobile is
 * read as a mobile even though 11 digits would also pass as a passport number.
 */
export function classifyDeskQuery(raw: string, today: Date = new Date()): DeskQuery | null {
  const q = raw.trim();
  if (!q) return null;
  const code = parseCheckInCode(q);
  if (code) return { kind: 'CHECK_IN_CODE', bookingId: code.bookingId };
  if (UUID.test(q)) return { kind: 'BOOKING_ID', bookingId: q.toLowerCase() };
  if (ORDER_NO.test(q)) return { kind: 'ORDER_NO', orderNo: q.toUpperCase() };
  const phone = normalizeMobile(q);
  if (phone) return { kind: 'PHONE', phone };
  const numbers = DOCUMENT_TYPES.flatMap((idType) => {
    const check = checkIdNumber(idType, q, today);
    return check.ok ? [{ idType, idNumber: check.normalized }] : [];
  });
  return numbers.length ? { kind: 'ID_NUMBER', numbers } : null;
}

/** A patient found at the window: identifiers masked, as in every list. */
export const deskProfileSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    idType: z.enum(ID_TYPES),
    idNumberMasked: z.string().nullable(),
    phoneMasked: z.string(),
    birthDate: z.string(),
    sex: z.enum(SEXES),
  })
  .meta({ id: 'DeskProfile' });
export type DeskProfile = z.infer<typeof deskProfileSchema>;

export const deskFindResponse = z
  .object({
    kind: z.enum(DESK_QUERY_KINDS),
    /** The patients the query names (a booking or order names its own), at most 20. */
    profiles: z.array(deskProfileSchema),
    /**
     * Their bookings from today on, soonest first (at most 20); for a code, a booking id or an order number, that
     * booking whatever its day.
     */
    bookings: z.array(bookingDetailSchema),
  })
  .meta({ id: 'DeskFind' });
export type DeskFind = z.infer<typeof deskFindResponse>;

export const deskDayQuery = z.strictObject({
  /** The hospital-local day; today when omitted. */
  date: localDateSchema.optional(),
  departmentId: idSchema.optional(),
});

export const deskDayResponse = z
  .object({
    date: z.string(),
    total: z.number().int(),
    /** Bookings of the day by status (every status present, 0 when none). */
    counts: z.record(z.enum(BOOKING_STATUSES), z.number().int()),
    /** Of which 加号 (beyond capacity). */
    extra: z.number().int(),
  })
  .meta({ id: 'DeskDay' });
export type DeskDay = z.infer<typeof deskDayResponse>;

export const WINDOW_PAYMENT_METHODS = ['CASH', 'CARD'] as const;
export const windowPaymentRequest = z
  .strictObject({ method: z.enum(WINDOW_PAYMENT_METHODS) })
  .meta({ id: 'WindowPaymentRequest' });
export type WindowPaymentRequest = z.infer<typeof windowPaymentRequest>;

export const deskEndpoints = {
  'desk.find': {
    summary:
      'The window finds a patient: by check-in code, booking id, order number, mobile or ID number (keyed hashes, nothing decrypted)',
    tags: ['staff'],
    query: deskFindQuery,
    response: deskFindResponse,
    errors: ['DESK_QUERY_UNKNOWN'],
  },
  'desk.day': {
    summary: "A day's bookings counted by status (the window's glance at today)",
    tags: ['staff'],
    query: deskDayQuery,
    response: deskDayResponse,
  },
  'desk.collect': {
    summary: 'The window takes a held booking’s fee at the counter (cash or card); the booking is confirmed',
    tags: ['staff'],
    params: idParams,
    body: windowPaymentRequest,
    response: orderSchema,
    errors: ['HOLD_EXPIRED', 'PAYMENT_NOT_NEEDED', 'PAYMENT_IN_PROGRESS'],
  },
} as const satisfies EndpointContracts;
