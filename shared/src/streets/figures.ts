import { chinaMonth } from '../time/chinaTime';
import { LEVELS, RATINGS, type GrievanceStatus, type Level, type Rating } from '../grievances/lifecycle';

/**
 * 三率 of a street's communities and grids, month by month — 响应率, 解决率, 满意率 — with 超时 by level
 * and the categories residents raise. The street console (functions/src/streets/console/figures.ts)
 * counts them per request from each community's requests of the months asked (`countersOf` on every
 * request's state: two queries per community, docs/DATA.md S9). `changeDelta` is the same arithmetic
 * as deltas of stream records, kept for a projection into counters should a street outgrow reading
 * its months (docs/FEATURES-streets.md, "Why per request"). The arithmetic is here, pure, so the
 * console and the 台账 summary agree.
 *
 * The cohort is the month a request was raised in (China time), as in a community's own dashboard:
 * a case raised on 30 November and closed in December counts for November.
 */

/** What the figures need of a request (a Grievance item, or its stream image). */
export interface CaseImage {
  createdAt: string;
  gridId?: string;
  category: string;
  status: GrievanceStatus;
  level: Level;
  overdueCount: number;
  /** Set when first accepted: whether that happened before its deadline, with no 超时 before. */
  acceptedInTime?: boolean;
  firstAcceptedAt?: string;
  rating?: { rating: Rating | 'unrated' };
  ratings: readonly { rating: Rating | 'unrated' }[];
  /** The level of each 超时督办 in order (written by the sweep since 2026-12; absent on older cases). */
  overdueLevels?: readonly Level[];
}

/** Counters of one community (or one grid) for one month; every figure is a ratio of two of them. */
export interface CaseCounters {
  /** Requests raised in the month (withdrawn ones are not counted). */
  raised: number;
  /** …of which first accepted within the acceptance deadline, never 超时 before (响应). */
  acceptedInTime: number;
  /** …closed (办结 and rated, or closed unrated when the rating window ran out). */
  closed: number;
  /**
   * …rated by a resident (满意, 基本满意 or 不满意; 未评价 excluded): closed with a resident's own final
   * rating, or reopened by a resident's 不满意 after the handler's 办结 (still open, so not resolved).
   */
  rated: number;
  /** …of which the final rating is 满意 or 基本满意: resolved as residents judged it (解决). */
  resolved: number;
  /** Every rating round given (a reopened case is rated again), 未评价 included. */
  ratings: number;
  /** …of which 满意 or 基本满意. */
  satisfiedRatings: number;
  /** 超时督办 by the level whose deadline passed (a case overdue at the grid, then at the committee, counts twice). */
  overdue: Record<Level, number>;
  /** Requests raised by category key. */
  categories: Record<string, number>;
}

export const emptyCounters = (): CaseCounters => ({
  raised: 0,
  acceptedInTime: 0,
  closed: 0,
  rated: 0,
  resolved: 0,
  ratings: 0,
  satisfiedRatings: 0,
  overdue: { grid: 0, committee: 0, street: 0 },
  categories: {},
});

const SATISFIED: readonly (Rating | 'unrated')[] = ['satisfied', 'basic'];
const RESIDENT_RATINGS: readonly (Rating | 'unrated')[] = RATINGS;

/** Key for requests with no grid (a described place the committee handles). */
export const NO_GRID_KEY = '-';

/** The month and grid a request counts in. */
export interface CounterKey {
  month: string;
  gridId: string;
}

export const counterKeyOf = (c: Pick<CaseImage, 'createdAt' | 'gridId'>): CounterKey => ({
  month: chinaMonth(c.createdAt),
  gridId: c.gridId ?? NO_GRID_KEY,
});

/** What one request, as it stands, contributes to its month's counters (state, not events). */
export function contributionOf(c: CaseImage): CaseCounters {
  const out = emptyCounters();
  if (c.status === 'withdrawn') return out;
  out.raised = 1;
  out.categories[c.category] = 1;
  if (c.acceptedInTime ?? (!!c.firstAcceptedAt && c.overdueCount === 0)) out.acceptedInTime = 1;
  const final = c.rating?.rating;
  if (c.status === 'closed') {
    out.closed = 1;
    // Resolved only as the resident judged it: closed on their 满意 or 基本满意, never on the handler's 办结.
    if (final && SATISFIED.includes(final)) out.resolved = 1;
  }
  // Rated by a resident: a final rating of theirs, or a 不满意 that reopened the case after the handler's
  // 办结 (then still open, or closed later, perhaps 未评价: rated, and not resolved unless they said so).
  if ((final && RESIDENT_RATINGS.includes(final)) || c.ratings.some((r) => RESIDENT_RATINGS.includes(r.rating)))
    out.rated = 1;
  out.ratings = c.ratings.length;
  out.satisfiedRatings = c.ratings.filter((r) => SATISFIED.includes(r.rating)).length;
  return out;
}

/**
 * What one request, as it stands, counts in its month: its contribution and its 超时 by level — from
 * `overdueLevels`, and for a case from before that list (or an overdue the list missed) the rest of
 * `overdueCount` at the level the case is at now.
 */
export function countersOf(c: CaseImage): CaseCounters {
  const out = contributionOf(c);
  if (c.status === 'withdrawn') return out;
  const levels = c.overdueLevels ?? [];
  for (const l of levels) out.overdue[l]++;
  const unplaced = c.overdueCount - levels.length;
  if (unplaced > 0) out.overdue[c.level] += unplaced;
  return out;
}

/** `a + sign × b`, field by field (categories that reach zero are dropped). */
export function addCounters(a: CaseCounters, b: CaseCounters, sign: 1 | -1 = 1): CaseCounters {
  const categories = { ...a.categories };
  for (const [k, v] of Object.entries(b.categories)) {
    const next = (categories[k] ?? 0) + sign * v;
    if (next === 0) delete categories[k];
    else categories[k] = next;
  }
  return {
    raised: a.raised + sign * b.raised,
    acceptedInTime: a.acceptedInTime + sign * b.acceptedInTime,
    closed: a.closed + sign * b.closed,
    rated: a.rated + sign * b.rated,
    resolved: a.resolved + sign * b.resolved,
    ratings: a.ratings + sign * b.ratings,
    satisfiedRatings: a.satisfiedRatings + sign * b.satisfiedRatings,
    overdue: Object.fromEntries(LEVELS.map((l) => [l, a.overdue[l] + sign * b.overdue[l]])) as Record<Level, number>,
    categories,
  };
}

export const isZero = (c: CaseCounters) =>
  c.raised === 0 &&
  c.acceptedInTime === 0 &&
  c.closed === 0 &&
  c.rated === 0 &&
  c.resolved === 0 &&
  c.ratings === 0 &&
  c.satisfiedRatings === 0 &&
  LEVELS.every((l) => c.overdue[l] === 0) &&
  Object.keys(c.categories).length === 0;

/**
 * What one change of a request (a stream record: the image before, the image after) adds to the
 * counters, by month and grid: the new state's contribution minus the old one's, and a 超时 at the
 * old level when the change counted one (the sweep's 督办 escalates or, at the street, flags it).
 * Applying every change of a request once gives exactly the contribution of its last state.
 */
export function changeDelta(
  before: CaseImage | undefined,
  after: CaseImage | undefined,
): (CounterKey & { delta: CaseCounters })[] {
  const parts = new Map<string, CounterKey & { delta: CaseCounters }>();
  const add = (key: CounterKey, counters: CaseCounters, sign: 1 | -1) => {
    const id = `${key.month}|${key.gridId}`;
    const slot = parts.get(id) ?? { ...key, delta: emptyCounters() };
    slot.delta = addCounters(slot.delta, counters, sign);
    parts.set(id, slot);
  };
  if (before) add(counterKeyOf(before), contributionOf(before), -1);
  if (after) add(counterKeyOf(after), contributionOf(after), 1);
  if (before && after && after.overdueCount > before.overdueCount) {
    const event = emptyCounters();
    event.overdue[before.level] = after.overdueCount - before.overdueCount;
    add(counterKeyOf(after), event, 1);
  }
  return [...parts.values()].filter((p) => !isZero(p.delta));
}

/** 三率 of some counters; a rate is undefined when nothing was there to count. */
export interface ThreeRates {
  /** 响应率: accepted within the deadline ÷ raised. */
  response?: number;
  /** 解决率: closed with a final rating 满意/基本满意 ÷ cases a resident rated (不满意 reopened ones included). */
  resolution?: number;
  /** 满意率: 满意 + 基本满意 ÷ every rating round (未评价 included, as the community dashboard counts). */
  satisfaction?: number;
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : undefined);

export function threeRates(c: CaseCounters): ThreeRates {
  return {
    response: ratio(c.acceptedInTime, c.raised),
    resolution: ratio(c.resolved, c.rated),
    satisfaction: ratio(c.satisfiedRatings, c.ratings),
  };
}

export const RATE_KEYS = ['response', 'resolution', 'satisfaction'] as const;
export type RateKey = (typeof RATE_KEYS)[number];
export const RATE_LABELS: Record<RateKey, string> = {
  response: '响应率',
  resolution: '解决率',
  satisfaction: '满意率',
};
/** How each rate is counted, in the words the console prints under its ranking and charts. */
export const RATE_DEFINITIONS: Record<RateKey, string> = {
  response: '响应率 = 在受理时限内受理（此前未超时）的诉求 ÷ 当月提交的诉求（不含撤回）',
  resolution:
    '解决率 = 居民评价满意或基本满意而办结的诉求 ÷ 居民评价过的诉求（含评价不满意后重办的；不含未评价；不看办理人自己的“办结”）',
  satisfaction: '满意率 =（满意 + 基本满意）÷ 全部评价（每轮评价都计，含未评价）',
};

/** Month-over-month change of each rate, in percentage points (undefined when either month has no figure). */
export function rateChange(current: ThreeRates, previous: ThreeRates): ThreeRates {
  const diff = (a?: number, b?: number) => (a === undefined || b === undefined ? undefined : (a - b) * 100);
  return {
    response: diff(current.response, previous.response),
    resolution: diff(current.resolution, previous.resolution),
    satisfaction: diff(current.satisfaction, previous.satisfaction),
  };
}

export interface Ranked<T> {
  item: T;
  /** 1-based; equal rates share a rank (1, 2, 2, 4). Undefined for those without a figure, listed last. */
  rank?: number;
  rate?: number;
}

/**
 * A ranking by one rate, best first. Ties share a rank; entries without a figure (no cases to count)
 * are not ranked and come last, in their given order.
 */
export function rankBy<T>(rows: readonly T[], rateOf: (row: T) => number | undefined): Ranked<T>[] {
  const withRate = rows.map((item, i) => ({ item, rate: rateOf(item), i }));
  const ranked = withRate
    .filter((r) => r.rate !== undefined)
    .sort((a, b) => (b.rate as number) - (a.rate as number) || a.i - b.i);
  const out: Ranked<T>[] = [];
  ranked.forEach((r, idx) => {
    const prev = out[idx - 1];
    const rank = prev && prev.rate === r.rate ? prev.rank : idx + 1;
    out.push({ item: r.item, rate: r.rate, rank });
  });
  for (const r of withRate) if (r.rate === undefined) out.push({ item: r.item });
  return out;
}

/** The largest categories of some counters, most raised first (ties by key). */
export function topCategories(c: CaseCounters, n = 5): { category: string; count: number }[] {
  return Object.entries(c.categories)
    .map(([category, count]) => ({ category, count }))
    .filter((x) => x.count > 0)
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category))
    .slice(0, n);
}

/** Whether an acceptance at `at` is in time: before the case's deadline, and the case never went 超时. */
export const acceptedInTime = (c: { dueAt?: string; overdueCount: number }, at: string): boolean =>
  c.overdueCount === 0 && (!c.dueAt || at <= c.dueAt);

/** `2026-11` → `2026-10` (n = −1) and so on. */
export function shiftMonthKey(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The `count` months ending with `last`, oldest first. */
export const monthsEnding = (last: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => shiftMonthKey(last, i - count + 1));
