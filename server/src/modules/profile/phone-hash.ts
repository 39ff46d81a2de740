import { normalizeMobile } from '@hospital/shared';
import type { PiiCipher } from '../../security/pii';

/**
 * The keyed hash a profile's mobile number is found by (the registration desk's search): HMAC of the normalised
 * number under its own prefix, so it never equals the hash of an ID number with the same digits.
 */
export function phoneLookupHash(pii: PiiCipher, phone: string): string {
  return pii.hash(`phone:${normalizeMobile(phone) ?? phone}`);
}
