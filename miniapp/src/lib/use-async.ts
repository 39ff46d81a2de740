import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => Promise<void>;
  setData: (data: T) => void;
}

/**
 * Loads on mount and whenever a value in `deps` changes (compared by value: ids and codes from the route);
 * `reload` keeps the current data visible while it runs.
 */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const run = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    setError(undefined);
    try {
      const value = await loadRef.current();
      if (mine === generation.current) setData(value);
    } catch (e) {
      if (mine === generation.current) setError(e);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);
  const depsKey = JSON.stringify(deps);
  useEffect(() => {
    if (depsKey !== undefined) void run();
  }, [run, depsKey]);
  return { data, error, loading, reload: run, setData };
}

/** Pull to refresh: reload, then close the spinner whatever happened. */
export function usePullToRefresh(reload: () => Promise<unknown>): void {
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
}
