import { Text, View } from '@tarojs/components';
import { cx } from '@/lib/classNames';
import '@/components/ChoiceList/ChoiceList.scss';

export interface MultiChoiceProps {
  options: readonly { value: string; label: string; hint?: string }[];
  values: readonly string[];
  onChange: (values: string[]) => void;
  /** Most that may be picked; a further tap does nothing. */
  max?: number;
  layout?: 'chips' | 'list';
  testId?: string;
  label?: string;
}

/** Tap to pick several (buildings of a scope, candidates of an election): the ChoiceList look, as checkboxes. */
export function MultiChoice({ options, values, onChange, max, layout = 'chips', testId, label }: MultiChoiceProps) {
  const toggle = (v: string) => {
    if (values.includes(v)) onChange(values.filter((x) => x !== v));
    else if (!max || values.length < max) onChange([...values, v]);
  };
  return (
    <View className={cx('choice-list', `choice-list--${layout}`)} data-testid={testId} role="group" aria-label={label}>
      {options.map((o) => {
        const selected = values.includes(o.value);
        return (
          <View
            key={o.value}
            className={cx('choice-list__option', selected && 'choice-list__option--selected')}
            onClick={() => toggle(o.value)}
            data-testid={testId ? `${testId}-${o.value}` : undefined}
            role="checkbox"
            aria-checked={selected}
          >
            <Text className="choice-list__label">{o.label}</Text>
            {o.hint && <Text className="choice-list__hint">{o.hint}</Text>}
          </View>
        );
      })}
    </View>
  );
}
