import { ENDPOINTS, type EndpointDef, type EndpointKey, type HttpMethod } from './endpoints';
import { ApiError, errorFromResponse, fallbackMessage, type MessageLocale, networkError } from './errors';
import { IdempotencyKeys } from './idempotency';
import type { AccountOf, AnySignIn, CredentialsOf } from './sign-in';
import type { Transport, TransportResponse } from './transport';
import type { CallArgs, ResponseOf } from './types';
import { buildPath, buildQuery } from './url';

/** Synchronous key-value storage: Taro storage in the mini-program, `localStorage` in a browser, a Map in tests. */
export interface KeyValueStorage {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export interface ApiClientOptions<S extends AnySignIn> {
  /** Origin of the API ('' = same origin, e.g. the H5 app served by the API server). */
  baseUrl: string;
  transport: Transport;
  storage: KeyValueStorage;
  /** How this client signs in: `wechatSignIn(…)` for patients, `passwordSignIn(…)` for staff. */
  signIn: S;
  /** The language of the server's messages (`Accept-Language`); zh-CN unless told. */
  locale?: () => MessageLocale;
  timeoutMs?: number;
  /**
   * Where the tokens are kept: `<prefix>access`, `<prefix>refresh`, `<prefix>account` (default `auth.`). Two
   * apps on one origin (the H5 app and the console share `localStorage`) each need their own.
   */
  storageKeyPrefix?: string;
  /** The per-action keys of idempotent endpoints (a new store unless given). */
  idempotencyKeys?: IdempotencyKeys;
  /**
   * How often a request the server answered 503 SERVER_BUSY (refused before doing anything: a release-time
   * rush) is sent again (`busyPause`). Default 5; 0 turns it off.
   */
  busyRetries?: number;
  /** Waits (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>;
}

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

interface Outgoing {
  method: HttpMethod;
  /** Path and query string. */
  path: string;
  body?: unknown;
  idempotencyKey?: string;
  /** Send the access token (every endpoint but the public ones). */
  auth: boolean;
}

/** Answers that mean "sign in again": no token, a bad one, or a sign-in that was ended (signed out elsewhere). */
const SIGN_IN_AGAIN = new Set(['TOKEN_EXPIRED', 'UNAUTHENTICATED', 'TOKEN_INVALID', 'SESSION_REVOKED']);

/**
 * The pause before sending again a request the server was too busy to take: the server's `Retry-After`,
 * doubled at each refusal of the same request up to 30 s, and spread over half to one and a half times that, so
 * that tens of thousands of phones refused in the same second do not all come back in the same second — the
 * rush then reaches the server as fast as it can take it, not as fast as phones can retry.
 *
 * @param retryAfterSeconds - what the server asked for
 * @param attempt - 0 for the first refusal of this request, 1 for the second …
 * @returns milliseconds to wait
 */
export function busyPause(retryAfterSeconds: number, attempt: number): number {
  const base = Math.min(30, retryAfterSeconds * 2 ** attempt) * 1000;
  return base * (0.5 + Math.random());
}

/** JSON with object keys sorted, so that the same body always names the same action. */
function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * The typed API client of every app: `client.call('booking.get', { params: { id } })` sends the request the
 * shared endpoint table describes (shared/src/api/endpoints.ts) and answers its contract's type. It
 *
 * - fills and encodes the path parameters and writes the query string;
 * - sends the bearer token to every non-public endpoint, signing in first when there is none;
 * - on 401 `TOKEN_EXPIRED`, exchanges the refresh token once for all calls waiting (the server rotates it:
 *   the new one is stored and the used one never sent again) and repeats the call; when the refresh is
 *   refused or the sign-in was ended, signs in again (if the sign-in method can) and repeats it;
 * - sends an `Idempotency-Key` to idempotent endpoints (book, pay, cancel): one key per action — the same
 *   endpoint, path and body — kept while the action has no definite answer, so a retry after a timeout or a
 *   network failure is answered once by the server; dropped after a success or a refusal;
 * - sends a request again when the server was too busy to take it (503 `SERVER_BUSY`, answered before anything
 *   was done, so repeating is safe), a few times, after pauses that double (`busyPause`);
 * - turns every failure into an {@link ApiError} with the server's code, message (in `locale`), field
 *   details and request id, or `NETWORK` when no answer came.
 */
export class ApiClient<S extends AnySignIn> {
  readonly idempotencyKeys: IdempotencyKeys;
  private signingIn: Promise<AccountOf<S>> | null = null;
  private refreshing: Promise<boolean> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly keys: { access: string; refresh: string; account: string };

  constructor(private readonly options: ApiClientOptions<S>) {
    const prefix = options.storageKeyPrefix ?? 'auth.';
    this.keys = { access: `${prefix}access`, refresh: `${prefix}refresh`, account: `${prefix}account` };
    this.idempotencyKeys = options.idempotencyKeys ?? new IdempotencyKeys();
  }

  private get locale(): MessageLocale {
    return this.options.locale?.() ?? 'zh-CN';
  }

  /** Who is signed in (a patient account, or a member of staff), as the sign-in answered it. */
  get account(): AccountOf<S> | null {
    const raw = this.options.storage.get(this.keys.account);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as AccountOf<S>;
    } catch {
      return null;
    }
  }

  get signedIn(): boolean {
    return !!this.options.storage.get(this.keys.access);
  }

  /** Notified whenever the sign-in changes: signed in, signed out, or ended by the server. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls one endpoint with exactly the parts its contract takes, and answers its response type. */
  async call<K extends EndpointKey>(key: K, ...args: CallArgs<K>): Promise<ResponseOf<K>> {
    const options = (args[0] ?? {}) as {
      params?: Record<string, unknown>;
      query?: Record<string, unknown>;
      body?: unknown;
      idempotencyKey?: string;
    };
    const endpoint: EndpointDef = ENDPOINTS[key];
    const path = buildPath(endpoint.path, options.params) + buildQuery(options.query);
    const outgoing: Outgoing = {
      method: endpoint.method,
      path,
      body: options.body,
      auth: endpoint.access !== 'public',
    };
    if (!endpoint.idempotent) return (await this.authorized(outgoing)) as ResponseOf<K>;
    if (options.idempotencyKey) {
      return (await this.authorized({
        ...outgoing,
        idempotencyKey: options.idempotencyKey,
      })) as ResponseOf<K>;
    }
    const action = `${endpoint.method} ${path} ${canonicalJson(options.body)}`;
    return (await this.idempotencyKeys.run(action, (idempotencyKey) =>
      this.authorized({ ...outgoing, idempotencyKey }),
    )) as ResponseOf<K>;
  }

  /**
   * Signs in with the credentials given, or fresh ones from the sign-in method (calls at once share one
   * sign-in), and stores the tokens and who signed in.
   */
  signIn(credentials?: CredentialsOf<S>): Promise<AccountOf<S>> {
    if (credentials === undefined && this.signingIn) return this.signingIn;
    const method = this.options.signIn;
    const attempt = (async () => {
      const given = credentials !== undefined;
      if (!given && !method.credentials) {
        method.signInNeeded?.();
        throw new ApiError({
          code: 'UNAUTHENTICATED',
          status: 401,
          message: fallbackMessage('UNAUTHENTICATED', this.locale),
        });
      }
      const using = given ? credentials : await method.credentials!();
      const answer = (await this.send({
        ...this.outgoing(method.endpoint),
        body: method.body(using as never),
      })) as Tokens;
      const account = method.account(answer as never) as AccountOf<S>;
      this.store(answer);
      this.options.storage.set(this.keys.account, JSON.stringify(account));
      this.notify();
      return account;
    })();
    if (credentials === undefined) {
      this.signingIn = attempt;
      const clear = () => {
        this.signingIn = null;
      };
      attempt.then(clear, clear);
    }
    return attempt;
  }

  /**
   * Signs out: forgets the tokens at once (so `signedIn` is false before this resolves) and asks the server to
   * end the sign-in, so the tokens stop working everywhere. When the server cannot be reached the tokens are
   * still forgotten here; the sign-in then ends when its refresh token expires. Never throws.
   */
  async signOut(): Promise<void> {
    const refreshToken = this.options.storage.get(this.keys.refresh);
    this.forget();
    if (!refreshToken) return;
    await this.send({ ...this.outgoing('auth.logout'), body: { refreshToken } }).catch(() => undefined);
  }

  private outgoing(key: EndpointKey): Outgoing {
    const endpoint: EndpointDef = ENDPOINTS[key];
    return { method: endpoint.method, path: endpoint.path, auth: false };
  }

  private forget(): void {
    for (const key of Object.values(this.keys)) this.options.storage.remove(key);
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private async authorized(outgoing: Outgoing): Promise<unknown> {
    if (!outgoing.auth) return this.send(outgoing);
    if (!this.signedIn) await this.signIn();
    const sentWith = this.options.storage.get(this.keys.access);
    try {
      return await this.send(outgoing);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401 || !SIGN_IN_AGAIN.has(error.code)) throw error;
      // Another call refreshed or signed in while this one was on its way: use its token.
      const current = this.options.storage.get(this.keys.access);
      if (current && current !== sentWith) return this.send(outgoing);
      if (error.code === 'TOKEN_EXPIRED' && (await this.refresh())) return this.send(outgoing);
      if (!this.options.signIn.credentials) {
        this.forget();
        this.options.signIn.signInNeeded?.();
        throw error;
      }
      await this.signIn();
      return this.send(outgoing);
    }
  }

  /**
   * Exchanges the refresh token for new tokens — a new refresh token among them, stored in place of the one
   * used, which the server refuses from then on (sending it again would end the sign-in). False when it is
   * missing or refused (sign in again).
   */
  private refresh(): Promise<boolean> {
    if (this.refreshing) return this.refreshing;
    const refreshToken = this.options.storage.get(this.keys.refresh);
    if (!refreshToken) return Promise.resolve(false);
    this.refreshing = this.send({ ...this.outgoing('auth.refresh'), body: { refreshToken } })
      .then((tokens) => {
        this.store(tokens as Tokens);
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

  private store(tokens: Tokens): void {
    this.options.storage.set(this.keys.access, tokens.accessToken);
    this.options.storage.set(this.keys.refresh, tokens.refreshToken);
  }

  private async send(outgoing: Outgoing): Promise<unknown> {
    const retries = this.options.busyRetries ?? 5;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.sendOnce(outgoing);
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 'SERVER_BUSY' || attempt >= retries) throw error;
        await sleep(busyPause(error.retryAfterSeconds ?? 1, attempt));
      }
    }
  }

  private async sendOnce(outgoing: Outgoing): Promise<unknown> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Language': this.locale === 'en' ? 'en' : 'zh-CN',
    };
    if (outgoing.body !== undefined) headers['Content-Type'] = 'application/json';
    if (outgoing.idempotencyKey) headers['Idempotency-Key'] = outgoing.idempotencyKey;
    const token = outgoing.auth ? this.options.storage.get(this.keys.access) : undefined;
    if (token) headers.Authorization = `Bearer ${token}`;
    let response: TransportResponse;
    try {
      response = await this.options.transport({
        method: outgoing.method,
        url: `${this.options.baseUrl}${outgoing.path}`,
        headers,
        body: outgoing.body,
        timeoutMs: this.options.timeoutMs ?? 15_000,
      });
    } catch {
      throw networkError(this.locale);
    }
    if (response.status >= 200 && response.status < 300) return response.data;
    throw errorFromResponse(response.status, response.data, this.locale);
  }
}

/**
 * The API client, for the patient mini-program and the staff console alike; only the platform parts and the
 * sign-in differ.
 *
 * ```ts
 * // mini-program (miniapp/src/api/index.ts): Taro's request and storage, WeChat sign-in
 * const api = createApiClient({ baseUrl, transport: taroTransport, storage: taroStorage,
 *   signIn: wechatSignIn(async () => (await Taro.login()).code) });
 * const { items } = await api.call('booking.mine');
 *
 * // staff console (React + Vite): fetch and localStorage, username and password
 * const api = createApiClient({ baseUrl: '', transport: fetchTransport(), storage: localStorageAdapter,
 *   storageKeyPrefix: 'console.auth.', signIn: passwordSignIn() });
 * await api.signIn({ username, password });          // from the sign-in page
 * api.subscribe(() => api.signedIn || showSignIn()); // the sign-in ended (refresh refused, signed out)
 * const page = await api.call('booking.search', { query: { date: '2026-11-24', status: 'CONFIRMED' } });
 * ```
 */
export function createApiClient<S extends AnySignIn>(options: ApiClientOptions<S>): ApiClient<S> {
  return new ApiClient(options);
}
