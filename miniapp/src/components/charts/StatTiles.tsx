import { Text, View } from '@tarojs/components';
import { formatNumber } from '@/lib/format';
import './charts.scss';

export interface StatTile {
  label: string;
  value: number | string;
  unit?: string;
  /** Draws attention (e.g. pending reviews above zero). */
  tone?: 'normal' | 'alert';
  onClick?: () => void;
  testId?: string;
}

/** Big numbers in a grid: the headline totals of a dashboard. */
export function StatTiles({
  tiles,
  columns = 3,
  testId = 'stat-tiles',
}: {
  tiles: readonly StatTile[];
  columns?: 2 | 3 | 4;
  testId?: string;
}) {
  return (
    <View className={`stat-tiles stat-tiles--${columns}`} data-testid={testId}>
      {tiles.map((t) => (
        <View
          key={t.label}
          className={`stat-tiles__tile stat-tiles__tile--${t.tone ?? 'normal'}`}
          onClick={t.onClick}
          data-testid={t.testId}
        >
          <Text className="stat-tiles__value">
            {typeof t.value === 'number' ? formatNumber(t.value, 1) : t.value}
            {t.unit && <Text className="stat-tiles__unit">{t.unit}</Text>}
          </Text>
          <Text className="stat-tiles__label">{t.label}</Text>
        </View>
      ))}
    </View>
  );
}
