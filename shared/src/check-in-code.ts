/**
 * What a booking's QR code carries for check-in at a registration window (docs/decisions/022): a versioned
 * string naming the booking and nothing else, `CHECKIN:1:<booking id>` with the id (a random UUID) in upper
 * case. No name, ID number, phone or visit time: a photographed code tells a stranger nothing, and a window's
 * console still needs a signed-in clerk to look the booking up. A random UUID cannot be guessed from another.
 *
 * Upper case keeps every character in the QR alphanumeric mode, which fits the whole code in a version 3
 * symbol (29 × 29 modules at error correction M) — large modules, easy for a window scanner.
 *
 * Imports nothing: the mini-program and the staff console both use it.
 */

const SCHEME = 'CHECKIN';
/** The format's version; a later format gets a new number and this parser refuses it rather than guessing. */
export const CHECK_IN_CODE_VERSION = 1;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The check-in code of a booking id (a UUID): `CHECKIN:1:3F2A9C1E-…`. */
export function checkInCode(bookingId: string): string {
  if (!UUID.test(bookingId)) throw new RangeError(`not a booking id: ${bookingId}`);
  return `${SCHEME}:${CHECK_IN_CODE_VERSION}:${bookingId.toUpperCase()}`;
}

/**
 * The booking id (lower case) a scanned code names, or null for anything else: another scheme, another
 * version, a malformed id. Tolerates what scanners add or change: surrounding whitespace and letter case.
 */
export function parseCheckInCode(scanned: string): { bookingId: string } | null {
  const parts = scanned.trim().split(':');
  if (parts.length !== 3) return null;
  const [scheme, version, id] = parts as [string, string, string];
  if (scheme.toUpperCase() !== SCHEME || version !== String(CHECK_IN_CODE_VERSION) || !UUID.test(id)) {
    return null;
  }
  return { bookingId: id.toLowerCase() };
}
