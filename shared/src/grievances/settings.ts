import * as z from 'zod/mini';
import { id, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { addDays, addHours, HOUR_MS } from '../time/chinaTime';
import { LEVELS, URGENCIES, type Level, type Urgency } from './lifecycle';

/**
 * A community's 诉求 settings (categories, deadlines per level and urgency, routing), kept under
 * `grievances` in the Community's settings map. Absent or unreadable settings mean the defaults.
 */
const hours = (title: string) => z.number(zh(title)).check(z.int(), z.gte(1), z.lte(24 * 60), z.meta({ title }));

const deadline = z.strictObject({ acceptHours: hours('受理时限（小时）'), finishHours: hours('办结时限（小时）') });
const levelDeadlines = z.strictObject({ normal: deadline, urgent: deadline });

/** How many distinct residents' reports hide content when a community has not chosen (2–20; 举报与内容审核). */
export const DEFAULT_REPORT_THRESHOLD = 3;

export const categorySchema = z.strictObject({
  key: id('类别编号'),
  label: text('类别名称', { max: 10 }),
  enabled: z.boolean(zh('是否启用')).check(z.meta({ title: '是否启用' })),
});
export type GrievanceCategory = z.output<typeof categorySchema>;

export const grievanceSettingsSchema = z
  .strictObject({
    categories: z.array(categorySchema, zh('类别')).check(z.minLength(1), z.maxLength(20), z.meta({ title: '类别' })),
    deadlines: z.strictObject({ grid: levelDeadlines, committee: levelDeadlines, street: levelDeadlines }),
    /** 催办 goes out this long before a deadline (or halfway through a shorter window). */
    remindBeforeHours: hours('提前催办（小时）'),
    /** A resolved case waits this long for a rating, then closes as 未评价. */
    ratingDays: z.number(zh('评价期限（天）')).check(z.int(), z.gte(1), z.lte(30), z.meta({ title: '评价期限（天）' })),
    /**
     * 举报: content this many distinct residents report is hidden from others until staff decide
     * (shared by 诉求 and 议事; kept here with the community's other settings). Absent in settings stored before 2026-12.
     */
    reportThreshold: z._default(
      z.number(zh('举报隐藏人数')).check(z.int(), z.gte(2), z.lte(20), z.meta({ title: '举报隐藏人数' })),
      DEFAULT_REPORT_THRESHOLD,
    ),
    routing: z.strictObject({
      /** Requests about a described place (not a building) start in this grid; without it, at the committee. */
      placeGridId: z.optional(id('公共区域所属网格')),
      /** Categories the committee takes directly (e.g. 政策咨询), skipping the grid. */
      committeeCategories: z._default(z.array(id('类别编号')).check(z.maxLength(20)), []),
    }),
  })
  .check(
    z.refine((s) => new Set(s.categories.map((c) => c.key)).size === s.categories.length, {
      error: '类别编号不能重复',
      path: ['categories'],
    }),
    z.refine((s) => s.categories.some((c) => c.enabled), { error: '至少启用一个类别', path: ['categories'] }),
    z.refine(
      (s) => LEVELS.every((l) => URGENCIES.every((u) => s.deadlines[l][u].acceptHours < s.deadlines[l][u].finishHours)),
      {
        error: '受理时限应短于办结时限',
        path: ['deadlines'],
      },
    ),
  );
export type GrievanceSettings = z.output<typeof grievanceSettingsSchema>;

export const DEFAULT_CATEGORIES: GrievanceCategory[] = [
  { key: 'repair', label: '物业维修', enabled: true },
  { key: 'sanitation', label: '环境卫生', enabled: true },
  { key: 'noise', label: '噪音扰民', enabled: true },
  { key: 'parking', label: '停车', enabled: true },
  { key: 'safety', label: '治安安全', enabled: true },
  { key: 'dispute', label: '邻里纠纷', enabled: true },
  { key: 'care', label: '养老助残', enabled: true },
  { key: 'policy', label: '政策咨询', enabled: true },
  { key: 'other', label: '其他', enabled: true },
];

export const DEFAULT_GRIEVANCE_SETTINGS: GrievanceSettings = {
  categories: DEFAULT_CATEGORIES,
  deadlines: {
    grid: { normal: { acceptHours: 24, finishHours: 72 }, urgent: { acceptHours: 2, finishHours: 24 } },
    committee: { normal: { acceptHours: 24, finishHours: 120 }, urgent: { acceptHours: 4, finishHours: 48 } },
    street: { normal: { acceptHours: 48, finishHours: 240 }, urgent: { acceptHours: 8, finishHours: 72 } },
  },
  remindBeforeHours: 4,
  ratingDays: 7,
  reportThreshold: DEFAULT_REPORT_THRESHOLD,
  routing: { committeeCategories: [] },
};

/** The settings a community stored, or the defaults when it stored none (or something unreadable). */
export function parseGrievanceSettings(communitySettings: unknown): GrievanceSettings {
  const raw = (communitySettings as { grievances?: unknown } | undefined | null)?.grievances;
  if (raw === undefined) return DEFAULT_GRIEVANCE_SETTINGS;
  const parsed = grievanceSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : DEFAULT_GRIEVANCE_SETTINGS;
}

export const categoryLabel = (settings: GrievanceSettings, key: string) =>
  settings.categories.find((c) => c.key === key)?.label ?? key;

/** The level a new request starts at: its grid, or the committee for its category or an unplaced place. */
export function startingLevel(settings: GrievanceSettings, category: string, gridId: string | undefined): Level {
  if (settings.routing.committeeCategories.includes(category) || !gridId) return 'committee';
  return 'grid';
}

export interface Deadline {
  /** When the current step is due. */
  dueAt: string;
  /** When to 催办 (remind) the handler: `remindBeforeHours` ahead, or halfway through a shorter window. */
  remindAt: string;
}

/** A deadline `hours` from `from`, with its reminder time. */
export function deadlineIn(
  from: Date,
  hours: number,
  settings: Pick<GrievanceSettings, 'remindBeforeHours'>,
): Deadline {
  return deadlineAt(from, addHours(from, hours), settings);
}

/** A deadline at a fixed time (a handler's own commitment), with its reminder time. */
export function deadlineAt(from: Date, due: Date, settings: Pick<GrievanceSettings, 'remindBeforeHours'>): Deadline {
  const window = Math.max(0, due.getTime() - from.getTime());
  const ahead = Math.min(settings.remindBeforeHours * HOUR_MS, window / 2);
  return { dueAt: due.toISOString(), remindAt: new Date(due.getTime() - ahead).toISOString() };
}

export const acceptDeadline = (from: Date, level: Level, urgency: Urgency, s: GrievanceSettings) =>
  deadlineIn(from, s.deadlines[level][urgency].acceptHours, s);
export const finishDeadline = (from: Date, level: Level, urgency: Urgency, s: GrievanceSettings) =>
  deadlineIn(from, s.deadlines[level][urgency].finishHours, s);
/** The rating window has no reminder to a handler; remindAt equals dueAt so the sweep only closes it. */
export const ratingDeadline = (from: Date, s: GrievanceSettings): Deadline => {
  const dueAt = addDays(from, s.ratingDays).toISOString();
  return { dueAt, remindAt: dueAt };
};
