import { createHash } from 'node:crypto';
import { dateString, dateValue } from '@hospital/shared';

/**
 * Who a profile is, whichever account holds it (docs/decisions/019-identity-documents.md). A profile with a
 * document is its keyed hash (HMAC of type and number); a child without an ID (CHILD_NO_ID) has none, and is
 * the child of that guardian's document born on that day with that name — twins share the first two.
 */
export interface PersonFacts {
  idNumberHash: string | null;
  guardianIdNumberHash: string | null;
  birthDate: Date | string;
  name: string;
}

/** A name as a clerk and a patient may each write it: width, case, spaces and middle dots (·) aside. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s·•‧・.-]/gu, '')
    .toLowerCase();
}

const birthDateOf = (p: PersonFacts) =>
  typeof p.birthDate === 'string' ? p.birthDate : dateString(p.birthDate);

/**
 * The person's key (no-show suspensions, the offline account): the document's hash, or for a child without an
 * ID a hash of the guardian's document hash, the birth date and the name. The guardian's hash is keyed, so the
 * child's key cannot be computed from a name and birth date alone.
 *
 * @param p - the profile's identity fields
 * @returns a 64-character hex key, or null for a profile erased with its account (no identity left)
 */
export function personKey(p: PersonFacts): string | null {
  if (p.idNumberHash) return p.idNumberHash;
  if (!p.guardianIdNumberHash) return null;
  return createHash('sha256')
    .update(['CHILD_NO_ID', p.guardianIdNumberHash, birthDateOf(p), nameKey(p.name)].join('\u0000'))
    .digest('hex');
}

/**
 * What profiles of the same person have in common, as a filter on profiles: the same number, or the same
 * guardian's number and birth date. Keep only the rows with the same {@link personKey} (the name).
 *
 * @param p - the profile's identity fields
 * @returns a profile filter (indexed columns only)
 */
export function personCandidates(p: PersonFacts) {
  if (p.idNumberHash) return { idNumberHash: p.idNumberHash };
  return { guardianIdNumberHash: p.guardianIdNumberHash ?? '', birthDate: dateValue(birthDateOf(p)) };
}

/** True when two profiles are the same person (an erased profile is nobody's). */
export function samePerson(a: PersonFacts, b: PersonFacts): boolean {
  const key = personKey(a);
  return key !== null && key === personKey(b);
}
