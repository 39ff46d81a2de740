import { createApiClient, type KeyValueStorage, type Transport, wechatSignIn } from '@hospital/shared/api';
import Taro from '@tarojs/taro';
import { config } from '../config';
import { currentLocale } from '../i18n';

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

const DEV_NAME_KEY = 'auth.devName';
export const DEFAULT_DEV_NAME = '患者';

/** H5 signs in with the local stand-in's `dev:<name>`; the name is remembered. */
export function devLoginName(): string {
  return taroStorage.get(DEV_NAME_KEY) ?? DEFAULT_DEV_NAME;
}

export function rememberDevLoginName(name: string): void {
  taroStorage.set(DEV_NAME_KEY, name);
}

/** A WeChat login code: `Taro.login()` on weapp; the local stand-in's `dev:<name>` on H5. */
async function loginCode(): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') {
    const { code } = await Taro.login();
    return code;
  }
  return `dev:${devLoginName()}`;
}

/**
 * The patient app's API client: `api.call('booking.mine')`, `api.call('booking.get', { params: { id } })`.
 * It signs in by itself with a WeChat login code whenever it has to.
 */
export const api = createApiClient({
  baseUrl: config.apiBase,
  transport: taroTransport,
  storage: taroStorage,
  signIn: wechatSignIn(loginCode),
  locale: currentLocale,
});
