/**
 * Wall-clock time in China (Asia/Shanghai, UTC+8 all year: no daylight saving since 1991), done with
 * arithmetic rather than Intl so Lambdas and the mini-program agree without time-zone data.
 */
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export interface ChinaParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** Minutes since local midnight. */
  minuteOfDay: number;
}

export function chinaParts(at: Date): ChinaParts {
  const local = new Date(at.getTime() + OFFSET_MS);
  const hour = local.getUTCHours();
  const minute = local.getUTCMinutes();
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour,
    minute,
    minuteOfDay: hour * 60 + minute,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11`: the month (China time) an instant falls in — a month of 评议, of the ledger, of the honour roll. */
export function chinaMonth(at: Date | string): string {
  return new Date((typeof at === 'string' ? Date.parse(at) : at.getTime()) + OFFSET_MS).toISOString().slice(0, 7);
}

/** `2026-11-22`: the local date a daily cap counts against. */
export function chinaDate(at: Date): string {
  const p = chinaParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** `2026年11月22日 08:05`, the form WeChat's `time` keywords accept. */
export function chinaDateTimeText(at: Date): string {
  const p = chinaParts(at);
  return `${p.year}年${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}`;
}

/** `2026年11月22日`, the form WeChat's `date` keywords accept. */
export function chinaDateText(at: Date): string {
  const p = chinaParts(at);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** The instant of local midnight that starts the China day containing `at`. */
export function chinaMidnight(at: Date): Date {
  const local = at.getTime() + OFFSET_MS;
  return new Date(local - (((local % DAY_MS) + DAY_MS) % DAY_MS) - OFFSET_MS);
}

/** `HH:mm` → minutes since midnight. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
