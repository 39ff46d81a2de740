import type { PatientAccount, StaffSummary } from '../contracts/auth';
import type { RequestBody, ResponseOf } from './types';

/** The endpoints that answer a new sign-in's tokens. */
export type SignInEndpoint = 'auth.wechatLogin' | 'auth.staffLogin' | 'auth.smsLogin';

/**
 * How a client signs in: which endpoint answers the tokens, the request body for the user's credentials,
 * who signed in (kept beside the tokens, `client.account`), and — when the client may sign in by itself
 * (first call, a sign-in ended elsewhere) — where fresh credentials come from.
 */
export interface SignInMethod<K extends SignInEndpoint, Credentials, Account> {
  readonly endpoint: K;
  body(credentials: Credentials): RequestBody<K>;
  account(answer: ResponseOf<K>): Account;
  /**
   * Fresh credentials without asking the user (a new `wx.login()` code). Absent: the client never signs in by
   * itself; a call that needs a sign-in fails with 401 `UNAUTHENTICATED` and the app shows its sign-in form.
   */
  credentials?(): Promise<Credentials>;
  /**
   * Told when a call needs a sign-in that the client cannot make by itself (no `credentials`): nobody is
   * signed in, or the sign-in ended. The app shows its sign-in page; the call still fails with 401.
   */
  signInNeeded?(): void;
}

/** Any sign-in method (what `createApiClient` accepts). */
export interface AnySignIn {
  readonly endpoint: SignInEndpoint;
  body(credentials: never): unknown;
  account(answer: never): unknown;
  credentials?(): Promise<unknown>;
  signInNeeded?(): void;
}
export type CredentialsOf<S> = S extends { body(credentials: infer C): unknown } ? C : never;
export type AccountOf<S> = S extends { account(answer: never): infer A } ? A : never;

/**
 * Patients: `POST /api/v1/auth/wechat {code}` with a code from `wx.login()` (`Taro.login()`), or the local
 * stand-in's `dev:<name>`. The client asks `loginCode` whenever it has to sign in, so a patient never sees a
 * sign-in form; `client.signIn(code)` signs in with a given code.
 */
export function wechatSignIn(
  loginCode: () => Promise<string>,
): SignInMethod<'auth.wechatLogin', string, PatientAccount> {
  return {
    endpoint: 'auth.wechatLogin',
    body: (code) => ({ code }),
    account: (answer) => answer.account,
    credentials: loginCode,
  };
}

export interface StaffCredentials {
  username: string;
  password: string;
}

/**
 * Staff (the console): `POST /api/v1/auth/staff/login {username, password}`. Without `ask`, the console's
 * sign-in page calls `client.signIn({ username, password })` and a call made while signed out fails with 401
 * `UNAUTHENTICATED`; with `ask` (say, a dialog that resolves once the user has typed), the client signs in by
 * itself and then makes the call. A password is never stored.
 */
export function passwordSignIn(
  ask?: () => Promise<StaffCredentials>,
): SignInMethod<'auth.staffLogin', StaffCredentials, StaffSummary> {
  return {
    endpoint: 'auth.staffLogin',
    body: ({ username, password }) => ({ username, password }),
    account: (answer) => answer.staff,
    ...(ask ? { credentials: ask } : {}),
  };
}

export interface SmsCredentials {
  mobile: string;
  /** The 6-digit code from the text message (`auth.smsSend` sends it). */
  code: string;
  /** The privacy notice's version the page showed and the patient ticked; recorded as their consent to it. */
  privacyVersion: string;
}

/** A patient signed in by text message: the account, and the number it signed in with, masked. */
export type SmsAccount = PatientAccount & { mobileMasked: string };

/**
 * Patients on H5 (outside WeChat): `POST /api/v1/auth/sms/login {mobile, code, privacyVersion}` after `auth.smsSend` texted the
 * code. The patient types both, so the client never signs in by itself: the sign-in page calls
 * `client.signIn({ mobile, code })`, and `signInNeeded` (say, opening that page) is told whenever a call needs a
 * sign-in there is none of.
 */
export function smsSignIn(
  signInNeeded?: () => void,
): SignInMethod<'auth.smsLogin', SmsCredentials, SmsAccount> {
  return {
    endpoint: 'auth.smsLogin',
    body: ({ mobile, code, privacyVersion }) => ({ mobile, code, privacyVersion }),
    account: (answer) => ({ ...answer.account, mobileMasked: answer.mobileMasked }),
    ...(signInNeeded ? { signInNeeded } : {}),
  };
}
