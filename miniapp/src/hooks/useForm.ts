import { useCallback, useEffect, useRef, useState } from 'react';
import { scrollToFirstError } from '@/lib/scrollToError';
import { useSubmit, type SubmitOptions, type Submission } from './useSubmit';

/** What a choice needs from the form: `<ChoiceList options={…} {...form.bind('urgency')} />`. */
export interface ValueBinding<T> {
  value: T;
  onChange(value: T): void;
}

/** What a field needs: `<TextField label="地点" {...form.field('place')} />`. */
export interface FieldBinding<T> extends ValueBinding<T> {
  error?: string;
}

export type FormOptions<V> = Omit<SubmitOptions<[V]>, 'key'>;

export interface Form<V extends object, R> extends Omit<Submission<[V], R>, 'submit' | 'reset' | 'busyKey'> {
  values: V;
  /** Sets one field, or several at once: `set({ where: 'building', buildingId })`. */
  set<K extends keyof V>(name: K, value: V[K]): void;
  set(patch: Partial<V> | ((values: V) => Partial<V>)): void;
  /** Value and onChange of one field, for controls that show no error themselves (ChoiceList, Switch). */
  bind<K extends keyof V>(name: K): ValueBinding<V[K]>;
  /** Value, onChange and error of one field; the error is the 400's `body.<name>` unless `errorPath` says. */
  field<K extends keyof V>(name: K, errorPath?: string): FieldBinding<V[K]>;
  /** Sends the values as they are now. */
  submit(): Promise<R | undefined>;
  /** Clears the errors; with values (a record loaded for editing), starts over from them. */
  reset(values?: V): void;
}

/**
 * A form with many fields: its values in one store instead of a useState each, its submission (busy,
 * errors) from useSubmit, and each field's error from the API's 400 `fields` (`body.<name>`). After
 * NutUI-React's useForm (form.taro), without rules: the server's zod contract is the one validator. After a
 * failed submit the first field showing an error (class FORM_ERROR) scrolls into view.
 */
export function useForm<V extends object, R>(
  initial: V | (() => V),
  action: (values: V) => Promise<R>,
  options: FormOptions<V> = {},
): Form<V, R> {
  const [values, setValues] = useState<V>(initial);
  const submission = useSubmit(action, options);
  const { reset: clearErrors, errors } = submission;

  // A failed submit brings its first error into view: on a long form the user is at the button, far below it.
  useEffect(() => {
    if (Object.keys(errors).length) scrollToFirstError();
  }, [errors]);

  const set = useCallback((nameOrPatch: keyof V | Partial<V> | ((v: V) => Partial<V>), value?: unknown) => {
    setValues((v) => {
      if (typeof nameOrPatch === 'function') return { ...v, ...nameOrPatch(v) };
      if (typeof nameOrPatch === 'object') return { ...v, ...nameOrPatch };
      return { ...v, [nameOrPatch]: value };
    });
  }, []) as Form<V, R>['set'];

  // One onChange per field for the life of the form, so controls do not see a new handler each render.
  const handlers = useRef(new Map<keyof V, (value: unknown) => void>());
  const onChangeOf = <K extends keyof V>(name: K): ((value: V[K]) => void) => {
    let handler = handlers.current.get(name);
    if (!handler) {
      handler = (value) => set(name, value as V[K]);
      handlers.current.set(name, handler);
    }
    return handler;
  };

  const reset = useCallback(
    (next?: V) => {
      if (next) setValues(next);
      clearErrors();
    },
    [clearErrors],
  );

  return {
    ...submission,
    values,
    set,
    bind: (name) => ({ value: values[name], onChange: onChangeOf(name) }),
    field: (name, errorPath) => ({
      value: values[name],
      onChange: onChangeOf(name),
      error: submission.errors[errorPath ?? `body.${String(name)}`],
    }),
    submit: () => submission.submit(values),
    reset,
  };
}
