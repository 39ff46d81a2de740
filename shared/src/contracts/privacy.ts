import { z } from 'zod';
import { patientAccountSchema } from './auth';
import { bookingSchema, waitlistEntrySchema } from './booking';
import type { EndpointContracts } from './endpoints';
import { billSchema } from './payment';
import { profileSchema } from './profile';

// Privacy consent, the patient's data and account deletion (docs/decisions/020-privacy-consent.md). The notice
// itself and its version are in shared/src/privacy.ts.

/** One version of the notice the account accepted; `withdrawnAt` is set when the account was deleted. */
export const privacyConsentSchema = z
  .object({
    version: z.string(),
    /**
     * `NOTICE_AND_SENSITIVE`: the consent sheet's, the notice and separately the sensitive information (needed
     * before an ID number); `NOTICE`: the notice alone, ticked at the SMS sign-in before the number was sent.
     */
    scope: z.enum(['NOTICE', 'NOTICE_AND_SENSITIVE']),
    acceptedAt: z.string(),
    withdrawnAt: z.string().nullable(),
  })
  .meta({ id: 'PrivacyConsent' });
export type PrivacyConsentRecord = z.infer<typeof privacyConsentSchema>;

export const privacyStatusSchema = z
  .object({
    /** The notice's current version (PRIVACY_POLICY_VERSION). */
    currentVersion: z.string(),
    /** Whether the account accepted the current version: without it no ID number or phone is collected. */
    accepted: z.boolean(),
    acceptedAt: z.string().nullable(),
    /** Every version accepted, newest first. */
    consents: z.array(privacyConsentSchema),
  })
  .meta({ id: 'PrivacyStatus' });
export type PrivacyStatus = z.infer<typeof privacyStatusSchema>;

/** Consent to the version the patient read: a version other than the current one is refused (reload it). */
export const privacyConsentRequest = z
  .strictObject({ version: z.string().trim().min(1).max(32) })
  .meta({ id: 'PrivacyConsentRequest' });

/** A profile as the export shows it: masked numbers, and archived ones too (they are held as well). */
export const heldProfileSchema = profileSchema
  .extend({ archivedAt: z.string().nullable() })
  .meta({ id: 'HeldProfile' });

/** Everything held about the account, as the patient downloads it. ID and phone numbers only masked. */
export const privacyExportSchema = z
  .object({
    exportedAt: z.string(),
    policyVersion: z.string(),
    account: patientAccountSchema.extend({
      lastLoginAt: z.string().nullable(),
      /**
       * How the account signs in: WeChat, or a mobile number and a text-message code (H5). The sign-in identity
       * (WeChat's openid, or the number's keyed hash) is held but not shown: it names the account, not the person.
       */
      signIn: z.enum(['WECHAT', 'SMS']),
    }),
    profiles: z.array(heldProfileSchema),
    bookings: z.array(bookingSchema),
    waitlist: z.array(waitlistEntrySchema),
    /** Orders and refunds, per visit. */
    bills: z.array(billSchema),
    consents: z.array(privacyConsentSchema),
  })
  .meta({ id: 'PrivacyExport' });
export type PrivacyExport = z.infer<typeof privacyExportSchema>;

/** Deletion is explicit: the body states it, so a stray request cannot delete an account. */
export const accountDeleteRequest = z
  .strictObject({ confirm: z.literal(true) })
  .meta({ id: 'AccountDeleteRequest' });

// ---- endpoints (method, path and access: shared/src/api/endpoints.ts)

export const privacyEndpoints = {
  'privacy.status': {
    summary: 'My consent to the privacy notice: the current version and whether I accepted it',
    tags: ['privacy'],
    response: privacyStatusSchema,
  },
  'privacy.consent': {
    summary: 'Accept the current privacy notice (and the separate consent for sensitive information)',
    tags: ['privacy'],
    body: privacyConsentRequest,
    response: privacyStatusSchema,
    errors: ['PRIVACY_POLICY_OUTDATED'],
  },
  'privacy.export': {
    summary: 'Everything held about my account (profiles masked, bookings, bills, consents)',
    tags: ['privacy'],
    response: privacyExportSchema,
  },
  'privacy.deleteAccount': {
    summary: 'Delete my account: sign-ins ended, profiles erased; bookings and bills kept, detached from me',
    tags: ['privacy'],
    body: accountDeleteRequest,
    errors: ['ACCOUNT_DELETE_BLOCKED'],
  },
} as const satisfies EndpointContracts;
