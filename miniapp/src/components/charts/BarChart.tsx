import { Text, View } from '@tarojs/components';
import { cx } from '@/lib/classNames';
import { colorAt, scaleMax, share, valueText, type ChartDatum, type ValueFormat } from './scale';
import './charts.scss';

export interface BarChartProps {
  data: readonly ChartDatum[];
  /** Value of a full bar (e.g. 100 for percentages); defaults to the largest value. */
  max?: number;
  /** Appended to values: 户, 人, 分, %. */
  unit?: string;
  format?: ValueFormat;
  /** One colour for all bars; otherwise each datum's colour, else the palette in order. */
  color?: string;
  /** Names the inner fill when data carry `part` (e.g. 已绑定); shown as "part / value" and in a legend. */
  partLabel?: string;
  /** Names the whole bar in the legend when `partLabel` is set (e.g. 房屋). */
  valueLabel?: string;
  /** Accessible name of the chart. */
  title?: string;
  emptyText?: string;
  testId?: string;
}

/**
 * Horizontal bars with the label and value above each bar, readable at large text sizes.
 * Rows: `<testId>-row`, fills: `<testId>-bar` with `data-share` (percent of max).
 */
export function BarChart({
  data,
  max,
  unit,
  format,
  color,
  partLabel,
  valueLabel,
  title,
  emptyText = '暂无数据',
  testId = 'bar-chart',
}: BarChartProps) {
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
  const hasParts = !!partLabel && data.some((d) => d.part !== undefined);
  return (
    <View className="bar-chart" data-testid={testId} role="list" aria-label={title}>
      {hasParts && (
        <View className="chart-legend">
          <View className="chart-legend__item">
            <View className="chart-legend__dot chart-legend__dot--whole" />
            <Text>{valueLabel ?? '总数'}</Text>
          </View>
          <View className="chart-legend__item">
            <View className="chart-legend__dot" style={{ background: color ?? colorAt(0) }} />
            <Text>{partLabel}</Text>
          </View>
        </View>
      )}
      {data.map((d, i) => {
        const fill = d.color ?? color ?? (hasParts ? colorAt(0) : colorAt(i));
        const pct = share(d.value, top);
        const partPct = hasParts && d.part !== undefined ? share(d.part, top) : undefined;
        const shown =
          partPct !== undefined
            ? `${valueText(d.part as number, undefined, format)} / ${valueText(d.value, unit, format)}`
            : valueText(d.value, unit, format);
        return (
          <View
            key={`${d.label}-${i}`}
            className="bar-chart__row"
            data-testid={`${testId}-row`}
            role="listitem"
            aria-label={`${d.label} ${shown}`}
          >
            <View className="bar-chart__head">
              <Text className="bar-chart__label">{d.label}</Text>
              <Text className="bar-chart__value" data-testid={`${testId}-value`}>
                {shown}
              </Text>
            </View>
            <View className="bar-chart__track">
              <View
                className={cx('bar-chart__fill', partPct !== undefined && 'bar-chart__fill--whole')}
                style={{ width: `${pct}%`, background: partPct !== undefined ? undefined : fill }}
                data-testid={`${testId}-bar`}
                data-share={pct.toFixed(1)}
              />
              {partPct !== undefined && (
                <View
                  className="bar-chart__fill bar-chart__fill--part"
                  style={{ width: `${partPct}%`, background: fill }}
                  data-testid={`${testId}-part`}
                  data-share={partPct.toFixed(1)}
                />
              )}
            </View>
            {d.hint && <Text className="bar-chart__hint">{d.hint}</Text>}
          </View>
        );
      })}
    </View>
  );
}
