/**
 * Money in 民生微实事 is counted in whole 元 (integers): budgets, cost estimates, spending. A project's
 * cost is an estimate the committee fixes at screening, and a whole-元 figure keeps every sum exact.
 */
export const MAX_BUDGET_YUAN = 10_000_000;

/** `12,000 元`, with the thousands grouped by hand (the weapp's JavaScript engine may have no Intl). */
export function yuanText(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(Math.round(amount)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped} 元`;
}

/** The share of `part` in `whole` as a whole percentage (0 when there is no whole), for bars and tiles. */
export function percentOf(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.round((part / whole) * 100);
}
