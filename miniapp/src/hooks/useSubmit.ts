import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { fieldErrorsOf, messageOf } from '@/api';

export interface SubmitOptions<A extends unknown[]> {
  /** Also says the failure elsewhere: `toastError` where the page has no line to show it on. */
  onError?(message: string, error: unknown): void;
  /** Names what is in flight when one hook serves several rows or buttons: read it back as `busyKey`. */
  key?(...args: A): string;
  /** Rewords the server's field messages with what the form knows, e.g. 请选择… when nothing was chosen. */
  explain?(errors: Record<string, string>, ...args: A): Record<string, string>;
}

export interface Submission<A extends unknown[], R> {
  /** Runs the action; resolves to its result, or to undefined when it failed (the failure is in errors/error). */
  submit(...args: A): Promise<R | undefined>;
  busy: boolean;
  /** `key(...args)` of the submission in flight (`loading={approve.busyKey === row.id}`). */
  busyKey?: string;
  /** The server's 400 answer by field (`body.amount` → 请输入…), for the fields to show under themselves. */
  errors: Record<string, string>;
  /** One readable sentence for everything else (409, 403, the network). */
  error?: string;
  /** The one line a single-field dialog shows: the first of these fields' messages, else `error`. */
  errorFor(...fields: string[]): string | undefined;
  /** Clears what the last attempt said, e.g. when a dialog opens again. */
  reset(): void;
}

/** Says a failure where there is no line for it. */
export function toastError(message: string): void {
  void Taro.showToast({ title: message, icon: 'none' });
}

/**
 * The state every form and dialog keeps while it sends: busy while in flight, and what went wrong said
 * the same way everywhere (field messages next to their fields, the rest in one line or a toast).
 * Whatever should happen after success goes inside the action, so a failure stops it.
 */
export function useSubmit<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
  opts: SubmitOptions<A> = {},
): Submission<A, R> {
  const [busy, setBusy] = useState(false);
  const [busyKey, setBusyKey] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const reset = useCallback(() => {
    setErrors({});
    setError(undefined);
  }, []);
  const submit = async (...args: A): Promise<R | undefined> => {
    setBusy(true);
    setBusyKey(opts.key?.(...args));
    reset();
    try {
      return await action(...args);
    } catch (e) {
      const fields = fieldErrorsOf(e);
      setErrors(opts.explain ? opts.explain(fields, ...args) : fields);
      setError(messageOf(e));
      opts.onError?.(messageOf(e), e);
      return undefined;
    } finally {
      setBusy(false);
      setBusyKey(undefined);
    }
  };
  const errorFor = (...fields: string[]) => fields.map((f) => errors[f]).find(Boolean) ?? error;
  return { submit, busy, busyKey, errors, error, errorFor, reset };
}
