import * as z from 'zod/mini';
import { zh } from '../validation/messages';
import { addDays, addMinutes, chinaDate, chinaMidnight, chinaParts, minutesOf } from '../time/chinaTime';
import { NOTIFICATION_CATEGORIES, type NotificationCategory } from './events';

/**
 * How Linli stays welcome on a resident's phone. The inbox always receives every message; these rules
 * decide only whether a WeChat subscribe message is pushed, and when: per-category choices, quiet hours
 * (免打扰, default 22:00–08:00 China time; non-urgent pushes wait until they end) and a daily cap.
 */
export interface QuietHours {
  enabled: boolean;
  /** `HH:mm` China time; a window may cross midnight (22:00 → 08:00). */
  start: string;
  end: string;
}

export interface NotificationPreferences {
  /** Per category: push it to WeChat (true) or keep it in the inbox only (false). */
  categories: Record<NotificationCategory, boolean>;
  quietHours: QuietHours;
  /** WeChat pushes per China day; urgent messages are never held back by it. */
  dailyCap: number;
}

export const CATEGORY_KEYS = Object.keys(NOTIFICATION_CATEGORIES) as NotificationCategory[];
export const DAILY_CAP_CHOICES = [3, 5, 10, 20] as const;

export const DEFAULT_PREFERENCES: NotificationPreferences = {
  categories: Object.fromEntries(CATEGORY_KEYS.map((c) => [c, true])) as Record<NotificationCategory, boolean>,
  quietHours: { enabled: true, start: '22:00', end: '08:00' },
  dailyCap: 5,
};

/** Stored preferences merged over the defaults, so a category added later starts switched on. */
export function withDefaults(
  stored:
    { categories?: Partial<Record<string, boolean>>; quietHours?: Partial<QuietHours>; dailyCap?: number } | undefined,
): NotificationPreferences {
  return {
    categories: Object.fromEntries(
      CATEGORY_KEYS.map((c) => [c, stored?.categories?.[c] ?? DEFAULT_PREFERENCES.categories[c]]),
    ) as Record<NotificationCategory, boolean>,
    quietHours: { ...DEFAULT_PREFERENCES.quietHours, ...(stored?.quietHours ?? {}) },
    dailyCap: stored?.dailyCap ?? DEFAULT_PREFERENCES.dailyCap,
  };
}

const clockTime = (title: string) =>
  z
    .string(zh(title))
    .check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: `${title}请用 24 小时制，如 22:00` }), z.meta({ title }));

export const quietHoursSchema = z
  .strictObject({
    enabled: z.boolean(zh('免打扰')).check(z.meta({ title: '免打扰' })),
    start: clockTime('免打扰开始时间'),
    end: clockTime('免打扰结束时间'),
  })
  .check(z.refine((q) => q.start !== q.end, { error: '开始和结束时间不能相同', path: ['end'] }));

export const preferencesSchema = z.strictObject({
  categories: z.strictObject(
    Object.fromEntries(
      CATEGORY_KEYS.map((c) => [
        c,
        z.boolean(zh(NOTIFICATION_CATEGORIES[c])).check(z.meta({ title: NOTIFICATION_CATEGORIES[c] })),
      ]),
    ) as Record<NotificationCategory, z.ZodMiniBoolean>,
  ),
  quietHours: quietHoursSchema,
  dailyCap: z.number(zh('每日推送上限')).check(
    z.int(),
    z.refine((n) => (DAILY_CAP_CHOICES as readonly number[]).includes(n), {
      error: `每日推送上限只能选 ${DAILY_CAP_CHOICES.join('、')} 条`,
    }),
    z.meta({ title: '每日推送上限' }),
  ),
});

/** The end of the quiet window `at` falls in, or undefined when `at` is outside it (or quiet hours are off). */
export function quietUntil(at: Date, quiet: QuietHours): Date | undefined {
  if (!quiet.enabled) return undefined;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return undefined;
  const now = chinaParts(at).minuteOfDay;
  const endToday = addMinutes(chinaMidnight(at), end);
  if (start < end) return now >= start && now < end ? endToday : undefined;
  // The window crosses midnight: the evening part ends tomorrow, the morning part today.
  if (now >= start) return addDays(endToday, 1);
  if (now < end) return endToday;
  return undefined;
}

export type PushDecision = { kind: 'send' } | { kind: 'skip'; reason: 'categoryOff' } | { kind: 'wait'; until: Date };

/** Whether a WeChat push of a message goes now, waits for quiet hours to end, or is left to the inbox. */
export function pushDecision(input: {
  category: string;
  urgent: boolean;
  preferences: NotificationPreferences;
  now: Date;
}): PushDecision {
  const { preferences, now } = input;
  if (preferences.categories[input.category as NotificationCategory] === false)
    return { kind: 'skip', reason: 'categoryOff' };
  if (input.urgent) return { kind: 'send' };
  const until = quietUntil(now, preferences.quietHours);
  return until ? { kind: 'wait', until } : { kind: 'send' };
}

/** The key of the China day a push counts against in the daily cap. */
export const capDay = chinaDate;
