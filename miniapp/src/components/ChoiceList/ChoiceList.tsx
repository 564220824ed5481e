import { Text, View } from '@tarojs/components';
import { Icon } from '@/components/Icon/Icon';
import { focusable } from '@/lib/a11y';
import { cx } from '@/lib/classNames';
import './ChoiceList.scss';

export interface Choice<V extends string = string> {
  value: V;
  label: string;
  hint?: string;
}

export interface ChoiceListProps<V extends string> {
  options: readonly Choice<V>[];
  /** Inferred from `options` only, so a state setter of a union type fits. */
  value?: NoInfer<V>;
  onChange: (value: NoInfer<V>) => void;
  /** `chips` wrap in rows (buildings, relations); `list` stacks full-width rows (units, communities). */
  layout?: 'chips' | 'list' | 'grid';
  testId?: string;
  label?: string;
}

/**
 * Big tappable options instead of a scroll-wheel picker: easier for older residents and for browser
 * tests. Each option carries `data-testid="<testId>-<value>"` and `aria-checked`; the chosen one shows a check mark,
 * so the choice does not rest on colour alone.
 */
export function ChoiceList<V extends string>({
  options,
  value,
  onChange,
  layout = 'chips',
  testId,
  label,
}: ChoiceListProps<V>) {
  return (
    <View
      className={cx('choice-list', `choice-list--${layout}`)}
      data-testid={testId}
      role="radiogroup"
      aria-label={label}
    >
      {options.map((o) => {
        const selected = o.value === value;
        return (
          <View
            key={o.value}
            className={cx('choice-list__option', selected && 'choice-list__option--selected')}
            onClick={() => onChange(o.value)}
            data-testid={testId ? `${testId}-${o.value}` : undefined}
            role="radio"
            aria-checked={selected}
            {...focusable}
          >
            {selected && <Icon name="check" className="choice-list__mark" />}
            <Text className="choice-list__label">{o.label}</Text>
            {o.hint && <Text className="choice-list__hint">{o.hint}</Text>}
          </View>
        );
      })}
    </View>
  );
}
