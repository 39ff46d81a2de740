/**
 * How busy this instance is: the API requests it is answering now, counted by the admission middleware
 * (http/middleware/admission.ts), read by whatever serves a rush differently from a quiet hour (the slot
 * listing's cache).
 */
export interface Load {
  inFlight: number;
}

export const createLoad = (): Load => ({ inFlight: 0 });
