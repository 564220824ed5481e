import { Input, Text, Textarea, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { cx } from '@/lib/classNames';
import { FORM_ERROR } from '@/lib/scrollToError';
import './Field.scss';

export interface FieldProps {
  label: string;
  /** The message for this field, e.g. from `fieldErrorsOf(error)['body.realName']`. */
  error?: string;
  hint?: string;
  required?: boolean;
  children: ReactNode;
  testId?: string;
  /** Shown at the right under the control: how much of a bounded text is used ("120/500"). */
  counter?: string;
}

/** A labelled form row that shows its own error message under the control. */
export function Field({ label, error, hint, required, children, testId, counter }: FieldProps) {
  return (
    <View className={cx('field', error && 'field--error', error && FORM_ERROR)} data-testid={testId}>
      <Text className="field__label">
        {label}
        {required && <Text className="field__required"> *</Text>}
      </Text>
      {children}
      {error ? (
        <Text className="field__error" aria-live="assertive" data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </Text>
      ) : (
        hint && (
          <Text className="field__hint" aria-live="polite">
            {hint}
          </Text>
        )
      )}
      {counter && (
        <Text className="field__counter" data-testid={testId ? `${testId}-counter` : undefined}>
          {counter}
        </Text>
      )}
    </View>
  );
}

export interface TextFieldProps extends Omit<FieldProps, 'children'> {
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  maxLength?: number;
  multiline?: boolean;
  /** WeChat's nickname keyboard offers the user's own WeChat nickname. */
  type?: 'text' | 'number' | 'nickname' | 'idcard';
  inputTestId?: string;
}

export function TextField({
  value,
  onChange,
  placeholder,
  maxLength,
  multiline,
  type = 'text',
  inputTestId,
  ...field
}: TextFieldProps) {
  // A long text box counts what is used and says when it is full: the box stops taking (or cuts a paste of) what
  // goes past the limit, which nobody would notice otherwise.
  const bounded = multiline && maxLength !== undefined && maxLength > 0;
  const full = bounded && value.length >= maxLength;
  const control = multiline ? (
    <Textarea
      className="field__textarea"
      value={value}
      placeholder={placeholder}
      maxlength={maxLength ?? -1}
      autoHeight
      onInput={(e) => onChange(e.detail.value)}
      data-testid={inputTestId}
      aria-label={field.label}
      // H5: the label must reach the real <textarea> inside Taro's wrapper, where screen readers look for it.
      nativeProps={{ 'aria-label': field.label }}
    />
  ) : (
    <Input
      className="field__input"
      type={type}
      value={value}
      placeholder={placeholder}
      maxlength={maxLength ?? 140}
      onInput={(e) => onChange(e.detail.value)}
      onBlur={(e) => type === 'nickname' && onChange(e.detail.value)}
      data-testid={inputTestId}
      aria-label={field.label}
      nativeProps={{ 'aria-label': field.label }}
    />
  );
  return (
    <Field
      {...field}
      hint={full ? `最多 ${maxLength} 字，超出的部分没有填入` : field.hint}
      counter={bounded ? `${value.length}/${maxLength}` : undefined}
    >
      {control}
    </Field>
  );
}
