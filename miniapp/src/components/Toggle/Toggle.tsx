import { Text, View } from '@tarojs/components';
import { focusable } from '@/lib/a11y';
import { cx } from '@/lib/classNames';
import './Toggle.scss';

export interface ToggleProps {
  checked: boolean;
  onChange(checked: boolean): void;
  /** What is switched on or off, for screen readers (the row's visible title says it to everyone else). */
  label: string;
  testId?: string;
  /** `danger` for a switch that makes something louder (紧急通知). */
  tone?: 'primary' | 'danger';
}

/**
 * An on/off switch drawn by the app rather than Taro's `Switch`: its whole box (44×44 px, 60×60 in 大字模式) takes the
 * tap, it says 开/关 in words beside the knob (not by colour alone), and it is one `role="switch"` with its label —
 * Taro's H5 `Switch` is a 52×32 px checkbox whose label does not reach the inner `<input>`.
 */
export function Toggle({ checked, onChange, label, testId, tone = 'primary' }: ToggleProps) {
  return (
    <View
      className={cx('toggle', checked && 'toggle--on', `toggle--${tone}`)}
      role="switch"
      aria-checked={checked}
      aria-label={label}
      {...focusable}
      onClick={() => onChange(!checked)}
      data-testid={testId}
    >
      <Text className="toggle__state" aria-hidden>
        {checked ? '开' : '关'}
      </Text>
      <View className="toggle__track">
        <View className="toggle__knob" />
      </View>
    </View>
  );
}
