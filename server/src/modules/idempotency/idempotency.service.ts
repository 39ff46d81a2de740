import { createHash } from 'node:crypto';
import type { Db } from '../../db/client';
import { AppError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import { idempotencyRepository } from './idempotency.repository';

export type IdempotentOutcome = { status: number; body: unknown };

/**
 * `Idempotency-Key` for mutating patient requests (book, pay, cancel): the first request with a key runs;
 * a retry with the same key and the same request gets the first answer again; the same key with a
 * different request is refused; a retry while the first is still running is told to wait. Client errors are
 * remembered too (the retry would fail the same way); server errors are not, so a retry can succeed.
 * Records live 24 hours.
 */
export function createIdempotencyService(deps: { db: Db; clock: Clock }) {
  const repo = idempotencyRepository(deps.db);
  return {
    async run(
      scope: string,
      key: string,
      request: unknown,
      work: () => Promise<IdempotentOutcome>,
    ): Promise<IdempotentOutcome & { replayed: boolean }> {
      if (!/^[A-Za-z0-9_.:-]{8,128}$/.test(key)) {
        throw new AppError('VALIDATION_FAILED', 'Idempotency-Key 应为 8–128 位字母、数字或 _.:-', [
          { path: 'headers.idempotency-key', message: 'invalid format' },
        ]);
      }
      const hash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
      if (!(await repo.claim(scope, key, hash))) {
        const existing = await repo.find(scope, key);
        if (existing && existing.requestHash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
        if (!existing || existing.status === null) throw new AppError('REQUEST_IN_PROGRESS');
        return { status: existing.status, body: existing.body, replayed: true };
      }
      try {
        const outcome = await work();
        await repo.complete(scope, key, outcome.status, outcome.body);
        return { ...outcome, replayed: false };
      } catch (error) {
        if (error instanceof AppError && error.status < 500) {
          await repo.complete(scope, key, error.status, {
            error: { code: error.code, message: error.message, details: error.details },
          });
        } else {
          await repo.release(scope, key);
        }
        throw error;
      }
    },

    purgeExpired() {
      return repo.purgeBefore(new Date(deps.clock.now().getTime() - 24 * 3600_000));
    },
  };
}

export type IdempotencyService = ReturnType<typeof createIdempotencyService>;
