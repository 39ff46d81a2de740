import { z } from 'zod';
import { STAFF_ROLES } from '../enums';
import { fieldError } from '../field-messages';
import { mobileSchema } from '../identity';
import { needsDepartment } from '../policies';
import { idParams, idSchema, pageOf, paginationQuery } from './common';
import type { EndpointContracts } from './endpoints';

export const wechatLoginRequest = z
  .strictObject({
    /** The code from `wx.login()`; with the local login client, `dev:<name>`. */
    code: z.string().trim().min(1, fieldError('loginCodeRequired')).max(128),
  })
  .meta({ id: 'WechatLoginRequest' });

export const staffLoginRequest = z
  .strictObject({
    username: z.string().trim().min(1, fieldError('usernameRequired')).max(64),
    password: z.string().min(1, fieldError('passwordRequired')).max(256),
  })
  .meta({ id: 'StaffLoginRequest' });

// ---- a member of staff changes their own password

/** The shortest new password a member of staff may choose. */
export const PASSWORD_MIN_LENGTH = 10;

/**
 * The one rule for a new staff password — at least PASSWORD_MIN_LENGTH characters, letters and digits both —
 * which the console's form runs before sending and the server runs again. (That it differs from the current
 * password is checked by {@link changePasswordRequest}, which has both.)
 */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, fieldError('passwordLength'))
  .max(256)
  .refine((value) => /\p{L}/u.test(value) && /\d/.test(value), fieldError('passwordLettersDigits'));

export const changePasswordRequest = z
  .strictObject({
    currentPassword: z.string().min(1, fieldError('currentPasswordRequired')).max(256),
    newPassword: newPasswordSchema,
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ['newPassword'],
    message: fieldError('passwordUnchanged'),
  })
  .meta({ id: 'ChangePasswordRequest' });

export const changePasswordResponse = z
  .object({
    /** The member's other sign-ins, ended (this one goes on). */
    endedSessions: z.number().int(),
  })
  .meta({ id: 'ChangePasswordResponse' });

export const refreshRequest = z
  .strictObject({ refreshToken: z.string().min(1).max(4096) })
  .meta({ id: 'RefreshRequest' });

export const staffRoleSchema = z.enum(STAFF_ROLES);

export const staffSummarySchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(staffRoleSchema),
    departmentId: z.string().nullable(),
  })
  .meta({ id: 'StaffSummary' });

/** The signed-in member of staff, with what they may do (policy action → how far), for the console's menus. */
export const staffMeSchema = staffSummarySchema
  .extend({
    permissions: z.record(z.string(), z.enum(['any', 'department', 'own'])),
  })
  .meta({ id: 'StaffMe' });

export const patientAccountSchema = z
  .object({ id: z.string(), createdAt: z.string(), profileCount: z.number().int() })
  .meta({ id: 'PatientAccount' });

const tokenFields = {
  tokenType: z.literal('Bearer'),
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  refreshToken: z.string(),
};

export const patientTokenResponse = z
  .object({ ...tokenFields, account: patientAccountSchema })
  .meta({ id: 'PatientTokenResponse' });
export const staffTokenResponse = z
  .object({ ...tokenFields, staff: staffSummarySchema })
  .meta({ id: 'StaffTokenResponse' });
export const refreshResponse = z.object(tokenFields).meta({ id: 'RefreshResponse' });

// ---- SMS sign-in (the H5 app; docs/decisions/021-sms-sign-in.md)

/**
 * The privacy notice's version (PRIVACY_POLICY_VERSION) the sign-in page showed beside its tick box, sent once
 * ticked. Optional here so that a missing one is refused as `PRIVACY_CONSENT_REQUIRED`, not as a bad field.
 */
const privacyVersion = z.string().trim().max(32).optional();

/** How long a sign-in code is good for, and the wait before another may be sent to the same number. */
export const SMS_CODE_TTL_SECONDS = 300;
export const SMS_RESEND_SECONDS = 60;

export const smsSendRequest = z
  .strictObject({
    /** A mainland mobile number; `+86`, spaces and dashes are accepted and dropped. */
    mobile: mobileSchema,
    privacyVersion,
  })
  .meta({ id: 'SmsSendRequest' });

export const smsSendResponse = z
  .object({
    /** Seconds the code stays valid. */
    expiresIn: z.number().int(),
    /** Seconds before another code may be asked for (the page's countdown). */
    resendAfter: z.number().int(),
    /**
     * Only while the local SMS stand-in sends (development, demos): the code itself, which no text message
     * carries. A real SMS provider's deployment never answers it.
     */
    demoCode: z.string().optional(),
  })
  .meta({ id: 'SmsSendResponse' });

export const smsLoginRequest = z
  .strictObject({
    mobile: mobileSchema,
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, fieldError('smsCode')),
    /** Recorded, once signed in, as the account's consent to the notice (not to the sensitive information). */
    privacyVersion,
  })
  .meta({ id: 'SmsLoginRequest' });

export type StaffSummary = z.infer<typeof staffSummarySchema>;
export type PatientAccount = z.infer<typeof patientAccountSchema>;

export const smsLoginResponse = patientTokenResponse
  .extend({
    /** The number signed in with, masked (`*******5678`): the account itself keeps only a keyed hash of it. */
    mobileMasked: z.string(),
  })
  .meta({ id: 'SmsLoginResponse' });

// ---- sessions: sign-out and the admin's levers (disable an account, end a member of staff's sessions)

/** Signs out the session (refresh-token family) the token belongs to: it and its access tokens stop working. */
export const logoutRequest = z
  .strictObject({ refreshToken: z.string().min(1).max(4096) })
  .meta({ id: 'LogoutRequest' });

/** Why an admin disables an account; kept on the account (patients) and in the audit log. */
export const accountDisableRequest = z
  .strictObject({ reason: z.string().trim().min(1, fieldError('disableReason')).max(200) })
  .meta({ id: 'AccountDisableRequest' });

/** A patient account as an admin sees it: no openid, no personal data. */
export const adminPatientAccountSchema = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    lastLoginAt: z.string().nullable(),
    disabledAt: z.string().nullable(),
    disabledReason: z.string().nullable(),
    profileCount: z.number().int(),
    /** Sign-ins not ended and not expired. */
    activeSessions: z.number().int(),
  })
  .meta({ id: 'AdminPatientAccount' });

export const staffAccountSchema = z
  .object({
    ...staffSummarySchema.shape,
    /** The department's name, for lists (null without a department). */
    departmentName: z.string().nullable(),
    active: z.boolean(),
    lastLoginAt: z.string().nullable(),
    activeSessions: z.number().int(),
  })
  .meta({ id: 'StaffAccount' });

/** The admin's staff list: text (username or name, any case), a role, a department, active or not, the page. */
export const staffAccountQuery = z.strictObject({
  q: z.string().trim().max(64).optional(),
  role: staffRoleSchema.optional(),
  departmentId: idSchema.optional(),
  active: z.enum(['true', 'false']).optional(),
  ...paginationQuery.shape,
});
export type StaffAccountQuery = z.infer<typeof staffAccountQuery>;

export const staffAccountList = pageOf(staffAccountSchema).meta({ id: 'StaffAccountList' });

// ---- the admin makes and changes staff accounts (docs/decisions/027-staff-console.md)

/** A sign-in name: lower case, so `Lin` and `lin` cannot be two accounts. */
export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9._-]{2,31}$/, fieldError('usernameFormat'));

const staffFields = {
  displayName: z.string().trim().min(1, fieldError('displayNameRequired')).max(64),
  /** At least one; each role once. */
  roles: z
    .array(staffRoleSchema)
    .min(1, fieldError('rolesRequired'))
    .max(STAFF_ROLES.length)
    .transform((roles) => [...new Set(roles)]),
  /** Required for the roles the policies scope to a department ({@link needsDepartment}). */
  departmentId: idSchema.nullable().default(null),
};

const departmentWhereNeeded = {
  path: ['departmentId'],
  message: fieldError('departmentRequired'),
};

export const staffCreateRequest = z
  .strictObject({
    username: usernameSchema,
    ...staffFields,
    /** The first password, which the admin hands over; the same rule as a member's own change. */
    password: newPasswordSchema,
  })
  .refine((v) => !needsDepartment(v.roles) || v.departmentId !== null, departmentWhereNeeded)
  .meta({ id: 'StaffCreateRequest' });

/**
 * Changes to an account: name, roles, department (the username stays). The department rule is checked here
 * when roles and department come together, and by the server against the stored values otherwise.
 */
export const staffUpdateRequest = z
  .strictObject({
    displayName: staffFields.displayName.optional(),
    roles: staffFields.roles.optional(),
    departmentId: idSchema.nullable().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), fieldError('atLeastOneChange'))
  .refine((v) => !(v.roles && v.departmentId === null && needsDepartment(v.roles)), departmentWhereNeeded)
  .meta({ id: 'StaffUpdateRequest' });

/** A temporary password the admin sets (a forgotten one): every sign-in of the member ends. */
export const staffPasswordResetRequest = z
  .strictObject({ password: newPasswordSchema })
  .meta({ id: 'StaffPasswordResetRequest' });

export type StaffCreate = z.output<typeof staffCreateRequest>;
export type StaffUpdate = z.output<typeof staffUpdateRequest>;

export const sessionsRevokedResponse = z
  .object({ revoked: z.number().int() })
  .meta({ id: 'SessionsRevoked' });

export type AdminPatientAccount = z.infer<typeof adminPatientAccountSchema>;
export type StaffAccount = z.infer<typeof staffAccountSchema>;

// ---- endpoints (method, path and access: shared/src/api/endpoints.ts)

export const authEndpoints = {
  'auth.wechatLogin': {
    summary: 'Sign in a patient with a wx.login() code (local mode: dev:<name>)',
    tags: ['auth'],
    body: wechatLoginRequest,
    response: patientTokenResponse,
    errors: ['WECHAT_CODE_INVALID', 'WECHAT_UNAVAILABLE', 'ACCOUNT_DISABLED'],
  },
  'auth.smsSend': {
    summary:
      'Send a 6-digit sign-in code by text message (at most 1 a minute and 5 an hour per number), once the ' +
      'privacy notice is ticked; the answer is the same whether or not the number has an account',
    tags: ['auth'],
    body: smsSendRequest,
    response: smsSendResponse,
    errors: [
      'SMS_LOCKED',
      'SMS_MOBILE_INVALID',
      'SMS_UNAVAILABLE',
      'PRIVACY_CONSENT_REQUIRED',
      'PRIVACY_POLICY_OUTDATED',
      'SMS_SIGN_IN_DISABLED',
    ],
  },
  'auth.smsLogin': {
    summary:
      'Sign in a patient with a mobile number and the code sent to it (the account is made at the first ' +
      'sign-in) and records its consent to the privacy notice; 5 wrong codes spend the code and lock the ' +
      'number for 15 minutes',
    tags: ['auth'],
    body: smsLoginRequest,
    response: smsLoginResponse,
    errors: [
      'SMS_CODE_INVALID',
      'SMS_LOCKED',
      'ACCOUNT_DISABLED',
      'PRIVACY_CONSENT_REQUIRED',
      'PRIVACY_POLICY_OUTDATED',
      'SMS_SIGN_IN_DISABLED',
    ],
  },
  'auth.staffLogin': {
    summary: 'Sign in a member of staff',
    tags: ['auth'],
    body: staffLoginRequest,
    response: staffTokenResponse,
    errors: ['INVALID_CREDENTIALS'],
  },
  'auth.refresh': {
    summary:
      'Exchange a refresh token for new tokens, a new refresh token included: the one sent cannot be used ' +
      'again, and sending it again ends the sign-in (SESSION_REVOKED)',
    tags: ['auth'],
    body: refreshRequest,
    response: refreshResponse,
    errors: ['TOKEN_EXPIRED', 'TOKEN_INVALID', 'SESSION_REVOKED', 'ACCOUNT_DISABLED'],
  },
  'auth.logout': {
    summary:
      'Sign out (patients and staff): ends the sign-in the refresh token belongs to, its access tokens ' +
      'included; an expired token or a second call is fine',
    tags: ['auth'],
    body: logoutRequest,
    errors: ['TOKEN_INVALID'],
  },
  'auth.me': {
    summary: 'The signed-in patient account',
    tags: ['auth'],
    response: patientAccountSchema,
  },
  'auth.staffMe': {
    summary: 'The signed-in member of staff, with the actions they may perform (policy action → scope)',
    tags: ['auth'],
    response: staffMeSchema,
  },
  'auth.changePassword': {
    summary:
      'Change the signed-in member of staff’s password (the current one required; at least 10 characters with ' +
      'letters and digits, not the current one); ends their other sign-ins, audited',
    tags: ['auth'],
    body: changePasswordRequest,
    response: changePasswordResponse,
    errors: ['CURRENT_PASSWORD_WRONG'],
  },
} as const satisfies EndpointContracts;

/** Admin only: accounts and their sign-ins. Every change is audited. */
export const accountEndpoints = {
  'accounts.patient': {
    summary: 'A patient account: sign-in status and live sessions (no personal data)',
    tags: ['admin'],
    params: idParams,
    response: adminPatientAccountSchema,
  },
  'accounts.disablePatient': {
    summary: 'Disable a patient account: no sign-in or refresh; its current tokens are refused at once',
    tags: ['admin'],
    params: idParams,
    body: accountDisableRequest,
    response: adminPatientAccountSchema,
  },
  'accounts.enablePatient': {
    summary: 'Re-enable a disabled patient account (they sign in again)',
    tags: ['admin'],
    params: idParams,
    response: adminPatientAccountSchema,
  },
  'accounts.staff': {
    summary:
      'Staff accounts with their department, status, last sign-in and live sessions; by text (username or ' +
      'name), role, department and status, a page at a time',
    tags: ['admin'],
    query: staffAccountQuery,
    response: staffAccountList,
  },
  'accounts.createStaff': {
    summary:
      'Create a staff account: a unique username, a name, its roles, a department where a role is scoped to ' +
      'one, a first password (the shared rule); audited without the password',
    tags: ['admin'],
    body: staffCreateRequest,
    response: staffAccountSchema,
    errors: ['ALREADY_EXISTS'],
  },
  'accounts.updateStaff': {
    summary:
      'Change a staff account’s name, roles or department (not its username); a change of roles or ' +
      'department ends the member’s sign-ins so it takes effect at once; an admin cannot remove their own ' +
      'admin role',
    tags: ['admin'],
    params: idParams,
    body: staffUpdateRequest,
    response: staffAccountSchema,
    errors: ['SELF_LOCKOUT'],
  },
  'accounts.resetStaffPassword': {
    summary:
      'Set a temporary password for a member of staff (the shared rule): every sign-in of theirs ends, audited ' +
      'without the password',
    tags: ['admin'],
    params: idParams,
    body: staffPasswordResetRequest,
    response: sessionsRevokedResponse,
  },
  'accounts.disableStaff': {
    summary: 'Disable a staff account: sign-in refused and every session ended at once',
    tags: ['admin'],
    params: idParams,
    body: accountDisableRequest,
    response: staffAccountSchema,
    errors: ['SELF_LOCKOUT'],
  },
  'accounts.enableStaff': {
    summary: 'Re-enable a staff account',
    tags: ['admin'],
    params: idParams,
    response: staffAccountSchema,
  },
  'accounts.revokeStaffSessions': {
    summary: 'End every session of a member of staff at once (they sign in again)',
    tags: ['admin'],
    params: idParams,
    response: sessionsRevokedResponse,
  },
} as const satisfies EndpointContracts;
