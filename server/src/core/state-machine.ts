import type { LocalizedText } from '@hospital/shared';
import { AppError } from './errors';

/** A lifecycle as a table: for each status, the statuses that may follow it (shared/src/contracts/*). */
export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

/** Whether `to` may follow `from`. */
export function allowed<S extends string>(table: TransitionTable<S>, from: S, to: S): boolean {
  return table[from].includes(to);
}

/**
 * Refuses a move the table does not allow with 409 INVALID_STATE, saying what could not change (`what`:
 * "预约" / "the booking", in both languages). Every state change of a lifecycle goes through this first.
 */
export function assertTransition<S extends string>(
  table: TransitionTable<S>,
  from: S,
  to: S,
  what: LocalizedText,
): void {
  if (!allowed(table, from, to)) {
    throw new AppError('INVALID_STATE', {
      zh: `${what.zh}当前状态不允许此操作，请刷新后查看最新状态`,
      en: `${what.en} is not in a state that allows this; reload to see the latest`,
    });
  }
}
