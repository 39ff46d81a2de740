/**
 * Identity-document and contact helpers shared by the server and the mini-program.
 *
 * Everything here is pure and free of runtime dependencies other than zod, so it can
 * run unchanged inside the WeChat mini-program JS engine. The documents hospitals accept,
 * and why each rule is as it is: docs/decisions/019-identity-documents.md.
 */
import { z } from 'zod';
import type { DocumentType, IdType, Sex } from './enums';
import type { Locale } from './errors';

/** Why a resident identity number was rejected. */
export type ResidentIdFailureReason = 'FORMAT' | 'BIRTH_DATE' | 'CHECKSUM';

/** Result of {@link validateResidentId}. */
export type ResidentIdResult =
  | { ok: true; normalized: string; birthDate: string; sex: Sex }
  | { ok: false; reason: ResidentIdFailureReason };

/** Result of {@link validatePassport}. */
export type PassportResult = { ok: true; normalized: string } | { ok: false; reason: 'FORMAT' };

/**
 * User-facing messages, kept next to the rules so the wording cannot drift from them. The server's field
 * errors carry the Chinese text (and the key, as the issue's `params.key`); the mini-program shows the
 * reader's language from the same key.
 */
export const IDENTITY_MESSAGES = {
  residentIdFormat: {
    zh: '身份证号码格式不正确，应为18位',
    en: 'A resident ID number has 18 characters: 17 digits and a digit or X',
  },
  residentIdBirthDate: {
    zh: '身份证号码中的出生日期无效',
    en: 'The birth date inside this resident ID number is not a real date',
  },
  residentIdChecksum: {
    zh: '身份证号码校验失败，请核对后重新输入',
    en: 'This resident ID number does not add up; check it and type it again',
  },
  hkMacaoPermit: {
    zh: '港澳居民来往内地通行证号码格式不正确，应为H或M加8位数字',
    en: 'A Hong Kong or Macao resident’s Mainland Travel Permit number is H or M and 8 digits',
  },
  taiwanPermit: {
    zh: '台湾居民来往大陆通行证号码格式不正确，应为8位数字',
    en: 'A Taiwan resident’s Mainland Travel Permit number has 8 digits',
  },
  foreignIdFormat: {
    zh: '外国人永久居留身份证号码格式不正确，应为3位字母加12位数字，或以9开头的18位号码',
    en: 'A Foreign Permanent Resident ID number is 3 letters and 12 digits, or 18 characters beginning with 9',
  },
  foreignIdBirthDate: {
    zh: '永久居留身份证号码中的出生日期无效',
    en: 'The birth date inside this Permanent Resident ID number is not a real date',
  },
  foreignIdChecksum: {
    zh: '永久居留身份证号码校验失败，请核对后重新输入',
    en: 'This Permanent Resident ID number does not add up; check it and type it again',
  },
  passport: {
    zh: '护照号码格式不正确，应为5至17位字母或数字',
    en: 'A passport number has 5 to 17 letters or digits',
  },
  idNumberRequired: { zh: '请输入证件号码', en: 'Enter the ID number' },
  mobile: { zh: '请输入正确的11位手机号码', en: 'Enter an 11-digit mainland mobile number' },
  nameRequired: { zh: '请输入就诊人姓名', en: 'Enter the patient’s name' },
  nameTooLong: { zh: '姓名最多 30 个字符', en: 'A name has at most 30 characters' },
  nameCharacters: {
    zh: '姓名只能包含文字、空格、间隔号·和连字符',
    en: 'A name may contain letters, spaces, the middle dot · and hyphens only',
  },
  birthDateRequired: { zh: '请选择出生日期', en: 'Choose the date of birth' },
  birthDateInvalid: {
    zh: '出生日期无效，应在1900年1月1日至今天之间',
    en: 'The date of birth must be a real date from 1 January 1900 to today',
  },
  birthDateMismatch: {
    zh: '出生日期与证件号码不一致',
    en: 'The date of birth differs from the one in the ID number',
  },
  sexRequired: { zh: '请选择性别', en: 'Choose the sex' },
  sexMismatch: { zh: '性别与证件号码不一致', en: 'The sex differs from the one in the ID number' },
  childNoNumber: {
    zh: '无证件儿童不填写本人证件号码，请填写监护人证件',
    en: 'A child without an ID has no number of their own: give the guardian’s ID instead',
  },
  childTooOld: {
    zh: '年满16周岁应使用本人证件，请选择本人的证件类型',
    en: 'From 16 a patient registers with an ID of their own: choose its type',
  },
  guardianNameRequired: { zh: '请输入监护人姓名', en: 'Enter the guardian’s name' },
  guardianNotApplicable: {
    zh: '只有无证件儿童需要填写监护人信息',
    en: 'Only a child without an ID is registered with a guardian',
  },
  guardianIdTypeRequired: {
    zh: '请选择监护人的证件类型',
    en: 'Choose the type of the guardian’s ID',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

/** A key of {@link IDENTITY_MESSAGES}. */
export type IdentityMessageKey = keyof typeof IDENTITY_MESSAGES;

/**
 * The message for a key in a locale.
 *
 * @param key - the rule that failed
 * @param locale - the reader's language
 * @returns the sentence to show at the field
 */
export function identityMessage(key: IdentityMessageKey, locale: Locale = 'zh-CN'): string {
  return locale === 'en' ? IDENTITY_MESSAGES[key].en : IDENTITY_MESSAGES[key].zh;
}

/**
 * Result of {@link checkIdNumber}: the normalized number and, where the number carries them (18-character
 * layouts), the holder's birth date and sex.
 */
export type IdNumberCheck =
  | { ok: true; normalized: string; birthDate?: string; sex?: Sex }
  | { ok: false; message: IdentityMessageKey };

const RESIDENT_ID_PATTERN = /^\d{17}[\dX]$/;

// GB 11643-1999 weights are 2^(18-i) mod 11 for positions i = 1..17.
const CHECKSUM_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECKSUM_CHARS = '10X98765432';

// Province-level division codes (GB/T 2260) that can head an 18-character id. Besides the
// mainland provinces: 71 is Taiwan's code in GB/T 2260, 81/82/83 head residence permits of
// Hong Kong/Macao/Taiwan residents, and 91 heads a 2023 Foreign Permanent Resident ID issued in
// Beijing; all share the same 18-character layout and checksum. (Such permits were accepted as
// resident IDs before the document types below existed, so they still are.)
const MAINLAND_PROVINCE_RANGES: ReadonlyArray<readonly [from: number, to: number]> = [
  [11, 15],
  [21, 23],
  [31, 37],
  [41, 46],
  [50, 54],
  [61, 65],
];
const codesIn = (ranges: ReadonlyArray<readonly [from: number, to: number]>): ReadonlySet<string> =>
  new Set(
    ranges.flatMap(([from, to]) => {
      const codes: string[] = [];
      for (let code = from; code <= to; code += 1) codes.push(String(code));
      return codes;
    }),
  );
const MAINLAND_PROVINCE_CODES = codesIn(MAINLAND_PROVINCE_RANGES);
const PROVINCE_CODES = codesIn([...MAINLAND_PROVINCE_RANGES, [71, 71], [81, 83], [91, 91]]);

const EARLIEST_BIRTH_DATE = '1900-01-01';

// Mainland China has used UTC+8 without daylight saving since 1991, so a fixed offset
// gives the local calendar date without pulling in a time-zone database. Using the
// server's own zone instead would reject babies born after local midnight on a UTC host.
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * Computes the GB 11643-1999 (ISO 7064 MOD 11-2) check character for the first 17 digits.
 *
 * @param first17 - exactly 17 ASCII digits
 * @returns the expected 18th character: `0`-`9` or `X`
 * @throws RangeError when `first17` is not 17 digits
 */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError('residentIdCheckChar expects exactly 17 digits');
  }
  const sum = CHECKSUM_WEIGHTS.reduce((acc, weight, i) => acc + Number(first17.charAt(i)) * weight, 0);
  return CHECKSUM_CHARS.charAt(sum % 11);
}

/**
 * Validates an 18-character mainland resident identity card number (GB 11643-1999).
 *
 * Checks are applied in order FORMAT (length, characters, province code), BIRTH_DATE,
 * CHECKSUM, so a typo inside the birth date is reported as the more specific error.
 * Old 15-digit numbers are refused as FORMAT: they were withdrawn in 2013 and carry no
 * check digit.
 *
 * @param id - raw user input; surrounding whitespace is trimmed and `x` upper-cased
 * @param today - reference instant for the "not born in the future" rule, evaluated as a
 *   calendar date in China Standard Time (UTC+8)
 * @returns the normalized number with birth date (YYYY-MM-DD) and sex, or a failure reason
 */
export function validateResidentId(id: string, today: Date = new Date()): ResidentIdResult {
  const normalized = id.trim().toUpperCase();
  if (!RESIDENT_ID_PATTERN.test(normalized) || !PROVINCE_CODES.has(normalized.slice(0, 2))) {
    return { ok: false, reason: 'FORMAT' };
  }
  return checkEighteen(normalized, today);
}

/**
 * The checks every 18-character GB 11643 layout shares (resident IDs, residence permits, the 2023
 * Foreign Permanent Resident ID): birth date in characters 7-14, check character last, and the 17th
 * character odd for men and even for women.
 */
function checkEighteen(normalized: string, today: Date): ResidentIdResult {
  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  if (!isBirthDate(birthDate, today)) return { ok: false, reason: 'BIRTH_DATE' };

  if (residentIdCheckChar(normalized.slice(0, 17)) !== normalized.charAt(17)) {
    return { ok: false, reason: 'CHECKSUM' };
  }

  // The 17th character is the sequence code's last digit: odd for men, even for women.
  const sex = Number(normalized.charAt(16)) % 2 === 1 ? 'MALE' : 'FEMALE';
  return { ok: true, normalized, birthDate, sex };
}

/**
 * Tells whether a YYYY-MM-DD string can be someone's date of birth: a real date from 1900-01-01 up to
 * today's date in China Standard Time (UTC+8), whatever the zone of the device or server.
 *
 * @param birthDate - YYYY-MM-DD
 * @param today - reference instant
 * @returns true when the date is real and in range
 */
export function isBirthDate(birthDate: string, today: Date = new Date()): boolean {
  // ISO date strings of equal length compare correctly as plain strings.
  return isCalendarDate(birthDate) && birthDate >= EARLIEST_BIRTH_DATE && birthDate <= chinaDateString(today);
}

/** The earliest and latest dates of birth a person may have today (YYYY-MM-DD, China Standard Time). */
export function birthDateBounds(today: Date = new Date()): { min: string; max: string } {
  return { min: EARLIEST_BIRTH_DATE, max: chinaDateString(today) };
}

/**
 * Validates a passport number loosely: 5-17 letters or digits.
 *
 * Issuing countries use very different layouts, so only the character set and the
 * ICAO machine-readable-zone length limits are enforced.
 *
 * @param no - raw user input; trimmed and upper-cased before checking
 * @returns the normalized number, or a FORMAT failure
 */
export function validatePassport(no: string): PassportResult {
  const normalized = no.trim().toUpperCase();
  if (!/^[A-Z0-9]{5,17}$/.test(normalized)) {
    return { ok: false, reason: 'FORMAT' };
  }
  return { ok: true, normalized };
}

/**
 * Validates a 港澳居民来往内地通行证 (回乡证) number: `H` (Hong Kong) or `M` (Macao) and 8 digits, the holder's
 * lifelong number. The card also prints a 2-digit issue count after it; typed together (`H1234567801`) the
 * count is dropped, so a renewed card is the same person.
 *
 * @param no - raw user input; trimmed and upper-cased before checking
 * @returns the normalized 9-character number, or a FORMAT failure
 */
export function validateHkMacaoPermit(no: string): PassportResult {
  const match = /^([HM]\d{8})(?:\d{2})?$/.exec(no.trim().toUpperCase());
  return match ? { ok: true, normalized: match[1]! } : { ok: false, reason: 'FORMAT' };
}

/**
 * Validates a 台湾居民来往大陆通行证 (台胞证) number: the 8 digits of the card issued since 2015. The booklets
 * before it have all expired, and their numbers (with a re-issue letter) are not accepted.
 *
 * @param no - raw user input; trimmed before checking
 * @returns the normalized number, or a FORMAT failure
 */
export function validateTaiwanPermit(no: string): PassportResult {
  const normalized = no.trim();
  return /^\d{8}$/.test(normalized) ? { ok: true, normalized } : { ok: false, reason: 'FORMAT' };
}

/**
 * Validates a 外国人永久居留身份证 number in either form:
 *
 * - 2017 form: 3 letters (the nationality) and 12 digits — only the layout is checked;
 * - 2023 form: 18 characters, `9` then the province code where it was issued, laid out like a resident ID
 *   (birth date in characters 7-14, sex in the 17th, GB 11643 check character), so the birth date and
 *   sex come from the number.
 *
 * @param no - raw user input; trimmed and upper-cased before checking
 * @param today - reference instant for the birth-date check of the 2023 form
 * @returns the normalized number (with birth date and sex for the 2023 form), or a failure reason
 */
export function validateForeignPermanentId(
  no: string,
  today: Date = new Date(),
): ResidentIdResult | { ok: true; normalized: string; birthDate?: undefined; sex?: undefined } {
  const normalized = no.trim().toUpperCase();
  if (/^[A-Z]{3}\d{12}$/.test(normalized)) return { ok: true, normalized };
  if (!/^9\d{16}[\dX]$/.test(normalized) || !MAINLAND_PROVINCE_CODES.has(normalized.slice(1, 3))) {
    return { ok: false, reason: 'FORMAT' };
  }
  return checkEighteen(normalized, today);
}

/**
 * Checks a document number by its type, with the message to show when it fails.
 *
 * @param type - the document
 * @param raw - raw user input
 * @param today - reference instant for birth dates inside numbers
 * @returns the normalized number, with birth date and sex when the number carries them, or the message key
 */
export function checkIdNumber(type: DocumentType, raw: string, today: Date = new Date()): IdNumberCheck {
  if (!raw.trim()) return { ok: false, message: 'idNumberRequired' };
  switch (type) {
    case 'RESIDENT_ID': {
      const r = validateResidentId(raw, today);
      if (r.ok) return r;
      return { ok: false, message: RESIDENT_ID_MESSAGES[r.reason] };
    }
    case 'FOREIGN_PERMANENT_ID': {
      const r = validateForeignPermanentId(raw, today);
      if (r.ok) return r;
      return { ok: false, message: FOREIGN_ID_MESSAGES[r.reason] };
    }
    case 'HK_MACAO_PERMIT': {
      const r = validateHkMacaoPermit(raw);
      return r.ok ? r : { ok: false, message: 'hkMacaoPermit' };
    }
    case 'TAIWAN_PERMIT': {
      const r = validateTaiwanPermit(raw);
      return r.ok ? r : { ok: false, message: 'taiwanPermit' };
    }
    case 'PASSPORT': {
      const r = validatePassport(raw);
      return r.ok ? r : { ok: false, message: 'passport' };
    }
  }
}

/**
 * Tells whether a number of this document type carries the holder's birth date and sex (the 18-character
 * layouts): always for a resident ID, for a Foreign Permanent Resident ID in its 2023 form (beginning with 9).
 * Forms read the birth date and sex from such a number instead of asking for them.
 *
 * @param type - the document
 * @param raw - the number as typed so far
 * @returns true when birth date and sex come from the number
 */
export function numberCarriesBirthFacts(type: DocumentType, raw: string): boolean {
  return type === 'RESIDENT_ID' || (type === 'FOREIGN_PERMANENT_ID' && /^\s*9/.test(raw));
}

const RESIDENT_ID_MESSAGES = {
  FORMAT: 'residentIdFormat',
  BIRTH_DATE: 'residentIdBirthDate',
  CHECKSUM: 'residentIdChecksum',
} as const satisfies Record<ResidentIdFailureReason, IdentityMessageKey>;

const FOREIGN_ID_MESSAGES = {
  FORMAT: 'foreignIdFormat',
  BIRTH_DATE: 'foreignIdBirthDate',
  CHECKSUM: 'foreignIdChecksum',
} as const satisfies Record<ResidentIdFailureReason, IdentityMessageKey>;

/**
 * Normalizes a mainland China mobile number to its bare 11 digits.
 *
 * Accepts spaces and hyphens anywhere and an optional `+86` / `86` country prefix. The
 * bare `86` prefix is unambiguous because mainland mobile numbers always start with 1.
 *
 * @param phone - raw user input
 * @returns the 11-digit number, or null when the input is not a mainland mobile number
 */
export function normalizeMobile(phone: string): string | null {
  const compact = phone.replace(/[\s-]/g, '');
  const match = /^(?:\+?86)?(1[3-9]\d{9})$/.exec(compact);
  return match?.[1] ?? null;
}

/**
 * Tells whether the input is a mainland China mobile number (see {@link normalizeMobile}).
 *
 * @param phone - raw user input
 * @returns true when the input normalizes to `1[3-9]` followed by 9 digits
 */
export function isMainlandMobile(phone: string): boolean {
  return normalizeMobile(phone) !== null;
}

/**
 * Masks an identity document number for display. Every mask hides at least half of the
 * characters, whatever the document and its length, and keeps the length.
 *
 * - 18 characters (a resident ID, a 2023 Foreign Permanent Resident ID, or a permit with the
 *   same layout): only the first and last character show (`1****************4`). Its middle is
 *   the birth date and the sequence number, and the owner's answer states the birth date and
 *   sex: showing the region digits or the sequence would leave only a handful of possible numbers.
 * - Travel permits and the 2017 Foreign Permanent Resident ID (`HK_MACAO_PERMIT`,
 *   `TAIWAN_PERMIT`, `FOREIGN_PERMANENT_ID`): the first character and the last two
 *   (`H******78`, `1*****78`, `U************12`), so neither the nationality letters nor most of
 *   the digits show.
 * - Other documents (passports: 5 to 17 characters): ⌊length / 4⌋ characters at each
 *   end, at most 3 (`E12345678` → `E1*****78`); fewer than 4 characters are masked
 *   completely.
 *
 * Masking a masked value changes nothing, and the characters it keeps are a subset of
 * those earlier versions kept (4 and 4, or 1 and 1), so re-masking a stored mask is safe.
 *
 * @param id - document number; surrounding whitespace is ignored
 * @param type - the document, when known (passports and unknown documents share the generic rule)
 * @returns the masked number
 */
export function maskIdNumber(id: string, type?: IdType): string {
  const chars = Array.from(id.trim());
  if (chars.length === 18) return keepEnds(chars, 1, 1);
  if (
    (type === 'HK_MACAO_PERMIT' || type === 'TAIWAN_PERMIT' || type === 'FOREIGN_PERMANENT_ID') &&
    chars.length >= 6
  ) {
    return keepEnds(chars, 1, 2);
  }
  const keep = Math.min(3, Math.floor(chars.length / 4));
  return keepEnds(chars, keep, keep);
}

/**
 * Masks a phone number for display: `13812345678` becomes `*******5678` (尾号 5678).
 *
 * Mainland mobile numbers are normalized first, so `+86 138-1234-5678` masks the same.
 * Numbers of at least 8 characters (after dropping spaces and hyphens) keep only their
 * last 4, so at least half is hidden; anything shorter is masked completely. Masking a
 * masked value (`138****5678`, as earlier versions stored it) gives the same result.
 *
 * @param p - raw phone number
 * @returns the masked number
 */
export function maskPhone(p: string): string {
  const compact = normalizeMobile(p) ?? p.replace(/[\s-]/g, '');
  const chars = Array.from(compact);
  if (chars.length < 8) return '*'.repeat(chars.length);
  return keepEnds(chars, 0, 4);
}

/**
 * Masks a person's name for display.
 *
 * - Chinese-style names: 1 character → `*`, 2 → first + `*`, 3 or more → first, `*` for
 *   each middle character, last (`欧阳娜娜` → `欧**娜`).
 * - Latin-style names (containing an ASCII letter, or whitespace between non-Han words):
 *   first letter of each word followed by `*` for the rest (`John Smith` → `J*** S****`).
 *
 * Whitespace inside an all-Han name is dropped instead of splitting words, since `张 三`
 * would otherwise come back unmasked. Characters are counted by code point (after NFC
 * normalization), so rare ideographs outside the BMP and emoji are never split in half.
 *
 * @param name - the name as entered
 * @returns the masked name
 */
export function maskName(name: string): string {
  const trimmed = name.normalize('NFC').trim();
  const hasWhitespace = /\s/.test(trimmed);
  const isLatin = /[A-Za-z]/.test(trimmed) || (hasWhitespace && !/^[\p{Script=Han}\s]+$/u.test(trimmed));

  if (isLatin) {
    return trimmed
      .split(/\s+/)
      .map((word) => {
        const chars = Array.from(word);
        return (chars[0] ?? '') + '*'.repeat(Math.max(chars.length - 1, 0));
      })
      .join(' ');
  }

  const chars = Array.from(trimmed.replace(/\s+/g, ''));
  if (chars.length <= 1) return '*'.repeat(chars.length);
  if (chars.length === 2) return `${chars[0]}*`;
  return keepEnds(chars, 1, 1);
}

/**
 * Computes a person's age in completed years on a given date.
 *
 * Someone born on 29 February turns a year older on 1 March in common years.
 *
 * @param birthDate - YYYY-MM-DD
 * @param onDate - YYYY-MM-DD, not earlier than `birthDate`
 * @returns full years elapsed
 * @throws RangeError when either date is not a real YYYY-MM-DD date or `onDate` precedes
 *   `birthDate`, since a silently wrong age would skew the elderly-priority flag
 */
export function ageOn(birthDate: string, onDate: string): number {
  if (!isCalendarDate(birthDate) || !isCalendarDate(onDate)) {
    throw new RangeError(`ageOn expects YYYY-MM-DD dates, got ${birthDate} and ${onDate}`);
  }
  if (onDate < birthDate) {
    throw new RangeError(`ageOn: ${onDate} is before the birth date ${birthDate}`);
  }
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  // Same-format MM-DD strings compare chronologically.
  return onDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** Resident identity number: validates and outputs the normalized 18 characters. */
export const residentIdSchema = z
  .string({ error: IDENTITY_MESSAGES.residentIdFormat.zh })
  .transform((value, ctx) => {
    const result = validateResidentId(value);
    if (result.ok) return result.normalized;
    const key = RESIDENT_ID_MESSAGES[result.reason];
    ctx.addIssue({
      code: 'custom',
      message: IDENTITY_MESSAGES[key].zh,
      input: value,
      params: { reason: result.reason, key },
    });
    return z.NEVER;
  });

/** Mainland mobile number: validates and outputs the bare 11 digits. */
export const mobileSchema = z.string({ error: IDENTITY_MESSAGES.mobile.zh }).transform((value, ctx) => {
  const normalized = normalizeMobile(value);
  if (normalized !== null) return normalized;
  ctx.addIssue({
    code: 'custom',
    message: IDENTITY_MESSAGES.mobile.zh,
    input: value,
    params: { key: 'mobile' },
  });
  return z.NEVER;
});

/** Passport number: validates and outputs the trimmed, upper-cased number. */
export const passportSchema = z.string({ error: IDENTITY_MESSAGES.passport.zh }).transform((value, ctx) => {
  const result = validatePassport(value);
  if (result.ok) return result.normalized;
  ctx.addIssue({
    code: 'custom',
    message: IDENTITY_MESSAGES.passport.zh,
    input: value,
    params: { key: 'passport' },
  });
  return z.NEVER;
});

/** Replaces everything between the kept head and tail with `*`, one per character. */
function keepEnds(chars: readonly string[], head: number, tail: number): string {
  const middle = chars.length - head - tail;
  return chars.slice(0, head).join('') + '*'.repeat(middle) + chars.slice(chars.length - tail).join('');
}

/** True for a YYYY-MM-DD string naming a real Gregorian date (so no 2023-02-29). */
function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Calendar date (YYYY-MM-DD) of an instant in China Standard Time. */
function chinaDateString(instant: Date): string {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('validateResidentId: today is an invalid Date');
  // Shifting by the offset and reading UTC fields avoids depending on the host's zone.
  return new Date(time + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10);
}
