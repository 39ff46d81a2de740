import type { Locale } from './errors';

/** A name the hospital writes (a department's, a doctor's, an exam's, its own), with its English if given. */
export interface LocalNamed {
  name: string;
  nameEn?: string | null;
}

/**
 * The name to show a reader in `locale`: the English one where the data has it (not blank), else the name as
 * the hospital writes it. Answers carry both, and every client and every sentence the server composes picks
 * through this one function (docs/decisions/026-english-names-and-field-errors.md).
 *
 * @param item - anything with `name` and `nameEn` (flat fields: `{ name: d.departmentName, nameEn: d.departmentNameEn }`)
 * @param locale - the reader's
 */
export function localName(item: LocalNamed, locale: Locale): string {
  const en = item.nameEn?.trim();
  return locale === 'en' && en ? en : item.name;
}
