import type { HttpMethod } from './endpoints';

/** The one thing the API client needs from the platform: send a JSON request, get status and body back. */
export interface TransportRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
}

export interface TransportResponse {
  status: number;
  /** Parsed JSON, or undefined for an empty body (204) or one that is not JSON. */
  data: unknown;
}

/** Rejects (with any error) only when no answer arrived: offline, DNS, timeout. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/**
 * `fetch`-based transport: for browsers (the H5 app, the staff console) and tests (msw intercepts it). The
 * mini-program on WeChat has no fetch and passes its own (`Taro.request`).
 */
export function fetchTransport(fetchImpl: typeof fetch = fetch): Transport {
  return async ({ method, url, headers, body, timeoutMs }) => {
    const controller = typeof AbortController === 'undefined' ? undefined : new AbortController();
    const timer = controller ? setTimeout(() => controller.abort(), timeoutMs) : undefined;
    try {
      const res = await fetchImpl(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller?.signal,
      });
      const text = await res.text();
      let data: unknown;
      if (text) {
        try {
          data = JSON.parse(text);
        } catch {
          data = undefined;
        }
      }
      return { status: res.status, data };
    } finally {
      if (timer) clearTimeout(timer);
    }
  };
}
