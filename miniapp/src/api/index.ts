import {
  createApiClient,
  type KeyValueStorage,
  type SmsAccount,
  smsSignIn,
  type Transport,
  wechatSignIn,
} from '@hospital/shared/api';
import Taro from '@tarojs/taro';
import { config } from '../config';
import { currentLocale } from '../i18n';
import { openSignIn } from '../lib/sign-in';

// The client itself is shared (shared/src/api): typed calls, tokens and refresh, Idempotency-Key, errors.
// What is the mini-program's own: Taro's request and storage, and how a patient signs in.
export { ApiError, fallbackMessage, isApiError, messageOf } from '@hospital/shared/api';
export type {
  Bill,
  Booking,
  Department,
  Doctor,
  ExamType,
  Fees,
  GuidanceTimeline,
  Hospital,
  Notice,
  Order,
  PayResult,
  Profile,
  ProfileInput,
  SlotList,
  WaitlistEntryView,
} from './types';

/** Taro.request on every platform: wx.request on weapp, fetch underneath on H5. */
export const taroTransport: Transport = async ({ method, url, headers, body, timeoutMs }) => {
  const res = await Taro.request({
    url,
    method,
    header: headers,
    data: body,
    dataType: 'json',
    responseType: 'text',
    timeout: timeoutMs,
  });
  let data: unknown = res.data;
  if (typeof data === 'string') {
    try {
      data = data ? JSON.parse(data) : undefined;
    } catch {
      data = undefined;
    }
  }
  return { status: res.statusCode, data };
};

export const taroStorage: KeyValueStorage = {
  get: (key) => {
    const value: unknown = Taro.getStorageSync(key);
    return typeof value === 'string' && value ? value : undefined;
  },
  set: (key, value) => Taro.setStorageSync(key, value),
  remove: (key) => Taro.removeStorageSync(key),
};

/** A WeChat login code from `wx.login()` (weapp only). */
async function loginCode(): Promise<string> {
  const { code } = await Taro.login();
  return code;
}

/**
 * The patient app's API client: `api.call('booking.mine')`, `api.call('booking.get', { params: { id } })`.
 * On weapp it signs in by itself with a WeChat login code whenever it has to. On H5 each person signs in with
 * their mobile number and a texted code (packages/account/sign-in): a call that needs a patient while nobody
 * is signed in opens that page, which comes back here afterwards.
 */
export const api = createApiClient({
  baseUrl: config.apiBase,
  transport: taroTransport,
  storage: taroStorage,
  signIn: process.env.TARO_ENV === 'weapp' ? wechatSignIn(loginCode) : smsSignIn(openSignIn),
  locale: currentLocale,
});

/** H5: the number the patient signed in with, masked; undefined when signed out (or on weapp). */
export function signedInMobile(): string | undefined {
  const account = api.account as Partial<SmsAccount> | null;
  return account?.mobileMasked;
}
