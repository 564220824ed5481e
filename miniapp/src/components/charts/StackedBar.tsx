import { Text, View } from '@tarojs/components';
import { colorAt, percentText, share, valueText, type ChartDatum, type ValueFormat } from './scale';
import './charts.scss';

export interface StackedBarProps {
  /** Parts of one whole, e.g. 已绑定 / 未绑定, or 新增 / 更新 / 不变. */
  segments: readonly ChartDatum[];
  /** The whole; defaults to the sum. A larger total leaves the rest of the bar empty. */
  total?: number;
  unit?: string;
  format?: ValueFormat;
  showLegend?: boolean;
  title?: string;
  testId?: string;
}

/** One bar split into coloured parts, with a legend giving each part's value and share. */
export function StackedBar({
  segments,
  total,
  unit,
  format,
  showLegend = true,
  title,
  testId = 'stacked-bar',
}: StackedBarProps) {
  const sum = segments.reduce((s, d) => s + Math.max(0, d.value), 0);
  const whole = total !== undefined && total > sum ? total : sum;
  return (
    <View className="stacked-bar" data-testid={testId} aria-label={title}>
      <View className="stacked-bar__track">
        {segments.map((d, i) => {
          const pct = share(d.value, whole);
          if (pct === 0) return null;
          return (
            <View
              key={`${d.label}-${i}`}
              className="stacked-bar__segment"
              style={{ width: `${pct}%`, background: d.color ?? colorAt(i) }}
              data-testid={`${testId}-segment`}
              data-label={d.label}
              data-share={pct.toFixed(1)}
            />
          );
        })}
      </View>
      {showLegend && (
        <View className="chart-legend chart-legend--wrap">
          {segments.map((d, i) => (
            <View key={`${d.label}-${i}`} className="chart-legend__item" data-testid={`${testId}-legend`}>
              <View className="chart-legend__dot" style={{ background: d.color ?? colorAt(i) }} />
              <Text>
                {d.label} {valueText(d.value, unit, format)}（{percentText(d.value, whole)}）
              </Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
