import type { SessionView } from '@linli/shared';
import type { ApiFailure } from './failure';

type Listener<T> = (value: T) => void;

function channel<T>() {
  const listeners = new Set<Listener<T>>();
  return {
    emit(value: T) {
      listeners.forEach((l) => l(value));
    },
    subscribe(listener: Listener<T>) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** The API client tells the session about refreshed tokens and lost sessions through these. */
export const sessionRefreshed = channel<SessionView>();
export const sessionLost = channel<ApiFailure>();
