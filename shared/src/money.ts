/** Money is integer fen everywhere; these only format it for people. */

export function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen) || fen < 0)
    throw new RangeError(`amount must be a non-negative integer of fen: ${fen}`);
}

/** 1500 → "¥15.00". */
export function formatYuan(fen: number): string {
  assertFen(fen);
  const yuan = Math.trunc(fen / 100);
  const rest = String(fen % 100).padStart(2, '0');
  return `¥${yuan.toLocaleString('en-US')}.${rest}`;
}
