import { AppError } from '../http/errors';
import { Prisma } from './generated/client';

/**
 * Turns the database's refusals into answers a client can act on. Constraints are the last line of defence
 * for invariants (unique codes, references), so their violations are client errors, not 500s.
 */
export function fromDatabaseError(error: unknown): AppError | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  // Prisma's codes, and PostgreSQL's SQLSTATEs for when a driver adapter passes the raw error through.
  switch (error.code) {
    case 'P2002':
    case '23505':
      return new AppError('ALREADY_EXISTS', '编码或名称已被使用，请换一个');
    case 'P2003':
    case '23503':
      return new AppError('VALIDATION_FAILED', '关联的记录不存在（例如科室或诊室编号有误）');
    case 'P2025':
      return new AppError('NOT_FOUND');
    case 'P2028':
      // No connection became free in time (a release-time rush): ask the client to retry shortly.
      return new AppError('SERVICE_UNAVAILABLE', '当前预约人数较多，请稍后重试', { retryAfterSeconds: 2 });
    case 'P2034':
    case '40001':
    case '40P01':
      return new AppError('CONFLICT');
    default:
      return undefined;
  }
}
