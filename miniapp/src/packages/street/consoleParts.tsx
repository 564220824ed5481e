import { chinaParts, RATE_KEYS, RATE_LABELS, type FiguresView } from '@linli/shared';
import { StatTiles } from '@/components/charts';
import { formatNumber } from '@/lib/format';

/* What the street console and its grid drill-down both print (this subpackage only). */

export const monthLabel = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return y === chinaParts(new Date()).year ? `${m}月` : `${y}年${m}月`;
};
export const pct = (rate: number | undefined) => (rate === undefined ? '—' : formatNumber(rate * 100, 1));
/** 环比 in percentage points, signed: 较上月 +5.0 个百分点. */
export const changeText = (pp: number | undefined) =>
  pp === undefined ? '较上月：无可比数据' : `较上月 ${pp >= 0 ? '+' : ''}${formatNumber(pp, 1)} 个百分点`;

export function RateTiles({ figures, testId }: { figures: FiguresView; testId: string }) {
  return (
    <StatTiles
      columns={3}
      testId={testId}
      tiles={RATE_KEYS.map((k) => ({
        label: RATE_LABELS[k],
        value: pct(figures.rates[k]),
        unit: figures.rates[k] === undefined ? undefined : '%',
        testId: `${testId}-${k}`,
      }))}
    />
  );
}
