import { z } from 'zod';
import {
  DOCUMENT_TYPES,
  type DocumentType,
  ID_TYPES,
  type IdType,
  RELATIONSHIPS,
  SEXES,
  type Sex,
} from '../enums';
import { fieldError } from '../field-messages';
import {
  ageOn,
  birthDateBounds,
  checkIdNumber,
  IDENTITY_MESSAGES,
  type IdentityMessageKey,
  isBirthDate,
  normalizeMobile,
  numberCarriesBirthFacts,
} from '../identity';
import { idParams } from './common';
import type { EndpointContracts } from './endpoints';

// ---- the rules of a profile's fields, one function both the contract and the mini-program's form run

/** From this age a patient registers with a document of their own (居民身份证法 art. 2: from 16 one must hold one). */
export const CHILD_NO_ID_MAX_AGE = 15;

/** A form's fields, as typed: what {@link checkProfileInput} checks. */
export interface ProfileDraft {
  name: string;
  idType: IdType;
  idNumber?: string;
  phone: string;
  birthDate?: string;
  sex?: Sex;
  guardianName?: string;
  guardianIdType?: DocumentType;
  guardianIdNumber?: string;
}
export type ProfileField = keyof ProfileDraft;

/** One field's problem: the field and the message key (IDENTITY_MESSAGES; zh and en). */
export interface ProfileIssue {
  field: ProfileField;
  key: IdentityMessageKey;
}

/** Who a valid draft is, normalised: the number as stored, and the birth date and sex as read or given. */
export interface ProfileIdentity {
  idType: IdType;
  /** Null for CHILD_NO_ID: the guardian's document identifies the child. */
  idNumber: string | null;
  birthDate: string;
  sex: Sex;
  guardian: { name: string; idType: DocumentType; idNumber: string } | null;
}

/**
 * A person's name as hospitals register it (the name on the document), or the reason it is refused.
 *
 * @param name - raw input
 * @returns null when acceptable, else the message key
 */
export function nameIssue(name: string): IdentityMessageKey | null {
  const trimmed = name.trim();
  if (!trimmed) return 'nameRequired';
  if (Array.from(trimmed).length > 30) return 'nameTooLong';
  if (!/^[\p{L}\p{M}·. '-]+$/u.test(trimmed)) return 'nameCharacters';
  return null;
}

/**
 * Every problem of a new profile at once, field by field, and the normalised identity when there is none
 * (docs/decisions/019-identity-documents.md):
 *
 * - a document whose number carries the birth date and sex (resident ID, 2023 Foreign Permanent Resident ID)
 *   gives them; a birth date or sex sent with it must agree;
 * - other documents need the birth date (1900-01-01 to today, China Standard Time) and the sex;
 * - CHILD_NO_ID: no number of the child's own, the child's birth date (under 16) and sex, and the guardian's
 *   name and document, checked by the document's own rule.
 *
 * @param draft - the fields as typed
 * @param today - reference instant (birth dates, the child's age)
 * @returns the issues (empty when valid) and the identity (null unless every identity field is valid)
 */
export function checkProfileInput(
  draft: ProfileDraft,
  today: Date = new Date(),
): { issues: ProfileIssue[]; identity: ProfileIdentity | null } {
  const issues: ProfileIssue[] = [];
  const add = (field: ProfileField, key: IdentityMessageKey) => issues.push({ field, key });

  const name = nameIssue(draft.name);
  if (name) add('name', name);
  if (normalizeMobile(draft.phone) === null) add('phone', 'mobile');

  let idNumber: string | null = null;
  let derived: { birthDate: string; sex: Sex } | null = null;
  /** False while the document's number is invalid and might carry the birth date and sex itself. */
  let needsBirthFacts = true;
  let guardian: ProfileIdentity['guardian'] = null;
  const child = draft.idType === 'CHILD_NO_ID';

  if (draft.idType === 'CHILD_NO_ID') {
    if (draft.idNumber?.trim()) add('idNumber', 'childNoNumber');
    const guardianName = nameIssue(draft.guardianName ?? '');
    if (guardianName)
      add('guardianName', guardianName === 'nameRequired' ? 'guardianNameRequired' : guardianName);
    if (!draft.guardianIdType) add('guardianIdType', 'guardianIdTypeRequired');
    else {
      const g = checkIdNumber(draft.guardianIdType, draft.guardianIdNumber ?? '', today);
      if (!g.ok) add('guardianIdNumber', g.message);
      else if (!guardianName) {
        guardian = { name: draft.guardianName!.trim(), idType: draft.guardianIdType, idNumber: g.normalized };
      }
    }
  } else {
    const guardianField = (['guardianName', 'guardianIdType', 'guardianIdNumber'] as const).find(
      (f) => draft[f] !== undefined && draft[f] !== '',
    );
    if (guardianField) add(guardianField, 'guardianNotApplicable');
    const c = checkIdNumber(draft.idType, draft.idNumber ?? '', today);
    if (c.ok) {
      idNumber = c.normalized;
      if (c.birthDate && c.sex) derived = { birthDate: c.birthDate, sex: c.sex };
    } else {
      add('idNumber', c.message);
      needsBirthFacts = !numberCarriesBirthFacts(draft.idType, draft.idNumber ?? '');
    }
  }

  if (derived) {
    if (draft.birthDate && draft.birthDate !== derived.birthDate) add('birthDate', 'birthDateMismatch');
    if (draft.sex && draft.sex !== derived.sex) add('sex', 'sexMismatch');
  } else {
    if (!draft.birthDate) {
      if (needsBirthFacts) add('birthDate', 'birthDateRequired');
    } else if (!isBirthDate(draft.birthDate, today)) add('birthDate', 'birthDateInvalid');
    else if (child && ageOn(draft.birthDate, birthDateBounds(today).max) > CHILD_NO_ID_MAX_AGE) {
      add('birthDate', 'childTooOld');
    }
    if (!draft.sex && needsBirthFacts) add('sex', 'sexRequired');
  }

  if (issues.length) return { issues, identity: null };
  return {
    issues,
    identity: {
      idType: draft.idType,
      idNumber,
      birthDate: derived?.birthDate ?? draft.birthDate!,
      sex: derived?.sex ?? draft.sex!,
      guardian,
    },
  };
}

/** The issues as zod issues: the Chinese message, the key for clients that show another language. */
function addIssues(ctx: z.RefinementCtx, issues: readonly ProfileIssue[]) {
  for (const { field, key } of issues) {
    ctx.addIssue({ code: 'custom', path: [field], message: IDENTITY_MESSAGES[key].zh, params: { key } });
  }
}

// ---- contracts

/**
 * Every field is checked by {@link checkProfileInput}, so an API client gets all field errors at once,
 * the same ones the mini-program shows before sending.
 */
export const profileCreateRequest = z
  .strictObject({
    name: z.string().trim(),
    idType: z.enum(ID_TYPES),
    /** The document's number; absent for CHILD_NO_ID. */
    idNumber: z.string().trim().optional(),
    phone: z.string(),
    relationship: z.enum(RELATIONSHIPS),
    /** YYYY-MM-DD. Read from a number that carries it (and refused if it disagrees); required otherwise. */
    birthDate: z.string().optional(),
    sex: z.enum(SEXES).optional(),
    /** CHILD_NO_ID only: the guardian whose document registers the child. */
    guardianName: z.string().trim().optional(),
    guardianIdType: z.enum(DOCUMENT_TYPES).optional(),
    guardianIdNumber: z.string().trim().optional(),
  })
  .superRefine((value, ctx) => addIssues(ctx, checkProfileInput(value).issues))
  .meta({ id: 'ProfileCreateRequest' });
export type ProfileCreateRequest = z.infer<typeof profileCreateRequest>;

/** The ID itself cannot change: a real-name profile with another ID is another person. */
export const profileUpdateRequest = z
  .strictObject({
    name: z.string().trim().optional(),
    phone: z.string().optional(),
    relationship: z.enum(RELATIONSHIPS).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, fieldError('atLeastOneChange'))
  .superRefine((value, ctx) => {
    const name = value.name === undefined ? null : nameIssue(value.name);
    addIssues(ctx, [
      ...(name ? [{ field: 'name' as const, key: name }] : []),
      ...(value.phone !== undefined && normalizeMobile(value.phone) === null
        ? [{ field: 'phone' as const, key: 'mobile' as const }]
        : []),
    ]);
  })
  .meta({ id: 'ProfileUpdateRequest' });
export type ProfileUpdateRequest = z.infer<typeof profileUpdateRequest>;

export const profileSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    idType: z.enum(ID_TYPES),
    /** Always masked, e.g. 1****************4: the full number never leaves the server. Null for CHILD_NO_ID. */
    idNumberMasked: z.string().nullable(),
    /** CHILD_NO_ID: the guardian whose document registers the child (masked the same way); else null. */
    guardian: z
      .object({ name: z.string(), idType: z.enum(DOCUMENT_TYPES), idNumberMasked: z.string() })
      .nullable(),
    phoneMasked: z.string(),
    birthDate: z.string(),
    sex: z.enum(SEXES),
    relationship: z.enum(RELATIONSHIPS),
    createdAt: z.string(),
  })
  .meta({ id: 'Profile' });
export type Profile = z.infer<typeof profileSchema>;

export const profileListResponse = z
  .object({ items: z.array(profileSchema), max: z.number().int() })
  .meta({ id: 'ProfileList' });

// ---- endpoints (method, path and access: shared/src/api/endpoints.ts)

export const profileEndpoints = {
  'profiles.list': {
    summary: 'My patient profiles (就诊人)',
    tags: ['profiles'],
    response: profileListResponse,
  },
  'profiles.create': {
    summary: 'Add a real-name patient profile',
    tags: ['profiles'],
    body: profileCreateRequest,
    response: profileSchema,
    errors: ['PROFILE_LIMIT_REACHED', 'PROFILE_DUPLICATE_ID', 'PRIVACY_CONSENT_REQUIRED'],
  },
  'profiles.get': {
    summary: 'One of my profiles',
    tags: ['profiles'],
    params: idParams,
    response: profileSchema,
  },
  'profiles.update': {
    summary: 'Change a profile’s name, phone or relationship (the ID number cannot change)',
    tags: ['profiles'],
    params: idParams,
    body: profileUpdateRequest,
    response: profileSchema,
    errors: ['PRIVACY_CONSENT_REQUIRED'],
  },
  'profiles.remove': {
    summary: 'Remove a profile',
    tags: ['profiles'],
    params: idParams,
  },
} as const satisfies EndpointContracts;
