import type { ReactNode } from 'react';
import type { AsyncState } from '@/hooks/useAsync';
import { PageState, type EmptyProps } from './PageState';

export interface AsyncViewProps<T> {
  state: AsyncState<T>;
  /** When true for the loaded data, the empty state shows instead of `children`. */
  isEmpty?: (data: T) => boolean;
  empty?: EmptyProps;
  compact?: boolean;
  loadingText?: string;
  testId?: string;
  children: (data: T) => ReactNode;
}

/** Renders a `useAsync` result: loading, error with 重试 (reloads), empty, or the data. */
export function AsyncView<T>({ state, isEmpty, empty, compact, loadingText, testId, children }: AsyncViewProps<T>) {
  const kind =
    state.status === 'ready' && state.data !== undefined
      ? isEmpty?.(state.data)
        ? 'empty'
        : 'ready'
      : state.status === 'error'
        ? 'error'
        : 'loading';
  return (
    <PageState
      state={kind}
      error={state.error}
      onRetry={() => void state.reload()}
      empty={empty}
      compact={compact}
      loadingText={loadingText}
      testId={testId}
    >
      {kind === 'ready' ? children(state.data as T) : null}
    </PageState>
  );
}
