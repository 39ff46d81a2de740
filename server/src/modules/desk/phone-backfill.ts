import type { Logger } from '../../core/logger';
import type { DbClient } from '../../db/client';
import type { PiiCipher } from '../../security/pii';
import { phoneLookupHash } from '../profile/phone-hash';
import { deskRepository } from './desk.repository';

/**
 * Fills in `profile.phone_hash` for rows written before the column existed (migration
 * 20261201230746_profile_phone_hash: SQL cannot compute a keyed hash of an encrypted number). Run at start-up,
 * after the migrations; idempotent — a row that has its hash is never touched again, so a second instance
 * starting at the same time only repeats work, and a row it cannot decrypt (another key) is left and counted.
 *
 * @returns how many rows got their hash, and how many could not be read
 */
export async function backfillPhoneHashes(
  db: DbClient,
  pii: PiiCipher,
  logger?: Logger,
  batch = 500,
): Promise<{ filled: number; unreadable: number }> {
  const repo = deskRepository(db);
  let filled = 0;
  let unreadable = 0;
  let after: string | null = null;
  for (;;) {
    const rows = await repo.profilesWithoutPhoneHash(batch, after);
    if (!rows.length) break;
    for (const row of rows) {
      let phone: string;
      try {
        phone = pii.decrypt(row.phoneEnc);
      } catch {
        unreadable++;
        continue;
      }
      filled += (await repo.setPhoneHash(row.id, phoneLookupHash(pii, phone))).count;
    }
    after = rows.at(-1)!.id;
  }
  if (filled || unreadable) logger?.info({ filled, unreadable }, 'profile phone hashes filled in');
  return { filled, unreadable };
}
