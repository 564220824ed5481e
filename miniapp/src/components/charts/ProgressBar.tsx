import { Text, View } from '@tarojs/components';
import { formatNumber } from '@/lib/format';
import { percentText, share } from './scale';
import './charts.scss';

export interface ProgressBarProps {
  value: number;
  total: number;
  /** Before the numbers, e.g. 已写入. */
  label?: string;
  unit?: string;
  color?: string;
  testId?: string;
}

/** Progress of a long job (roster import) as "已写入 120 / 300 行（40%）". */
export function ProgressBar({ value, total, label, unit = '', color, testId = 'progress' }: ProgressBarProps) {
  const pct = share(value, total);
  return (
    <View
      className="progress"
      data-testid={testId}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={value}
      aria-label={`${label ?? '进度'} ${percentText(value, total)}`}
    >
      <View className="progress__track">
        <View
          className="progress__fill"
          style={{ width: `${pct}%`, background: color }}
          data-testid={`${testId}-fill`}
          data-share={pct.toFixed(1)}
        />
      </View>
      <Text className="progress__text" data-testid={`${testId}-text`}>
        {label ? `${label} ` : ''}
        {formatNumber(value, 0)} / {formatNumber(total, 0)}
        {unit}（{percentText(value, total)}）
      </Text>
    </View>
  );
}
