/** RFC 4122 version 4 UUID; uses crypto.getRandomValues when the platform has it (weapp has no crypto). */
export function uuid(): string {
  const bytes = new Uint8Array(16);
  const cryptoApi = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (cryptoApi?.getRandomValues) cryptoApi.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One key per user action: the same action (e.g. "book slot S for profile P") retried after a timeout or a
 * network error reuses its key, so the server answers the first result instead of booking twice. The key is
 * dropped once the action got a definite answer (success or a refusal), so the next attempt is a new action.
 */
export class IdempotencyKeys {
  private readonly keys = new Map<string, string>();

  keyFor(action: string): string {
    let key = this.keys.get(action);
    if (!key) {
      key = uuid();
      this.keys.set(action, key);
    }
    return key;
  }

  done(action: string): void {
    this.keys.delete(action);
  }

  /** Runs `fn` with the action's key; keeps the key only when no answer came back (a retry may follow). */
  async run<T>(action: string, fn: (key: string) => Promise<T>): Promise<T> {
    const key = this.keyFor(action);
    try {
      const result = await fn(key);
      this.done(action);
      return result;
    } catch (error) {
      const code = (error as { code?: unknown })?.code;
      const status = (error as { status?: unknown })?.status;
      const retryable =
        code === 'NETWORK' || code === 'REQUEST_IN_PROGRESS' || (typeof status === 'number' && status >= 500);
      if (!retryable) this.done(action);
      throw error;
    }
  }
}
