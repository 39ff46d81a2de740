// Who may be booked where: departments, doctors and exam types may restrict sex and age (妇产科 female only,
// 儿科 up to the hospital's pediatric age, some exams one sex). One pure function decides, for the server's
// booking, waitlist and offer paths and for the mini-program's notice before a slot is picked. No zod, no
// luxon and no other module at run time (the mini-program may load it anywhere): dates are YYYY-MM-DD strings.
import type { Sex } from './enums';
import type { LocalNamed } from './local-name';

/** Whose restriction it is. */
export const ELIGIBILITY_SCOPES = ['DEPARTMENT', 'DOCTOR', 'EXAM_TYPE'] as const;
export type EligibilityScope = (typeof ELIGIBILITY_SCOPES)[number];

/** A department's, doctor's or exam type's own restriction as stored: null means any. */
export interface AgeSexRule {
  allowedSex: Sex | null;
  /** At least this many full years (周岁) on the visit day. */
  minAge: number | null;
  /** At most this many full years (周岁) on the visit day: refused from the next birthday on. */
  maxAge: number | null;
}

/** A department's rule; a pediatric (儿科) one takes the hospital's `eligibility.pediatricsMaxAge` too. */
export interface DepartmentRule extends AgeSexRule {
  pediatric: boolean;
}

/** One restriction that applies to a booking, resolved against the hospital's rules. */
export interface Restriction extends AgeSexRule {
  scope: EligibilityScope;
  /** The department's, doctor's or exam's name, for the sentence the patient reads. */
  name: string;
  /** Its English name, when the hospital gave one (the English sentence picks it through `localName`). */
  nameEn: string | null;
}

/** Why a profile may not be booked: the restriction it breaks and, for age, its age on the visit day. */
export type Ineligibility = Restriction & { reason: 'SEX' | 'AGE'; sex: Sex; age: number };

const restricts = (r: AgeSexRule) => r.allowedSex !== null || r.minAge !== null || r.maxAge !== null;

const lower = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));

/**
 * The restrictions that apply to booking a session (or a doctor, or an exam): its department's — with the
 * hospital's pediatric upper age when the department is pediatric, the lower of the two when it also has its
 * own — its doctor's and its exam type's. Rules that restrict nothing are left out, so `[]` means anyone.
 */
export function restrictionsFor(
  owners: {
    department?: (DepartmentRule & LocalNamed) | null;
    doctor?: (AgeSexRule & LocalNamed) | null;
    examType?: (AgeSexRule & LocalNamed) | null;
  },
  rules: { pediatricsMaxAge: number },
): Restriction[] {
  const out: Restriction[] = [];
  const add = (scope: EligibilityScope, o: AgeSexRule & LocalNamed) => {
    const r = {
      scope,
      name: o.name,
      nameEn: o.nameEn ?? null,
      allowedSex: o.allowedSex,
      minAge: o.minAge,
      maxAge: o.maxAge,
    };
    if (restricts(r)) out.push(r);
  };
  const { department: d, doctor, examType } = owners;
  if (d)
    add('DEPARTMENT', { ...d, maxAge: d.pediatric ? lower(d.maxAge, rules.pediatricsMaxAge) : d.maxAge });
  if (doctor) add('DOCTOR', doctor);
  if (examType) add('EXAM_TYPE', examType);
  return out;
}

/**
 * Full years (周岁) on a calendar day: one more on each birthday. Someone born on 29 February turns a year
 * older on 1 March in common years. Both days are YYYY-MM-DD; the visit day is the hospital's calendar day
 * (a session's date), never the phone's or the server's. The same rule as `ageOn` in identity.ts, which this
 * module cannot import (identity.ts loads zod); it never throws, since a listing may show days of any profile.
 */
function fullYears(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * Whether a profile may be booked under these restrictions on the visit day: null when it may, else the
 * first restriction it breaks (department first, then doctor, then exam; sex before age).
 */
export function ineligibility(
  patient: { sex: Sex; birthDate: string },
  restrictions: readonly Restriction[],
  visitDate: string,
): Ineligibility | null {
  const age = fullYears(patient.birthDate, visitDate);
  for (const r of restrictions) {
    if (r.allowedSex !== null && r.allowedSex !== patient.sex)
      return { ...r, reason: 'SEX', sex: patient.sex, age };
    if ((r.minAge !== null && age < r.minAge) || (r.maxAge !== null && age > r.maxAge)) {
      return { ...r, reason: 'AGE', sex: patient.sex, age };
    }
  }
  return null;
}
