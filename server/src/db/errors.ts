import { AppError } from '../http/errors';
import { Prisma } from './generated/client';

/**
 * Turns the database's refusals into answers a client can act on. Constraints are the last line of defence
 * for invariants (unique codes, references), so their violations are client errors, not 500s.
 */
export function fromDatabaseError(error: unknown): AppError | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  switch (error.code) {
    case 'P2002':
      return new AppError('ALREADY_EXISTS', '编码或名称已被使用，请换一个');
    case 'P2003':
      return new AppError('VALIDATION_FAILED', '关联的记录不存在（例如科室或诊室编号有误）');
    case 'P2025':
      return new AppError('NOT_FOUND');
    case 'P2034':
      return new AppError('CONFLICT');
    default:
      return undefined;
  }
}
