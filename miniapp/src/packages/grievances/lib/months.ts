import { chinaMonth, chinaParts, daysInMonth, shiftMonth } from '@linli/shared';

/** `2026-11` for the month `back` months before this one (China time, as the server counts months). */
export function monthBack(back: number, now = new Date()): string {
  return shiftMonth(chinaMonth(now), -back);
}

/** The first and last day of a month, as the 台账 export takes them. */
export function monthDays(month: string): { from: string; to: string } {
  return { from: `${month}-01`, to: `${month}-${String(daysInMonth(month)).padStart(2, '0')}` };
}

/** 11月 / 2025年12月 */
export function monthLabel(month: string, now = new Date()): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return y === chinaParts(now).year ? `${m}月` : `${y}年${m}月`;
}
