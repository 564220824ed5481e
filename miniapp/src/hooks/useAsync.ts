import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export interface AsyncState<T> {
  status: 'loading' | 'ready' | 'error';
  data?: T;
  error?: unknown;
  /** True while reloading with earlier data still on screen. */
  refreshing: boolean;
  reload(): Promise<void>;
  /** Local edits after a mutation (approve, revoke…) without a round trip. */
  setData(update: (current: T | undefined) => T | undefined): void;
}

/**
 * Loads data for a page section and exposes the three states every section shows (loading, error
 * with retry, data). A reload keeps the old data visible; answers to superseded loads are dropped.
 */
export function useAsync<T>(
  load: () => Promise<T>,
  deps: DependencyList,
  options: { enabled?: boolean } = {},
): AsyncState<T> {
  const enabled = options.enabled ?? true;
  const [status, setStatus] = useState<AsyncState<T>['status']>('loading');
  const [data, setDataState] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [refreshing, setRefreshing] = useState(false);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const hasData = useRef(false);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    if (hasData.current) setRefreshing(true);
    else setStatus('loading');
    try {
      const next = await loadRef.current();
      if (mine !== generation.current) return;
      hasData.current = true;
      setDataState(next);
      setError(undefined);
      setStatus('ready');
    } catch (e) {
      if (mine !== generation.current) return;
      setError(e);
      setStatus('error');
    } finally {
      if (mine === generation.current) setRefreshing(false);
    }
  }, []);

  useEffect(() => {
    if (!enabled) return;
    hasData.current = false;
    void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, ...deps]);

  const setData = useCallback(
    (update: (current: T | undefined) => T | undefined) => setDataState((c) => update(c)),
    [],
  );

  return { status: enabled ? status : 'loading', data, error, refreshing, reload, setData };
}
