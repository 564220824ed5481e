import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { colorAt, scaleMax, share, valueText, type ChartDatum, type ValueFormat } from './scale';
import './charts.scss';

export interface ColumnChartProps {
  /** In order along the axis, e.g. months or weeks. */
  data: readonly ChartDatum[];
  max?: number;
  unit?: string;
  format?: ValueFormat;
  color?: string;
  /** Plot height in design px (750-wide); columns scale within it. */
  height?: number;
  /** Print each value above its column (off for long series). */
  showValues?: boolean;
  title?: string;
  emptyText?: string;
  testId?: string;
}

/** Vertical columns over a category or time axis (balances by month, requests by week). */
export function ColumnChart({
  data,
  max,
  unit,
  format,
  color,
  height = 320,
  showValues = true,
  title,
  emptyText = '暂无数据',
  testId = 'column-chart',
}: ColumnChartProps) {
  if (!data.length)
    return (
      <Text className="chart-empty" data-testid={`${testId}-empty`}>
        {emptyText}
      </Text>
    );
  const top = scaleMax(
    data.map((d) => d.value),
    max,
  );
  return (
    <View className="column-chart" data-testid={testId} role="list" aria-label={title}>
      <View className="column-chart__plot" style={{ height: Taro.pxTransform(height) }}>
        {data.map((d, i) => {
          const pct = share(d.value, top);
          return (
            <View
              key={`${d.label}-${i}`}
              className="column-chart__column"
              data-testid={`${testId}-column`}
              role="listitem"
              aria-label={`${d.label} ${valueText(d.value, unit, format)}`}
            >
              {showValues && <Text className="column-chart__value">{valueText(d.value, unit, format)}</Text>}
              <View
                className="column-chart__bar"
                style={{ height: `${pct}%`, background: d.color ?? color ?? colorAt(0) }}
                data-testid={`${testId}-bar`}
                data-share={pct.toFixed(1)}
              />
            </View>
          );
        })}
      </View>
      <View className="column-chart__axis">
        {data.map((d, i) => (
          <Text key={`${d.label}-${i}`} className="column-chart__label">
            {d.label}
          </Text>
        ))}
      </View>
    </View>
  );
}
