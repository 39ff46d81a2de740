/**
 * How busy this instance is: the API requests it is answering now, counted by the admission middleware
 * (http/middleware/admission.ts), read by whatever serves a rush differently from a quiet hour (the answers a
 * route may give a second old: http/route.ts `busyCache`).
 */
export interface Load {
  inFlight: number;
}

export const createLoad = (): Load => ({ inFlight: 0 });

/** Requests in flight above which an instance counts as busy (a release-time rush). */
export const BUSY_IN_FLIGHT = 32;

export const isBusy = (load: Load | undefined): boolean => (load?.inFlight ?? 0) > BUSY_IN_FLIGHT;
