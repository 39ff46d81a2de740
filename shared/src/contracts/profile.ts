import { z } from 'zod';
import { ID_TYPES, RELATIONSHIPS, SEXES } from '../enums';
import { IDENTITY_MESSAGES, mobileSchema, validatePassport, validateResidentId } from '../identity';
import { idParams, localDateSchema } from './common';
import type { EndpointContracts } from './endpoints';

const nameSchema = z
  .string()
  .trim()
  .min(1, '请输入就诊人姓名')
  .max(30, '姓名最多 30 个字符')
  .regex(/^[\p{L}\p{M}·. '-]+$/u, '姓名只能包含文字、空格、间隔号·和连字符');

const RESIDENT_ID_MESSAGES = {
  FORMAT: IDENTITY_MESSAGES.residentIdFormat,
  BIRTH_DATE: IDENTITY_MESSAGES.residentIdBirthDate,
  CHECKSUM: IDENTITY_MESSAGES.residentIdChecksum,
} as const;

export const profileCreateRequest = z
  .strictObject({
    name: nameSchema,
    idType: z.enum(ID_TYPES),
    idNumber: z.string().trim().min(1, '请输入证件号码').max(32),
    phone: mobileSchema,
    relationship: z.enum(RELATIONSHIPS),
    /** Required for passports; derived from a resident ID (and refused if it disagrees). */
    birthDate: localDateSchema.optional(),
    sex: z.enum(SEXES).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.idType === 'RESIDENT_ID') {
      const result = validateResidentId(value.idNumber);
      if (!result.ok) {
        ctx.addIssue({
          code: 'custom',
          path: ['idNumber'],
          message: RESIDENT_ID_MESSAGES[result.reason],
        });
        return;
      }
      if (value.birthDate && value.birthDate !== result.birthDate) {
        ctx.addIssue({ code: 'custom', path: ['birthDate'], message: '出生日期与身份证号码不一致' });
      }
      if (value.sex && value.sex !== result.sex) {
        ctx.addIssue({ code: 'custom', path: ['sex'], message: '性别与身份证号码不一致' });
      }
    } else {
      if (!validatePassport(value.idNumber).ok) {
        ctx.addIssue({ code: 'custom', path: ['idNumber'], message: IDENTITY_MESSAGES.passport });
      }
      if (!value.birthDate)
        ctx.addIssue({ code: 'custom', path: ['birthDate'], message: '使用护照时请填写出生日期' });
      if (!value.sex) ctx.addIssue({ code: 'custom', path: ['sex'], message: '使用护照时请选择性别' });
    }
  })
  .meta({ id: 'ProfileCreateRequest' });
export type ProfileCreateRequest = z.infer<typeof profileCreateRequest>;

/** The ID itself cannot change: a real-name profile with another ID is another person. */
export const profileUpdateRequest = z
  .strictObject({
    name: nameSchema.optional(),
    phone: mobileSchema.optional(),
    relationship: z.enum(RELATIONSHIPS).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, '至少修改一项')
  .meta({ id: 'ProfileUpdateRequest' });
export type ProfileUpdateRequest = z.infer<typeof profileUpdateRequest>;

export const profileSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    idType: z.enum(ID_TYPES),
    /** Always masked, e.g. 1****************4: the full number never leaves the server. */
    idNumberMasked: z.string(),
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
    errors: ['PROFILE_LIMIT_REACHED', 'PROFILE_DUPLICATE_ID'],
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
  },
  'profiles.remove': {
    summary: 'Remove a profile',
    tags: ['profiles'],
    params: idParams,
  },
} as const satisfies EndpointContracts;
