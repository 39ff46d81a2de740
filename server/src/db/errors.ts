import type { LocalizedText } from '@hospital/shared';
import { AppError } from '../core/errors';
import { Prisma } from './generated/client';

const TOO_LONG: LocalizedText = {
  zh: '填写的内容过长，请缩短后重新提交',
  en: 'A value is too long to be stored; shorten it and submit again',
};
const OUT_OF_RANGE: LocalizedText = {
  zh: '数值或日期超出了可保存的范围，请检查后重新提交',
  en: 'A number or date is outside the range that can be stored; check it and submit again',
};
const BAD_CHARACTERS: LocalizedText = {
  zh: '内容中含有无法保存的字符（例如空字符），请删除后重新提交',
  en: 'The text contains characters that cannot be stored (such as NUL); remove them and submit again',
};
const BAD_VALUE: LocalizedText = {
  zh: '提交的值格式不正确，请检查后重新提交',
  en: 'A value is not in the format expected; check it and submit again',
};
const MISSING: LocalizedText = {
  zh: '缺少必填的信息，请补全后重新提交',
  en: 'A required value is missing; fill it in and submit again',
};

/**
 * PostgreSQL's SQLSTATE behind an error: from Prisma with a driver adapter (`meta.driverAdapterError.cause
 * .originalCode`, on P2010 for raw queries, P2039 for the errors Prisma has no code of its own for, and on
 * the mapped ones), from a bare DriverAdapterError, or from pg / PGlite directly (the SQL executor).
 */
export function sqlStateOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidates: unknown[] = [error];
  if (error instanceof Prisma.PrismaClientKnownRequestError)
    candidates.unshift(error.meta?.driverAdapterError);
  for (const candidate of candidates) {
    const c = candidate as
      | { cause?: { originalCode?: unknown }; code?: unknown; severity?: unknown }
      | undefined;
    if (typeof c?.cause?.originalCode === 'string') return c.cause.originalCode;
    if (typeof c?.code === 'string' && typeof c.severity === 'string' && /^[0-9A-Z]{5}$/.test(c.code))
      return c.code;
  }
  return undefined;
}

/** A refusal by PostgreSQL, by SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
function fromSqlState(state: string): AppError | undefined {
  switch (state) {
    case '23505':
      return new AppError('ALREADY_EXISTS', '编码或名称已被使用，请换一个');
    case '23503':
    case '23001':
      return new AppError('VALIDATION_FAILED', '关联的记录不存在（例如科室或诊室编号有误）');
    case '23502':
      return new AppError('VALIDATION_FAILED', MISSING);
    case '23514':
      return new AppError('CONSTRAINT_VIOLATED');
    case '23P01':
    case '40001':
    case '40P01':
      return new AppError('CONFLICT');
    case '22001':
      return new AppError('VALIDATION_FAILED', TOO_LONG);
    case '22003':
    case '22008':
    case '22015':
      return new AppError('VALIDATION_FAILED', OUT_OF_RANGE);
    case '22021':
    case '22P05':
      return new AppError('VALIDATION_FAILED', BAD_CHARACTERS);
    case '54000':
      // program_limit_exceeded: what a client can cause is a value too big for an index row.
      return new AppError('VALIDATION_FAILED', TOO_LONG);
  }
  // Class 22, data exception: a value the column's type refuses (22P02 bad text, 22007 bad datetime, 22023 …).
  if (state.startsWith('22')) return new AppError('VALIDATION_FAILED', BAD_VALUE);
  return undefined;
}

/**
 * Turns the database's refusals into answers a client can act on. Constraints are the last line of defence
 * for invariants (unique codes, references, checks), and column types for values (lengths, ranges, text), so
 * their violations are client errors, not 500s: every data exception (SQLSTATE class 22) is a 400, every
 * integrity violation (class 23) a 400, 409 or 422. Validation refuses these values first wherever it can;
 * this is the net under it.
 */
export function fromDatabaseError(error: unknown): AppError | undefined {
  const state = sqlStateOf(error);
  const byState = state ? fromSqlState(state) : undefined;
  if (byState) return byState;
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  // Prisma's own codes (https://www.prisma.io/docs/orm/reference/error-reference).
  switch (error.code) {
    case 'P2002':
      return new AppError('ALREADY_EXISTS', '编码或名称已被使用，请换一个');
    case 'P2003':
      return new AppError('VALIDATION_FAILED', '关联的记录不存在（例如科室或诊室编号有误）');
    case 'P2025':
      return new AppError('NOT_FOUND');
    case 'P2028':
      // No connection became free in time (a release-time rush): ask the client to retry shortly.
      return new AppError('SERVICE_UNAVAILABLE', '当前预约人数较多，请稍后重试', { retryAfterSeconds: 2 });
    case 'P2034':
      return new AppError('CONFLICT');
    case 'P2000':
      return new AppError('VALIDATION_FAILED', TOO_LONG);
    case 'P2011':
      return new AppError('VALIDATION_FAILED', MISSING);
    case 'P2020':
    case 'P2033':
      return new AppError('VALIDATION_FAILED', OUT_OF_RANGE);
    case 'P2005':
    case 'P2006':
    case 'P2007':
    case 'P2023':
      return new AppError('VALIDATION_FAILED', BAD_VALUE);
    default:
      // An adapter that passes PostgreSQL's error through gives its SQLSTATE as the code.
      return /^[0-9A-Z]{5}$/.test(error.code) && !/^P\d{4}$/.test(error.code)
        ? fromSqlState(error.code)
        : undefined;
  }
}
