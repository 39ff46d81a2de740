import { type CatalogSearchResults, SEARCH_LIMITS } from '@hospital/shared';
import { labels } from '../../i18n';
import type { CatalogRepository } from './catalog.repository';

/**
 * Candidates read per kind before ranking: enough that a name match is not crowded out by matches on other
 * fields (a specialty, a department's name) in a hospital of a few hundred doctors.
 */
const CANDIDATES = 50;

/** 0: the name starts with the words; 1: the name contains them; 2: another field does. */
function rank(words: string, ...names: (string | null)[]): number {
  const lower = names.map((n) => n?.toLowerCase() ?? '');
  if (lower.some((n) => n.startsWith(words))) return 0;
  return lower.some((n) => n.includes(words)) ? 1 : 2;
}

/** The closest `limit` of `rows`; a stable sort keeps the repository's order (senior first…) within a rank. */
function closest<T>(rows: T[], limit: number, rankOf: (row: T) => number): T[] {
  return rows
    .map((row, i) => ({ row, i, r: rankOf(row) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .slice(0, limit)
    .map((x) => x.row);
}

/**
 * The home page's search: departments (name, English name, description), doctors (name, specialty, their
 * department's name) and exam types (name, English name, code) containing the words, case-insensitively,
 * active ones only, closest first, at most SEARCH_LIMITS of each.
 */
export async function searchCatalog(
  repo: CatalogRepository,
  hospitalId: string,
  q: string,
): Promise<CatalogSearchResults> {
  const [departments, doctors, exams] = await repo.search(hospitalId, q, CANDIDATES);
  const words = q.toLowerCase();
  const titles = labels().doctorTitle;
  return {
    departments: closest(departments, SEARCH_LIMITS.departments, (d) => rank(words, d.name, d.nameEn)).map(
      (d) => ({ id: d.id, name: d.name, nameEn: d.nameEn, location: d.location }),
    ),
    doctors: closest(doctors, SEARCH_LIMITS.doctors, (d) => rank(words, d.name, d.nameEn)).map((d) => ({
      id: d.id,
      name: d.name,
      nameEn: d.nameEn,
      title: d.title,
      titleLabel: titles[d.title],
      departmentId: d.departmentId,
      departmentName: d.department.name,
      departmentNameEn: d.department.nameEn,
      specialty: d.specialty,
    })),
    exams: closest(exams, SEARCH_LIMITS.exams, (e) => rank(words, e.name, e.nameEn, e.code)).map((e) => ({
      code: e.code,
      name: e.name,
      nameEn: e.nameEn,
      departmentName: e.department.name,
      departmentNameEn: e.department.nameEn,
    })),
  };
}
