import Taro from '@tarojs/taro';
import { config } from '../config';
import { currentLocale } from '../i18n';
import { ApiClient, type KeyValueStorage } from './client';
import { createEndpoints } from './endpoints';
import { IdempotencyKeys } from './idempotency';
import type { Transport } from './transport';

export * from './client';
export * from './endpoints';
export * from './errors';
export * from './idempotency';
export * from './transport';

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

async function loginCode(): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') {
    const { code } = await Taro.login();
    return code;
  }
  return `dev:${devLoginName()}`;
}

export const apiClient = new ApiClient({
  baseUrl: config.apiBase,
  transport: taroTransport,
  storage: taroStorage,
  loginCode,
  locale: currentLocale,
});

export const api = createEndpoints(apiClient);
/** Keys for book / pay / cancel, kept per user action until it gets a definite answer. */
export const actionKeys = new IdempotencyKeys();
