import { createHash } from 'node:crypto';
import { fieldError } from '@hospital/shared';
import type { Clock } from '../../core/clock';
import { AppError } from '../../core/errors';
import type { Db } from '../../db/client';
import { idempotencyRepository } from './idempotency.repository';

export type IdempotentOutcome = { status: number; body: unknown };

const SAVEPOINT = 'idempotent_work';

/**
 * `Idempotency-Key` for mutating patient requests (book, pay, cancel): the first request with a key runs;
 * a retry with the same key and the same request gets the first answer again; the same key with a
 * different request is refused. Records live 24 hours.
 *
 * The key is claimed, the work done and its answer recorded in **one transaction** (the work's own
 * transactions join it, see core/unit-of-work.ts). So a crash (kill -9, a lost connection) leaves either the
 * work and its answer, which a retry gets back, or neither, and a retry runs it again — a key is never left
 * claimed by a request that died. A retry that arrives while the first is still running waits for it on
 * the key's unique index and then gets its answer.
 *
 * Client errors are remembered too (the retry would fail the same way): the work is rolled back to a
 * savepoint and the refusal recorded. Server errors are not, so a retry can succeed.
 */
export function createIdempotencyService(deps: { db: Db; clock: Clock }) {
  const { db } = deps;
  return {
    async run(
      scope: string,
      key: string,
      request: unknown,
      work: () => Promise<IdempotentOutcome>,
    ): Promise<IdempotentOutcome & { replayed: boolean }> {
      if (!/^[A-Za-z0-9_.:-]{8,128}$/.test(key)) {
        const message = fieldError('idempotencyKey');
        throw new AppError('VALIDATION_FAILED', message, [{ path: 'headers.idempotency-key', message }]);
      }
      const hash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
      const replay = (found: { requestHash: string; status: number | null; body: unknown }) => {
        if (found.requestHash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
        return { status: found.status!, body: found.body, replayed: true };
      };

      // A retry of a finished request is answered without opening a transaction.
      const done = await idempotencyRepository(db).find(scope, key);
      if (done && done.status !== null) return replay(done);

      let refusal: AppError | undefined;
      const outcome = await db.$transaction(async (tx) => {
        const repo = idempotencyRepository(tx);
        // Waits while another request holding this key is in its transaction; then sees its answer.
        if (!(await repo.claim(scope, key, hash))) {
          const found = await repo.find(scope, key);
          if (found && found.status !== null) return replay(found);
          // Left by a version that claimed keys outside the work's transaction: its request is gone.
          await repo.release(scope, key);
          if (!(await repo.claim(scope, key, hash))) throw new AppError('CONFLICT');
        }
        await tx.$executeRawUnsafe(`SAVEPOINT ${SAVEPOINT}`);
        try {
          const result = await work();
          await repo.complete(scope, key, result.status, result.body);
          return { ...result, replayed: false };
        } catch (error) {
          if (!(error instanceof AppError) || error.status >= 500) throw error;
          await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
          const body = { error: { code: error.code, message: error.message, details: error.details } };
          await repo.complete(scope, key, error.status, body);
          refusal = error;
          return { status: error.status, body, replayed: false };
        }
      });
      if (refusal) throw refusal;
      return outcome;
    },

    purgeExpired() {
      return idempotencyRepository(db).purgeBefore(new Date(deps.clock.now().getTime() - 24 * 3600_000));
    },
  };
}

export type IdempotencyService = ReturnType<typeof createIdempotencyService>;
