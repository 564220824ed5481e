/**
 * Time as residents read it: China Standard Time (Asia/Shanghai), UTC+8 all year, no daylight saving
 * since 1991. Done with arithmetic rather than Intl or a time-zone library, so a Lambda (in UTC), a
 * phone set to any zone and an engine without time-zone data all name the same day, month and minute,
 * and the mini-program's main package stays small. Every UTC+8 calculation in Linli lives here.
 */

/** Named durations, in milliseconds. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
/** China is eight hours ahead of UTC. */
export const CHINA_OFFSET_MS = 8 * HOUR_MS;

/** An instant: a `Date` or an ISO string as stored and sent. */
export type Instant = Date | string;

const millis = (at: Instant) => (typeof at === 'string' ? Date.parse(at) : at.getTime());
/** The China wall clock of `at` as an ISO-shaped string (`2026-11-22T08:05:09.000Z`); throws on an invalid instant. */
const wallClock = (at: Instant) => new Date(millis(at) + CHINA_OFFSET_MS).toISOString();
const pad = (n: number) => String(n).padStart(2, '0');

export const addMinutes = (at: Date, minutes: number) => new Date(at.getTime() + minutes * MINUTE_MS);
export const addHours = (at: Date, hours: number) => new Date(at.getTime() + hours * HOUR_MS);
export const addDays = (at: Date, days: number) => addHours(at, days * 24);
/** Hours from one instant to the next (negative when `to` comes first). */
export const hoursBetween = (from: Instant, to: Instant) => (millis(to) - millis(from)) / HOUR_MS;

export interface ChinaParts {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** Minutes since local midnight. */
  minuteOfDay: number;
}

/** The China wall clock of an instant, field by field. */
export function chinaParts(at: Instant): ChinaParts {
  const local = new Date(millis(at) + CHINA_OFFSET_MS);
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

/** `2026-11`: the month an instant falls in — a month of 评议, of the ledger, of the honour roll. */
export const chinaMonth = (at: Instant) => wallClock(at).slice(0, 7);

/** `2026-11-22`: the day an instant falls in (a daily cap counts against it). */
export const chinaDate = (at: Instant) => wallClock(at).slice(0, 10);

/** `2026-11-22 14:05` (or `2026-11-22 14:05:09` with seconds): how messages and sheets name a moment. */
export const chinaDateTime = (at: Instant, opts: { seconds?: boolean } = {}) =>
  wallClock(at)
    .slice(0, opts.seconds ? 19 : 16)
    .replace('T', ' ');

/** `2026年11月22日 08:05`, the form WeChat's `time` keywords accept. */
export function chinaDateTimeText(at: Instant): string {
  const p = chinaParts(at);
  return `${p.year}年${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}`;
}

/** `2026年11月22日`, the form WeChat's `date` keywords accept. */
export function chinaDateText(at: Instant): string {
  const p = chinaParts(at);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** `11月22日 14:00`: a moment this year, as a short message names it. */
export function chinaTimeLabel(at: Instant): string {
  const p = chinaParts(at);
  return `${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}`;
}

/** The instant of the local midnight that starts the China day containing `at`. */
export function chinaMidnight(at: Date): Date {
  const local = at.getTime() + CHINA_OFFSET_MS;
  return new Date(local - (((local % DAY_MS) + DAY_MS) % DAY_MS) - CHINA_OFFSET_MS);
}

/** `2026-11-22` → the instant that China day starts (an invalid date gives an invalid `Date`). */
export const chinaDayStart = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`));

/**
 * The instant a China wall-clock time names. Out-of-range fields carry over as `Date.UTC` does
 * (month 13 is January next year, 24:00 is the next midnight).
 */
export const chinaInstant = (year: number, month: number, day: number, hour = 0, minute = 0) =>
  new Date(Date.UTC(year, month - 1, day, hour, minute) - CHINA_OFFSET_MS);

const monthParts = (month: string) => month.split('-').map(Number) as [number, number];

/** `2026-11` → the month's bounds as ISO instants: from its first China midnight to the next month's. */
export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = monthParts(month);
  return { from: chinaInstant(y, m, 1).toISOString(), to: chinaInstant(y, m + 1, 1).toISOString() };
}

/** `2026-11`, 2 → `2027-01`; `2026-01`, -1 → `2025-12`. */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = monthParts(month);
  const index = y * 12 + (m - 1) + by;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${pad(index - year * 12 + 1)}`;
}

/** 28–31: the days of a month (`2028-02` → 29). */
export function daysInMonth(month: string): number {
  const [y, m] = monthParts(month);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** `HH:mm` → minutes since midnight. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
