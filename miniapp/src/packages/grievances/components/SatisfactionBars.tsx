import { BarChart, percentText } from '@/components/charts';

type SatisfactionTally = { satisfied: number; basic: number; unsatisfied: number; unrated: number; rate?: number };

/** Satisfaction (满意 + 基本满意 over all ratings, 未评价 included) per grid or per handler, as bars out of 100%. */
export function SatisfactionBars({
  rows,
  testId,
  title,
}: {
  rows: (SatisfactionTally & { label: string })[];
  testId: string;
  title: string;
}) {
  return (
    <BarChart
      title={title}
      testId={testId}
      max={100}
      unit="%"
      format={(v) => v.toFixed(0)}
      emptyText="本月还没有评价"
      data={rows.map((r) => ({
        label: r.label,
        value: (r.rate ?? 0) * 100,
        hint: `满意 ${r.satisfied} · 基本满意 ${r.basic} · 不满意 ${r.unsatisfied} · 未评价 ${r.unrated}`,
        color: r.rate === undefined ? '#c9cdd4' : undefined,
      }))}
    />
  );
}

export const rateText = (t: SatisfactionTally) =>
  t.rate === undefined ? '—' : percentText(t.satisfied + t.basic, t.satisfied + t.basic + t.unsatisfied + t.unrated);
