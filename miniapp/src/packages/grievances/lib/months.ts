const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11` for the month `back` months before this one (device time, which in China is China time). */
export function monthBack(back: number, now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth() - back, 1);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}

/** The first and last day of a month, as the 台账 export takes them. */
export function monthDays(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(y, m, 0).getDate();
  return { from: `${month}-01`, to: `${month}-${pad(last)}` };
}

/** 11月 / 2025年12月 */
export function monthLabel(month: string, now = new Date()): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return y === now.getFullYear() ? `${m}月` : `${y}年${m}月`;
}
