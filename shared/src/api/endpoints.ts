import type { StaffRole } from '../enums';
import type { Action } from '../policies';

/**
 * Every endpoint of the API, once: its method, path, who may call it, and the two facts a client must act on
 * (its success status when not the default, and whether it takes an `Idempotency-Key`). Keyed by a stable
 * name (`'booking.create'`) that the server's `route()`, the typed API client, the OpenAPI document
 * (`operationId`) and the tests all use.
 *
 * This file is free of zod (and of every runtime dependency) on purpose: the mini-program's main package
 * loads it, and WeChat limits that package's size. The rest of each endpoint's contract — summary, tags,
 * params, query, body and response schemas, the error codes it can answer — is keyed the same way in
 * `shared/src/contracts/endpoints.ts`, whose type makes both tables cover the same keys.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call an endpoint. `public`: anyone; `authenticated`: any signed-in patient or member of staff;
 * `patient`: patients (on their own account's records); `staff`: any member of staff; a policy action
 * (`'booking.checkIn'`, shared/src/policies.ts): whoever its policy names, admin always. A list of staff
 * roles still works, but new endpoints name an action, so that the role table lives in one place.
 */
export type EndpointAccess = 'public' | 'authenticated' | 'patient' | 'staff' | Action | readonly StaffRole[];

export interface EndpointDef {
  readonly method: HttpMethod;
  /** Koa-style path: `/api/v1/bookings/:id`. */
  readonly path: `/api/v1/${string}`;
  readonly access: EndpointAccess;
  /**
   * The success status when it is not the default (200 with a response body, 204 without); 200 without a
   * response schema: the handler answers bytes of its own (a stored photo).
   */
  readonly status?: 200 | 201;
  /** Takes an `Idempotency-Key`: a retry with the same key is answered with the first answer. */
  readonly idempotent?: true;
}

export const ENDPOINTS = {
  // ---- sign-in and the signed-in caller
  'auth.wechatLogin': { method: 'POST', path: '/api/v1/auth/wechat', access: 'public' },
  'auth.staffLogin': { method: 'POST', path: '/api/v1/auth/staff/login', access: 'public' },
  'auth.smsSend': { method: 'POST', path: '/api/v1/auth/sms/send', access: 'public' },
  'auth.smsLogin': { method: 'POST', path: '/api/v1/auth/sms/login', access: 'public' },
  'auth.refresh': { method: 'POST', path: '/api/v1/auth/refresh', access: 'public' },
  'auth.logout': { method: 'POST', path: '/api/v1/auth/logout', access: 'public' },
  'auth.me': { method: 'GET', path: '/api/v1/me', access: 'patient' },
  'auth.staffMe': { method: 'GET', path: '/api/v1/staff/me', access: 'staff' },
  'auth.changePassword': { method: 'POST', path: '/api/v1/staff/me/password', access: 'staff' },

  // ---- accounts and their sign-ins (admin)
  'accounts.patient': { method: 'GET', path: '/api/v1/admin/patients/:id', access: 'account.manage' },
  'accounts.disablePatient': {
    method: 'POST',
    path: '/api/v1/admin/patients/:id/disable',
    access: 'account.manage',
  },
  'accounts.enablePatient': {
    method: 'POST',
    path: '/api/v1/admin/patients/:id/enable',
    access: 'account.manage',
  },
  'accounts.staff': { method: 'GET', path: '/api/v1/admin/staff', access: 'account.manage' },
  'accounts.createStaff': {
    method: 'POST',
    path: '/api/v1/admin/staff',
    access: 'account.manage',
    status: 201,
  },
  'accounts.updateStaff': { method: 'PATCH', path: '/api/v1/admin/staff/:id', access: 'account.manage' },
  'accounts.resetStaffPassword': {
    method: 'POST',
    path: '/api/v1/admin/staff/:id/password',
    access: 'account.manage',
  },
  'accounts.disableStaff': {
    method: 'POST',
    path: '/api/v1/admin/staff/:id/disable',
    access: 'account.manage',
  },
  'accounts.enableStaff': {
    method: 'POST',
    path: '/api/v1/admin/staff/:id/enable',
    access: 'account.manage',
  },
  'accounts.revokeStaffSessions': {
    method: 'POST',
    path: '/api/v1/admin/staff/:id/sessions/revoke',
    access: 'account.manage',
  },

  // ---- the patient's profiles (就诊人)
  'profiles.list': { method: 'GET', path: '/api/v1/me/profiles', access: 'patient' },
  'profiles.create': { method: 'POST', path: '/api/v1/me/profiles', access: 'patient', status: 201 },
  'profiles.get': { method: 'GET', path: '/api/v1/me/profiles/:id', access: 'patient' },
  'profiles.update': { method: 'PATCH', path: '/api/v1/me/profiles/:id', access: 'patient' },
  'profiles.remove': { method: 'DELETE', path: '/api/v1/me/profiles/:id', access: 'patient' },

  // ---- privacy: consent, the patient's data, account deletion (docs/decisions/020)
  'privacy.status': { method: 'GET', path: '/api/v1/me/privacy', access: 'patient' },
  'privacy.consent': {
    method: 'POST',
    path: '/api/v1/me/privacy/consent',
    access: 'patient',
    status: 201,
  },
  'privacy.export': { method: 'GET', path: '/api/v1/me/data', access: 'patient' },
  // A POST with a confirming body, not a DELETE: deleting an account must be stated, never a bare verb.
  'privacy.deleteAccount': { method: 'POST', path: '/api/v1/me/account/delete', access: 'patient' },

  // ---- catalog: public information
  'catalog.hospital': { method: 'GET', path: '/api/v1/hospital', access: 'public' },
  'catalog.notices': { method: 'GET', path: '/api/v1/notices', access: 'public' },
  'catalog.departments': { method: 'GET', path: '/api/v1/departments', access: 'public' },
  'catalog.departmentDoctors': { method: 'GET', path: '/api/v1/departments/:id/doctors', access: 'public' },
  'catalog.doctor': { method: 'GET', path: '/api/v1/doctors/:id', access: 'public' },
  'catalog.examTypes': { method: 'GET', path: '/api/v1/exam-types', access: 'public' },
  'catalog.examType': { method: 'GET', path: '/api/v1/exam-types/:code', access: 'public' },
  'catalog.search': { method: 'GET', path: '/api/v1/search', access: 'public' },
  'catalog.doctorPhoto': {
    method: 'GET',
    path: '/api/v1/doctor-photos/:name',
    access: 'public',
    status: 200,
  },

  // ---- catalog: administration (every change audited)
  'catalog.adminHospital': { method: 'GET', path: '/api/v1/admin/hospital', access: 'hospital.read' },
  'catalog.updateHospital': { method: 'PATCH', path: '/api/v1/admin/hospital', access: 'hospital.update' },
  'catalog.adminDepartments': { method: 'GET', path: '/api/v1/admin/departments', access: 'catalog.manage' },
  'catalog.createDepartment': {
    method: 'POST',
    path: '/api/v1/admin/departments',
    access: 'catalog.manage',
    status: 201,
  },
  'catalog.updateDepartment': {
    method: 'PATCH',
    path: '/api/v1/admin/departments/:id',
    access: 'catalog.manage',
  },
  'catalog.adminDoctors': { method: 'GET', path: '/api/v1/admin/doctors', access: 'catalog.manage' },
  'catalog.createDoctor': {
    method: 'POST',
    path: '/api/v1/admin/doctors',
    access: 'catalog.manage',
    status: 201,
  },
  'catalog.updateDoctor': { method: 'PATCH', path: '/api/v1/admin/doctors/:id', access: 'catalog.manage' },
  'catalog.uploadDoctorPhoto': {
    method: 'POST',
    path: '/api/v1/admin/doctors/:id/photo',
    access: 'catalog.manage',
  },
  'catalog.rooms': { method: 'GET', path: '/api/v1/admin/rooms', access: 'catalog.manage' },
  'catalog.createRoom': {
    method: 'POST',
    path: '/api/v1/admin/rooms',
    access: 'catalog.manage',
    status: 201,
  },
  'catalog.updateRoom': { method: 'PATCH', path: '/api/v1/admin/rooms/:id', access: 'catalog.manage' },
  'catalog.adminExamTypes': { method: 'GET', path: '/api/v1/admin/exam-types', access: 'catalog.manage' },
  'catalog.createExamType': {
    method: 'POST',
    path: '/api/v1/admin/exam-types',
    access: 'catalog.manage',
    status: 201,
  },
  'catalog.updateExamType': {
    method: 'PATCH',
    path: '/api/v1/admin/exam-types/:id',
    access: 'catalog.manage',
  },

  // ---- audit log
  'audit.list': { method: 'GET', path: '/api/v1/admin/audit', access: 'audit.read' },

  // ---- bookings: patients
  'booking.create': {
    method: 'POST',
    path: '/api/v1/bookings',
    access: 'patient',
    status: 201,
    idempotent: true,
  },
  'booking.mine': { method: 'GET', path: '/api/v1/me/bookings', access: 'patient' },
  'booking.get': { method: 'GET', path: '/api/v1/bookings/:id', access: 'booking.read' },
  'booking.cancel': {
    method: 'POST',
    path: '/api/v1/bookings/:id/cancel',
    access: 'booking.cancel',
    idempotent: true,
  },
  'booking.guidance': { method: 'GET', path: '/api/v1/bookings/:id/guidance', access: 'booking.read' },

  // ---- waitlist (候补)
  'waitlist.join': { method: 'POST', path: '/api/v1/waitlist', access: 'patient', status: 201 },
  'waitlist.mine': { method: 'GET', path: '/api/v1/me/waitlist', access: 'patient' },
  'waitlist.leave': { method: 'DELETE', path: '/api/v1/waitlist/:id', access: 'patient' },

  // ---- bookings: staff
  'booking.staffCreate': {
    method: 'POST',
    path: '/api/v1/staff/bookings',
    access: 'booking.bookOnBehalf',
    status: 201,
  },
  'booking.search': { method: 'GET', path: '/api/v1/staff/bookings', access: 'booking.list' },
  'booking.arrive': {
    method: 'POST',
    path: '/api/v1/staff/bookings/:id/arrive',
    access: 'booking.checkIn',
  },
  'booking.complete': {
    method: 'POST',
    path: '/api/v1/staff/bookings/:id/complete',
    access: 'booking.complete',
  },
  'booking.stopClinicPreview': {
    method: 'GET',
    path: '/api/v1/admin/sessions/:id/suspend',
    access: 'session.suspend',
  },
  'booking.stopClinic': {
    method: 'POST',
    path: '/api/v1/admin/sessions/:id/suspend',
    access: 'session.suspend',
  },

  // ---- the registration window's desk
  'desk.find': { method: 'GET', path: '/api/v1/staff/desk/find', access: 'booking.checkIn' },
  'desk.day': { method: 'GET', path: '/api/v1/staff/desk/day', access: 'booking.checkIn' },
  'desk.collect': {
    method: 'POST',
    path: '/api/v1/staff/bookings/:id/collect',
    access: 'booking.bookOnBehalf',
  },

  // ---- payments
  'payment.pay': { method: 'POST', path: '/api/v1/bookings/:id/pay', access: 'patient', idempotent: true },
  'payment.wechatNotify': { method: 'POST', path: '/api/v1/payments/wechat/notify', access: 'public' },
  /** Mounted only while the local WeChat Pay stand-in is in use (no merchant configured). */
  'payment.confirmLocal': {
    method: 'POST',
    path: '/api/v1/payments/local/:orderNo/confirm',
    access: 'patient',
  },
  'payment.order': { method: 'GET', path: '/api/v1/orders/:orderNo', access: 'order.read' },
  'payment.fees': { method: 'GET', path: '/api/v1/fees', access: 'public' },
  'payment.bills': { method: 'GET', path: '/api/v1/me/bills', access: 'patient' },
  'payment.searchOrders': { method: 'GET', path: '/api/v1/staff/orders', access: 'order.list' },
  'payment.refund': {
    method: 'POST',
    path: '/api/v1/staff/orders/:orderNo/refund',
    access: 'order.refund',
  },

  // ---- scheduling: availability, rosters, sessions
  'scheduling.slots': { method: 'GET', path: '/api/v1/slots', access: 'public' },
  'scheduling.rosters': { method: 'GET', path: '/api/v1/admin/rosters', access: 'roster.manage' },
  'scheduling.createRoster': {
    method: 'POST',
    path: '/api/v1/admin/rosters',
    access: 'roster.manage',
    status: 201,
  },
  'scheduling.updateRoster': { method: 'PATCH', path: '/api/v1/admin/rosters/:id', access: 'roster.manage' },
  'scheduling.exceptions': {
    method: 'GET',
    path: '/api/v1/admin/rosters/exceptions',
    access: 'roster.manage',
  },
  'scheduling.createException': {
    method: 'POST',
    path: '/api/v1/admin/rosters/exceptions',
    access: 'roster.manage',
    status: 201,
  },
  'scheduling.deleteException': {
    method: 'DELETE',
    path: '/api/v1/admin/rosters/exceptions/:id',
    access: 'roster.manage',
  },
  'scheduling.generate': { method: 'POST', path: '/api/v1/admin/rosters/generate', access: 'roster.manage' },
  'scheduling.sessions': { method: 'GET', path: '/api/v1/admin/sessions', access: 'session.list' },
  'scheduling.session': { method: 'GET', path: '/api/v1/admin/sessions/:id', access: 'session.list' },
} as const satisfies Record<string, EndpointDef>;

export type EndpointKey = keyof typeof ENDPOINTS;
export type Endpoints = typeof ENDPOINTS;

/** Every endpoint key, in the table's order. */
export const ENDPOINT_KEYS = Object.keys(ENDPOINTS) as EndpointKey[];

/** The `:name` parameters of a Koa-style path, as a union of their names (never when it has none). */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** Where uploaded doctors' photos are kept: a doctor's `photoUrl` is `doctor-photos/<32 hex>.<jpg|png|webp>`. */
export const DOCTOR_PHOTO_PREFIX = 'doctor-photos/';

/**
 * What an image element shows for a doctor's `photoUrl`: an http(s) URL as it is, an uploaded photo's storage
 * key as the address the server serves it at (`catalog.doctorPhoto`, under `apiBase`: '' on the server's own
 * origin, the API's origin in the weapp), and null (the default picture) for anything else.
 */
export function doctorPhotoSrc(photoUrl: string | null | undefined, apiBase = ''): string | null {
  if (!photoUrl) return null;
  if (/^https?:\/\//.test(photoUrl)) return photoUrl;
  if (photoUrl.startsWith(DOCTOR_PHOTO_PREFIX)) return `${apiBase.replace(/\/$/, '')}/api/v1/${photoUrl}`;
  return null;
}
