import { useCallback, useState } from 'react';
import { fieldErrorsOf, messageOf } from '@/api';

export interface Submission<A extends unknown[], R> {
  /** Runs the action; resolves to its result, or to undefined when it failed (the failure is in errors/error). */
  submit(...args: A): Promise<R | undefined>;
  busy: boolean;
  /** The server's 400 answer by field (`body.amount` → 请输入…), for the fields to show under themselves. */
  errors: Record<string, string>;
  /** One readable sentence for everything else (409, 403, the network). */
  error?: string;
  /** Clears what the last attempt said, e.g. when a dialog opens again. */
  reset(): void;
}

/**
 * The state every form and dialog keeps while it sends: busy while in flight, and what went wrong said
 * the same way everywhere (field messages next to their fields, the rest in one line).
 */
export function useSubmit<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
  opts: { onError?(message: string): void } = {},
): Submission<A, R> {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const reset = useCallback(() => {
    setErrors({});
    setError(undefined);
  }, []);
  const submit = async (...args: A): Promise<R | undefined> => {
    setBusy(true);
    reset();
    try {
      return await action(...args);
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      setError(messageOf(e));
      opts.onError?.(messageOf(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { submit, busy, errors, error, reset };
}
