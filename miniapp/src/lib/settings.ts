import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';

// Elderly mode (适老化): one switch in 我的, honoured by every page through PageShell.
const KEY = 'settings.elderly';
let elderly = Taro.getStorageSync(KEY) === true;
const listeners = new Set<() => void>();

export function isElderlyMode(): boolean {
  return elderly;
}

export function setElderlyMode(on: boolean): void {
  if (on === elderly) return;
  elderly = on;
  Taro.setStorageSync(KEY, on);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useElderlyMode(): boolean {
  return useSyncExternalStore(subscribe, isElderlyMode, isElderlyMode);
}
