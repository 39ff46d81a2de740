import type { Server } from 'node:http';

/** Whether this instance is stopping: `/readyz` answers 503 from the first moment, so traffic moves away. */
export interface Lifecycle {
  readonly draining: boolean;
  startDraining(): void;
}

export function createLifecycle(): Lifecycle {
  let draining = false;
  return {
    get draining() {
      return draining;
    },
    startDraining() {
      draining = true;
    },
  };
}

export interface GracefulCloser {
  /** Requests being answered now. */
  readonly inFlight: number;
  /**
   * Stops accepting connections and answers every request already received; idle keep-alive connections are
   * closed at once and again after the last answer (a connection whose answer went out before the drain
   * still said keep-alive), every answer given meanwhile says `Connection: close`, and whatever is still
   * open at `deadlineMs` is cut. Resolves when the last connection is gone.
   */
  close(deadlineMs: number): Promise<{ forced: boolean; lastAnswerAt: number | undefined }>;
}

/** Counts requests on `server` from now on, so that `close()` knows when the last one is answered. */
export function gracefulCloser(server: Server): GracefulCloser {
  let inFlight = 0;
  let draining = false;
  let lastAnswerAt: number | undefined;
  server.on('request', (_req, res) => {
    inFlight++;
    if (draining) res.shouldKeepAlive = false;
    res.once('close', () => {
      inFlight--;
      lastAnswerAt = Date.now();
      // After 'close' the socket is detached from the answer, so it counts as idle.
      if (draining && inFlight === 0) setImmediate(() => server.closeIdleConnections());
    });
  });
  return {
    get inFlight() {
      return inFlight;
    },
    close(deadlineMs) {
      draining = true;
      return new Promise((resolve) => {
        let forced = false;
        const deadline = setTimeout(() => {
          forced = true;
          server.closeAllConnections();
        }, deadlineMs);
        server.close(() => {
          clearTimeout(deadline);
          resolve({ forced, lastAnswerAt });
        });
        // close() has closed the idle connections; the busy ones close after their answer.
      });
    },
  };
}
