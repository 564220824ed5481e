import { HOUR_MS } from '../time/chinaTime';
import type { WaitingKind } from './contracts';

/** The part of an item the order looks at. */
export interface Rankable {
  kind: WaitingKind;
  dueAt?: string;
  overdue: boolean;
  since?: string;
}

/** Within this many hours a deadline outranks every item without one. */
export const IMMINENT_HOURS = 24;

/**
 * Among items without an imminent deadline, the ones a person alone can settle and that others wait
 * on come first (a rating closes the case for the handler, a parcel holds a shelf), then what only
 * informs.
 */
const KIND_RANK: Record<WaitingKind, number> = {
  staffCase: 0,
  rating: 1,
  vote: 2,
  activity: 3,
  pickup: 4,
  caseNews: 5,
  notice: 6,
  support: 7,
  budget: 8,
};

/** 0: overdue; 1: due within IMMINENT_HOURS (or already due); 2: the rest. */
export function urgencyTier(item: Rankable, now: Date): 0 | 1 | 2 {
  if (item.overdue) return 0;
  if (item.dueAt && Date.parse(item.dueAt) - now.getTime() <= IMMINENT_HOURS * HOUR_MS) return 1;
  return 2;
}

/**
 * Most urgent first: overdue items (the longest overdue first), then deadlines within a day (the
 * soonest first), then the rest by kind, each kind by its deadline, then newest first. Stable and pure.
 */
export function rankWaiting<T extends Rankable>(items: readonly T[], now: Date): T[] {
  const keyed = items.map((item, index) => ({ item, index, tier: urgencyTier(item, now) }));
  keyed.sort(
    (a, b) =>
      a.tier - b.tier ||
      (a.tier === 2 ? KIND_RANK[a.item.kind] - KIND_RANK[b.item.kind] : 0) ||
      compareDue(a.item.dueAt, b.item.dueAt) ||
      compareNewest(a.item.since, b.item.since) ||
      a.index - b.index,
  );
  return keyed.map((k) => k.item);
}

/** An item with a deadline before one without; earlier deadlines first. */
function compareDue(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return Date.parse(a) - Date.parse(b);
}

function compareNewest(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return Date.parse(b) - Date.parse(a);
}
