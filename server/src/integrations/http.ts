/** Outbound HTTP for the integrations (WeChat login, WeChat Pay): one request under one deadline. */

/** Why a request got no complete answer: the deadline passed, or the network failed (`cause`). */
export class FetchFailed extends Error {
  constructor(
    readonly timedOut: boolean,
    cause: unknown,
  ) {
    super(timedOut ? 'timed out' : describeFetchError(cause), { cause });
    this.name = 'FetchFailed';
  }
}

/**
 * Sends a request and reads its body as text, both under the same timer: a server that sends headers and then
 * stalls is as unavailable as one that never answers. The timer never holds a shutting-down process open.
 *
 * @throws FetchFailed when the deadline passes or the network fails.
 */
export async function fetchText(
  doFetch: typeof fetch,
  url: string | URL,
  init: RequestInit,
  timeoutMs: number,
): Promise<{ response: Response; text: string }> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  timer.unref?.();
  try {
    const response = await doFetch(url, { ...init, signal: controller.signal });
    return { response, text: await response.text() };
  } catch (err) {
    throw new FetchFailed(timedOut, err);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `fetchText` for an integration's client: a timeout or a network failure becomes `fail(reason)` (the error the
 * caller answers, its cause the reason), with `redact` applied to what the network said. `what` names the call.
 */
export async function fetchTextOrFail(
  what: string,
  request: { doFetch: typeof fetch; url: string | URL; init: RequestInit; timeoutMs: number },
  fail: (reason: string) => Error,
  redact: (text: string) => string = (text) => text,
): Promise<{ status: number; text: string }> {
  try {
    const { response, text } = await fetchText(request.doFetch, request.url, request.init, request.timeoutMs);
    return { status: response.status, text };
  } catch (err) {
    if (!(err instanceof FetchFailed)) throw err;
    throw fail(
      err.timedOut
        ? `${what} timed out after ${request.timeoutMs} ms`
        : `${what} request failed: ${redact(err.message)}`,
    );
  }
}

/** Calls an operator-alert hook; a broken hook must not turn the caller's answer into a 500. */
export function alertSafely<A extends unknown[]>(hook: ((...args: A) => void) | undefined, ...args: A): void {
  try {
    hook?.(...args);
  } catch {
    // The answer the caller was going to give stands.
  }
}

/** Name, message and the low-level code (ECONNREFUSED, ENOTFOUND…) of a fetch failure. */
export function describeFetchError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const inner = err.cause as { code?: unknown } | undefined;
  const code = typeof inner?.code === 'string' ? ` (${inner.code})` : '';
  return `${err.name}: ${err.message}${code}`;
}
