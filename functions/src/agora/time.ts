/** 2026-11-25 14:05 in China Standard Time (UTC+8, no daylight saving): how messages name a moment. */
export function beijingTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
