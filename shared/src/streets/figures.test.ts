import fc from 'fast-check';
import { GRIEVANCE_STATUSES, LEVELS, RATINGS } from '../grievances/lifecycle';
import {
  acceptedInTime,
  addCounters,
  changeDelta,
  contributionOf,
  countersOf,
  emptyCounters,
  monthsEnding,
  rankBy,
  rateChange,
  shiftMonthKey,
  threeRates,
  topCategories,
  type CaseCounters,
  type CaseImage,
} from './figures';

const base: CaseImage = {
  createdAt: '2026-11-20T02:00:00.000Z',
  gridId: 'g1',
  category: 'repair',
  status: 'pending',
  level: 'grid',
  overdueCount: 0,
  ratings: [],
};

describe('a request’s contribution to its month', () => {
  it('counts a closed case rated 基本满意 as raised, responded, closed, rated and resolved', () => {
    const c = contributionOf({
      ...base,
      status: 'closed',
      acceptedInTime: true,
      firstAcceptedAt: '2026-11-20T03:00:00.000Z',
      rating: { rating: 'basic' },
      ratings: [{ rating: 'unsatisfied' }, { rating: 'basic' }],
    });
    expect(c).toMatchObject({
      raised: 1,
      acceptedInTime: 1,
      closed: 1,
      rated: 1,
      resolved: 1,
      ratings: 2,
      satisfiedRatings: 1,
      categories: { repair: 1 },
    });
  });

  it('does not count a case closed 未评价 as rated, nor the handler’s own 办结 as resolved', () => {
    const unrated = contributionOf({
      ...base,
      status: 'closed',
      rating: { rating: 'unrated' },
      ratings: [{ rating: 'unrated' }],
    });
    expect(unrated).toMatchObject({ closed: 1, rated: 0, resolved: 0, ratings: 1, satisfiedRatings: 0 });
    const resolvedByHandler = contributionOf({ ...base, status: 'resolved', acceptedInTime: true });
    expect(resolvedByHandler).toMatchObject({ closed: 0, rated: 0, resolved: 0 });
  });

  it('counts nothing for a withdrawn case, and a late acceptance is not 响应', () => {
    expect(contributionOf({ ...base, status: 'withdrawn', acceptedInTime: true })).toEqual(emptyCounters());
    expect(contributionOf({ ...base, status: 'accepted', acceptedInTime: false }).acceptedInTime).toBe(0);
  });

  it('months are China time: 23:30 on 30 November in Beijing is November', () => {
    const late = changeDelta(undefined, { ...base, createdAt: '2026-11-30T15:30:00.000Z' });
    expect(late[0]?.month).toBe('2026-11');
    const next = changeDelta(undefined, { ...base, createdAt: '2026-11-30T16:30:00.000Z' });
    expect(next[0]?.month).toBe('2026-12');
  });
});

describe('an acceptance in time', () => {
  it('is before the deadline with no 超时 before', () => {
    expect(acceptedInTime({ dueAt: '2026-11-21T00:00:00.000Z', overdueCount: 0 }, '2026-11-20T23:59:59.000Z')).toBe(
      true,
    );
    expect(acceptedInTime({ dueAt: '2026-11-21T00:00:00.000Z', overdueCount: 0 }, '2026-11-21T00:00:01.000Z')).toBe(
      false,
    );
    expect(acceptedInTime({ dueAt: '2026-11-25T00:00:00.000Z', overdueCount: 1 }, '2026-11-21T00:00:00.000Z')).toBe(
      false,
    );
  });
});

const image = fc.record({
  createdAt: fc.constantFrom('2026-10-31T17:00:00.000Z', '2026-11-05T01:00:00.000Z'),
  gridId: fc.option(fc.constantFrom('g1', 'g2'), { nil: undefined }),
  category: fc.constantFrom('repair', 'noise'),
  status: fc.constantFrom(...GRIEVANCE_STATUSES),
  level: fc.constantFrom(...LEVELS),
  acceptedInTime: fc.option(fc.boolean(), { nil: undefined }),
  firstAcceptedAt: fc.option(fc.constant('2026-11-06T00:00:00.000Z'), { nil: undefined }),
  rating: fc.option(fc.record({ rating: fc.constantFrom(...RATINGS, 'unrated' as const) }), { nil: undefined }),
  ratings: fc.array(fc.record({ rating: fc.constantFrom(...RATINGS, 'unrated' as const) }), { maxLength: 3 }),
});

const keyOf = (k: { month: string; gridId: string }) => `${k.month}|${k.gridId}`;

describe('applying every change of a request', () => {
  it('adds up to its last state plus one 超时 per overdue step, at the level it happened', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(image, fc.nat({ max: 2 })), { minLength: 1, maxLength: 8 }), (steps) => {
        // overdueCount only grows: each step adds its increment.
        let overdue = 0;
        const images: CaseImage[] = steps.map(([img, more]) => ({ ...img, overdueCount: (overdue += more) }));
        const totals = new Map<string, CaseCounters>();
        let before: CaseImage | undefined;
        const expectedOverdue = emptyCounters();
        for (const after of images) {
          if (before && after.overdueCount > before.overdueCount)
            expectedOverdue.overdue[before.level] += after.overdueCount - before.overdueCount;
          for (const part of changeDelta(before, after))
            totals.set(keyOf(part), addCounters(totals.get(keyOf(part)) ?? emptyCounters(), part.delta));
          before = after;
        }
        const last = images[images.length - 1] as CaseImage;
        const sum = [...totals.values()].reduce((a, b) => addCounters(a, b), emptyCounters());
        expect(sum).toEqual(addCounters(contributionOf(last), expectedOverdue));
        // What is left outside the last state's month and grid is 超时 events only (they stay where they were counted).
        const lastKey = keyOf({
          month: changeDelta(undefined, { ...last, status: 'pending' })[0]!.month,
          gridId: last.gridId ?? '-',
        });
        for (const [k, c] of totals)
          if (k !== lastKey) expect({ ...c, overdue: emptyCounters().overdue }).toEqual(emptyCounters());
      }),
    );
  });

  it('a deleted request (REMOVE) takes its contribution away', () => {
    const c: CaseImage = {
      ...base,
      status: 'closed',
      rating: { rating: 'satisfied' },
      ratings: [{ rating: 'satisfied' }],
    };
    const [created] = changeDelta(undefined, c);
    const [removed] = changeDelta(c, undefined);
    expect(addCounters(created!.delta, removed!.delta)).toEqual(emptyCounters());
  });
});

describe('三率, comparison and ranking', () => {
  const counters = (over: Partial<CaseCounters>): CaseCounters => ({ ...emptyCounters(), ...over });

  it('rates are ratios of counters, undefined without a denominator', () => {
    expect(
      threeRates(counters({ raised: 4, acceptedInTime: 3, rated: 2, resolved: 1, ratings: 5, satisfiedRatings: 4 })),
    ).toEqual({
      response: 0.75,
      resolution: 0.5,
      satisfaction: 0.8,
    });
    expect(threeRates(emptyCounters())).toEqual({
      response: undefined,
      resolution: undefined,
      satisfaction: undefined,
    });
  });

  it('month-over-month change is in percentage points', () => {
    const change = rateChange({ response: 0.8, resolution: 0.5 }, { response: 0.6, satisfaction: 0.9 });
    expect(change.response).toBeCloseTo(20);
    expect(change.resolution).toBeUndefined();
    expect(change.satisfaction).toBeUndefined();
  });

  it('ranks best first, ties share a rank, those without a figure come last unranked', () => {
    const ranked = rankBy(
      [
        { id: 'a', r: 0.5 },
        { id: 'b', r: undefined },
        { id: 'c', r: 0.9 },
        { id: 'd', r: 0.5 },
        { id: 'e', r: 0.1 },
      ],
      (x) => x.r,
    );
    expect(ranked.map((x) => [x.item.id, x.rank])).toEqual([
      ['c', 1],
      ['a', 2],
      ['d', 2],
      ['e', 4],
      ['b', undefined],
    ]);
  });

  it('top categories, most raised first', () => {
    expect(topCategories(counters({ categories: { noise: 2, repair: 5, parking: 2, care: 1 } }), 3)).toEqual([
      { category: 'repair', count: 5 },
      { category: 'noise', count: 2 },
      { category: 'parking', count: 2 },
    ]);
  });

  it('months shift across years', () => {
    expect(shiftMonthKey('2026-01', -1)).toBe('2025-12');
    expect(shiftMonthKey('2026-12', 1)).toBe('2027-01');
    expect(monthsEnding('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
  });
});

describe('a request as the street console counts it', () => {
  it('counts a case 办结 by the handler and rated 不满意 as rated, not resolved', () => {
    const reopened = countersOf({
      ...base,
      status: 'pending',
      level: 'committee',
      ratings: [{ rating: 'unsatisfied' }],
    });
    expect(reopened).toMatchObject({ raised: 1, closed: 0, rated: 1, resolved: 0, ratings: 1, satisfiedRatings: 0 });
    const closedUnratedAfter = countersOf({
      ...base,
      status: 'closed',
      rating: { rating: 'unrated' },
      ratings: [{ rating: 'unsatisfied' }, { rating: 'unrated' }],
    });
    expect(closedUnratedAfter).toMatchObject({ closed: 1, rated: 1, resolved: 0 });
    expect(threeRates(addCounters(reopened, closedUnratedAfter)).resolution).toBe(0);
  });

  it('puts each 超时 at the level it happened, older cases’ at their current level', () => {
    expect(
      countersOf({ ...base, level: 'street', overdueCount: 2, overdueLevels: ['grid', 'committee'] }).overdue,
    ).toEqual({ grid: 1, committee: 1, street: 0 });
    expect(countersOf({ ...base, level: 'committee', overdueCount: 1 }).overdue).toEqual({
      grid: 0,
      committee: 1,
      street: 0,
    });
    expect(countersOf({ ...base, status: 'withdrawn', overdueCount: 1 })).toEqual(emptyCounters());
  });
});
