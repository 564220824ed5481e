import { hoursBetween } from '../time/chinaTime';
import { isOverdue } from './supervision';
import { LEVELS, OPEN_STATUSES, type GrievanceStatus, type Level, type Rating } from './lifecycle';

/**
 * The committee's figures (群众性评议 and SLA), computed from a bounded set of cases: those raised in
 * the period (their ratings, times and deadlines) and those open now. Pure, so the numbers a
 * dashboard shows and a published monthly evaluation keeps are the same arithmetic.
 */

/** One rating given to a round of handling; 未评价 is recorded when the rating window closes unused. */
export interface RatingRecord {
  rating: Rating | 'unrated';
  handlerId?: string;
  handlerName?: string;
  level: Level;
  at: string;
}

export interface CaseFacts {
  category: string;
  gridId?: string;
  level: Level;
  status: GrievanceStatus;
  createdAt: string;
  firstAcceptedAt?: string;
  resolvedAt?: string;
  dueAt?: string;
  overdueCount: number;
  ratings: readonly RatingRecord[];
}

export interface SatisfactionTally {
  satisfied: number;
  basic: number;
  unsatisfied: number;
  unrated: number;
  /** (满意 + 基本满意) / all ratings including 未评价; undefined without any. */
  rate?: number;
}

export interface EvaluationFigures {
  submitted: number;
  openNow: number;
  overdueNow: number;
  closed: number;
  /** Share of the period's cases that never missed a deadline; undefined without cases. */
  slaRate?: number;
  avgAcceptHours?: number;
  avgFinishHours?: number;
  satisfaction: SatisfactionTally;
  openByLevel: { level: Level; open: number; overdue: number }[];
  openByGrid: { gridId: string; open: number; overdue: number }[];
  byGrid: ({ gridId: string } & SatisfactionTally)[];
  byHandler: ({ handlerId: string; name: string } & SatisfactionTally)[];
  topCategories: { category: string; count: number }[];
}

/** Key for cases with no grid (a described place routed to the committee). */
export const NO_GRID = '-';

function emptyTally(): SatisfactionTally {
  return { satisfied: 0, basic: 0, unsatisfied: 0, unrated: 0 };
}

function finish(t: SatisfactionTally): SatisfactionTally {
  const all = t.satisfied + t.basic + t.unsatisfied + t.unrated;
  return { ...t, rate: all ? (t.satisfied + t.basic) / all : undefined };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined);

/** The figures for the cases raised in a period (`cohort`) and those open at `now` (`open`). */
export function evaluate(cohort: readonly CaseFacts[], open: readonly CaseFacts[], now: Date): EvaluationFigures {
  const counted = cohort.filter((c) => c.status !== 'withdrawn');
  const satisfaction = emptyTally();
  const byGrid = new Map<string, SatisfactionTally>();
  const byHandler = new Map<string, { name: string; tally: SatisfactionTally }>();
  const categories = new Map<string, number>();

  for (const c of counted) {
    categories.set(c.category, (categories.get(c.category) ?? 0) + 1);
    for (const r of c.ratings) {
      satisfaction[r.rating]++;
      const grid = byGrid.get(c.gridId ?? NO_GRID) ?? emptyTally();
      grid[r.rating]++;
      byGrid.set(c.gridId ?? NO_GRID, grid);
      if (r.handlerId) {
        const h = byHandler.get(r.handlerId) ?? { name: r.handlerName ?? r.handlerId, tally: emptyTally() };
        h.tally[r.rating]++;
        byHandler.set(r.handlerId, h);
      }
    }
  }

  const stillOpen = open.filter((c) => OPEN_STATUSES.includes(c.status));
  const openByGrid = new Map<string, { open: number; overdue: number }>();
  for (const c of stillOpen) {
    const g = openByGrid.get(c.gridId ?? NO_GRID) ?? { open: 0, overdue: 0 };
    g.open++;
    if (isOverdue(c, now)) g.overdue++;
    openByGrid.set(c.gridId ?? NO_GRID, g);
  }

  const metDeadlines = counted.filter((c) => c.overdueCount === 0 && !isOverdue(c, now)).length;
  return {
    submitted: counted.length,
    openNow: stillOpen.length,
    overdueNow: stillOpen.filter((c) => isOverdue(c, now)).length,
    closed: counted.filter((c) => c.status === 'closed').length,
    slaRate: counted.length ? metDeadlines / counted.length : undefined,
    avgAcceptHours: mean(
      counted.flatMap((c) => (c.firstAcceptedAt ? [hoursBetween(c.createdAt, c.firstAcceptedAt)] : [])),
    ),
    avgFinishHours: mean(counted.flatMap((c) => (c.resolvedAt ? [hoursBetween(c.createdAt, c.resolvedAt)] : []))),
    satisfaction: finish(satisfaction),
    openByLevel: LEVELS.map((level) => {
      const at = stillOpen.filter((c) => c.level === level);
      return { level, open: at.length, overdue: at.filter((c) => isOverdue(c, now)).length };
    }),
    openByGrid: [...openByGrid].map(([gridId, g]) => ({ gridId, ...g })).sort((a, b) => b.open - a.open),
    byGrid: [...byGrid].map(([gridId, t]) => ({ gridId, ...finish(t) })),
    byHandler: [...byHandler]
      .map(([handlerId, h]) => ({ handlerId, name: h.name, ...finish(h.tally) }))
      .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1)),
    topCategories: [...categories]
      .map(([category, count]) => ({ category, count }))
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category))
      .slice(0, 5),
  };
}
