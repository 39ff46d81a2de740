import type { PatientAccount, patientTokenResponse, refreshResponse } from '@hospital/shared';
import type { z } from 'zod';
import { ApiError, errorFromResponse, type MessageLocale, networkError } from './errors';
import type { Transport, TransportRequest } from './transport';

type PatientTokens = z.infer<typeof patientTokenResponse>;
type RefreshedTokens = z.infer<typeof refreshResponse>;

/** Synchronous key-value storage (Taro storage in the app, a Map in tests). */
export interface KeyValueStorage {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export interface ApiClientOptions {
  /** Origin of the API ('' = same origin, for H5 served by the API server). */
  baseUrl: string;
  transport: Transport;
  storage: KeyValueStorage;
  /** A WeChat login code: `Taro.login()` on weapp, `dev:<name>` with the local stand-in. */
  loginCode: () => Promise<string>;
  locale?: () => MessageLocale;
  timeoutMs?: number;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Sent as `Idempotency-Key` (book, pay, cancel): a retry with the same key is answered once. */
  idempotencyKey?: string;
  /** false for the public catalog: no token needed, and no sign-in triggered. */
  auth?: boolean;
}

const KEYS = { access: 'auth.access', refresh: 'auth.refresh', account: 'auth.account' } as const;
/** Answers that mean "sign in again": no token, a bad one, or a sign-in that was ended (signed out elsewhere). */
const AUTH_RETRY_CODES = new Set(['UNAUTHENTICATED', 'TOKEN_INVALID', 'SESSION_REVOKED']);

export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export class ApiClient {
  private signingIn: Promise<PatientTokens> | null = null;
  private refreshing: Promise<boolean> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: ApiClientOptions) {}

  private get locale(): MessageLocale {
    return this.options.locale?.() ?? 'zh-CN';
  }

  get account(): PatientAccount | null {
    const raw = this.options.storage.get(KEYS.account);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as PatientAccount;
    } catch {
      return null;
    }
  }

  get signedIn(): boolean {
    return !!this.options.storage.get(KEYS.access);
  }

  /** Notified whenever the signed-in account changes (sign-in, sign-out). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Signs in with a fresh login code (or the one given) and stores the tokens. Concurrent calls share one. */
  signIn(code?: string): Promise<PatientTokens> {
    if (code === undefined && this.signingIn) return this.signingIn;
    const attempt = (async () => {
      const loginCode = code ?? (await this.options.loginCode());
      const tokens = await this.send<PatientTokens>('POST', '/api/v1/auth/wechat', {
        body: { code: loginCode },
        auth: false,
      });
      this.store(tokens);
      this.options.storage.set(KEYS.account, JSON.stringify(tokens.account));
      for (const listener of this.listeners) listener();
      return tokens;
    })();
    if (code === undefined) {
      this.signingIn = attempt;
      attempt.then(
        () => {
          this.signingIn = null;
        },
        () => {
          this.signingIn = null;
        },
      );
    }
    return attempt;
  }

  /**
   * Signs out: forgets the tokens at once (so `signedIn` is false before this resolves) and asks the server to
   * end the sign-in, so the tokens stop working everywhere. When the server cannot be reached the tokens are
   * still forgotten here; the sign-in then ends when its refresh token expires. Never throws.
   */
  async signOut(): Promise<void> {
    const refreshToken = this.options.storage.get(KEYS.refresh);
    for (const key of Object.values(KEYS)) this.options.storage.remove(key);
    for (const listener of this.listeners) listener();
    if (!refreshToken) return;
    await this.send('POST', '/api/v1/auth/logout', { body: { refreshToken }, auth: false }).catch(
      () => undefined,
    );
  }

  async request<T>(
    method: TransportRequest['method'],
    path: string,
    options: RequestOptions = {},
  ): Promise<T> {
    const auth = options.auth ?? true;
    if (!auth) return this.send<T>(method, path, options);
    if (!this.signedIn) await this.signIn();
    try {
      return await this.send<T>(method, path, options);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      if (error.code === 'TOKEN_EXPIRED' && (await this.refresh())) {
        return this.send<T>(method, path, options);
      }
      if (error.code === 'TOKEN_EXPIRED' || AUTH_RETRY_CODES.has(error.code)) {
        await this.signIn();
        return this.send<T>(method, path, options);
      }
      throw error;
    }
  }

  /**
   * Exchanges the refresh token for new tokens — a new refresh token among them, stored in place of the one
   * used, which the server refuses from then on (sending it again would end the sign-in). False when it is
   * missing or refused (sign in again).
   */
  private refresh(): Promise<boolean> {
    if (this.refreshing) return this.refreshing;
    const refreshToken = this.options.storage.get(KEYS.refresh);
    if (!refreshToken) return Promise.resolve(false);
    this.refreshing = this.send<RefreshedTokens>('POST', '/api/v1/auth/refresh', {
      body: { refreshToken },
      auth: false,
    })
      .then((tokens) => {
        this.store(tokens);
        return true;
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) return false;
        throw error;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  private store(tokens: RefreshedTokens): void {
    this.options.storage.set(KEYS.access, tokens.accessToken);
    this.options.storage.set(KEYS.refresh, tokens.refreshToken);
  }

  private async send<T>(
    method: TransportRequest['method'],
    path: string,
    options: RequestOptions,
  ): Promise<T> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Language': this.locale === 'en' ? 'en' : 'zh-CN',
    };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    const token = options.auth === false ? undefined : this.options.storage.get(KEYS.access);
    if (token) headers.Authorization = `Bearer ${token}`;
    let response: Awaited<ReturnType<Transport>>;
    try {
      response = await this.options.transport({
        method,
        url: `${this.options.baseUrl}${path}${buildQuery(options.query)}`,
        headers,
        body: options.body,
        timeoutMs: this.options.timeoutMs ?? 15_000,
      });
    } catch {
      throw networkError(this.locale);
    }
    if (response.status >= 200 && response.status < 300) return response.data as T;
    throw errorFromResponse(response.status, response.data, this.locale);
  }
}
