/**
 * Identity-document and contact helpers shared by the server and the mini-program.
 *
 * Everything here is pure and free of runtime dependencies other than zod, so it can
 * run unchanged inside the WeChat mini-program JS engine.
 */
import { z } from 'zod';

/** Why a resident identity number was rejected. */
export type ResidentIdFailureReason = 'FORMAT' | 'BIRTH_DATE' | 'CHECKSUM';

/** Result of {@link validateResidentId}. */
export type ResidentIdResult =
  | { ok: true; normalized: string; birthDate: string; sex: 'MALE' | 'FEMALE' }
  | { ok: false; reason: ResidentIdFailureReason };

/** Result of {@link validatePassport}. */
export type PassportResult = { ok: true; normalized: string } | { ok: false; reason: 'FORMAT' };

/** User-facing messages, kept next to the rules so the wording cannot drift from them. */
export const IDENTITY_MESSAGES = {
  residentIdFormat: '身份证号码格式不正确，应为18位',
  residentIdBirthDate: '身份证号码中的出生日期无效',
  residentIdChecksum: '身份证号码校验失败，请核对后重新输入',
  mobile: '请输入正确的11位手机号码',
  passport: '护照号码格式不正确，应为5至17位字母或数字',
} as const;

const RESIDENT_ID_PATTERN = /^\d{17}[\dX]$/;

// GB 11643-1999 weights are 2^(18-i) mod 11 for positions i = 1..17.
const CHECKSUM_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECKSUM_CHARS = '10X98765432';

// Province-level division codes (GB/T 2260) that can head an 18-character id. Besides the
// mainland provinces: 71 is Taiwan's code in GB/T 2260, 81/82/83 head residence permits of
// Hong Kong/Macao/Taiwan residents, and 91 heads the 2023 foreigner permanent residence
// id, all of which share the same 18-character layout and checksum.
const PROVINCE_CODE_RANGES: ReadonlyArray<readonly [from: number, to: number]> = [
  [11, 15],
  [21, 23],
  [31, 37],
  [41, 46],
  [50, 54],
  [61, 65],
  [71, 71],
  [81, 83],
  [91, 91],
];
const PROVINCE_CODES: ReadonlySet<string> = new Set(
  PROVINCE_CODE_RANGES.flatMap(([from, to]) => {
    const codes: string[] = [];
    for (let code = from; code <= to; code += 1) codes.push(String(code));
    return codes;
  }),
);

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

  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  // ISO date strings of equal length compare correctly as plain strings.
  if (!isCalendarDate(birthDate) || birthDate < EARLIEST_BIRTH_DATE || birthDate > chinaDateString(today)) {
    return { ok: false, reason: 'BIRTH_DATE' };
  }

  if (residentIdCheckChar(normalized.slice(0, 17)) !== normalized.charAt(17)) {
    return { ok: false, reason: 'CHECKSUM' };
  }

  // The 17th character is the sequence code's last digit: odd for men, even for women.
  const sex = Number(normalized.charAt(16)) % 2 === 1 ? 'MALE' : 'FEMALE';
  return { ok: true, normalized, birthDate, sex };
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
 * - 18 characters (a resident ID, or a permit with the same layout): only the first and
 *   last character show (`1****************4`). Its middle is the birth date and the
 *   sequence number, and the owner's answer states the birth date and sex: showing the
 *   region digits or the sequence would leave only a handful of possible numbers.
 * - Other documents (passports: 5 to 17 characters): ⌊length / 4⌋ characters at each
 *   end, at most 3 (`E12345678` → `E1*****78`); fewer than 4 characters are masked
 *   completely.
 *
 * Masking a masked value changes nothing, and the characters it keeps are a subset of
 * those earlier versions kept (4 and 4, or 1 and 1), so re-masking a stored mask is safe.
 *
 * @param id - document number; surrounding whitespace is ignored
 * @returns the masked number
 */
export function maskIdNumber(id: string): string {
  const chars = Array.from(id.trim());
  if (chars.length === 18) return keepEnds(chars, 1, 1);
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
  .string({ error: IDENTITY_MESSAGES.residentIdFormat })
  .transform((value, ctx) => {
    const result = validateResidentId(value);
    if (result.ok) return result.normalized;
    const message = {
      FORMAT: IDENTITY_MESSAGES.residentIdFormat,
      BIRTH_DATE: IDENTITY_MESSAGES.residentIdBirthDate,
      CHECKSUM: IDENTITY_MESSAGES.residentIdChecksum,
    }[result.reason];
    ctx.addIssue({ code: 'custom', message, input: value, params: { reason: result.reason } });
    return z.NEVER;
  });

/** Mainland mobile number: validates and outputs the bare 11 digits. */
export const mobileSchema = z.string({ error: IDENTITY_MESSAGES.mobile }).transform((value, ctx) => {
  const normalized = normalizeMobile(value);
  if (normalized !== null) return normalized;
  ctx.addIssue({ code: 'custom', message: IDENTITY_MESSAGES.mobile, input: value });
  return z.NEVER;
});

/** Passport number: validates and outputs the trimmed, upper-cased number. */
export const passportSchema = z.string({ error: IDENTITY_MESSAGES.passport }).transform((value, ctx) => {
  const result = validatePassport(value);
  if (result.ok) return result.normalized;
  ctx.addIssue({ code: 'custom', message: IDENTITY_MESSAGES.passport, input: value });
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
