import { formatNumber } from '@/lib/format';

/** One bar, column or segment. */
export interface ChartDatum {
  label: string;
  value: number;
  /** A second line under the label (e.g. "3 名网格员"). */
  hint?: string;
  /** Overrides the chart's colour for this datum. */
  color?: string;
  /**
   * A part of `value` drawn as an inner, darker fill (bound households of all units, ballots of
   * eligible households). Only BarChart draws it.
   */
  part?: number;
}

export const PALETTE = ['#07a35a', '#2f6fd6', '#f0a020', '#d9534f', '#7b61c9', '#16a2b8', '#8c9399'];

export const colorAt = (i: number) => PALETTE[i % PALETTE.length] as string;

/** The value a full-width bar stands for: the given max, else the largest value (never 0). */
export function scaleMax(values: readonly number[], max?: number): number {
  if (max !== undefined && max > 0) return max;
  const largest = Math.max(0, ...values.filter((v) => Number.isFinite(v)));
  return largest > 0 ? largest : 1;
}

/** Percent of `max` that `value` fills, clamped to 0–100. */
export function share(value: number, max: number): number {
  if (!Number.isFinite(value) || value <= 0 || max <= 0) return 0;
  return Math.min(100, (value / max) * 100);
}

export type ValueFormat = (value: number) => string;

export const defaultFormat: ValueFormat = (v) => formatNumber(v, 1);

export function valueText(value: number, unit: string | undefined, format: ValueFormat = defaultFormat): string {
  return `${format(value)}${unit ?? ''}`;
}

/** "42%" with at most one decimal, "0%" for nothing, "<1%" for a sliver (so it is not read as none). */
export function percentText(part: number, whole: number): string {
  if (whole <= 0 || part <= 0) return '0%';
  const p = (part / whole) * 100;
  if (p < 1) return '<1%';
  return `${formatNumber(p, p < 10 ? 1 : 0)}%`;
}
