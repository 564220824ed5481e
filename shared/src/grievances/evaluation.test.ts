import { evaluate, type CaseFacts } from './evaluation';

const NOW = new Date('2026-11-20T00:00:00.000Z');

function fact(overrides: Partial<CaseFacts>): CaseFacts {
  return {
    category: 'repair',
    gridId: 'g1',
    level: 'grid',
    status: 'closed',
    createdAt: '2026-11-01T00:00:00.000Z',
    overdueCount: 0,
    ratings: [],
    ...overrides,
  };
}

describe('evaluate (the dashboard and 群众性评议 arithmetic)', () => {
  it('never counts 未评价 as satisfied, and counts every round of rating', () => {
    const figures = evaluate(
      [
        fact({ ratings: [{ rating: 'satisfied', handlerId: 'liu', handlerName: '刘', level: 'grid', at: 'x' }] }),
        fact({ ratings: [{ rating: 'unrated', handlerId: 'liu', handlerName: '刘', level: 'grid', at: 'x' }] }),
        fact({
          gridId: 'g2',
          ratings: [
            { rating: 'unsatisfied', handlerId: 'zhao', handlerName: '赵', level: 'grid', at: 'x' },
            { rating: 'basic', handlerId: 'sun', handlerName: '孙', level: 'committee', at: 'y' },
          ],
        }),
      ],
      [],
      NOW,
    );
    expect(figures.satisfaction).toEqual({ satisfied: 1, basic: 1, unsatisfied: 1, unrated: 1, rate: 0.5 });
    expect(figures.byGrid).toEqual([
      { gridId: 'g1', satisfied: 1, basic: 0, unsatisfied: 0, unrated: 1, rate: 0.5 },
      { gridId: 'g2', satisfied: 0, basic: 1, unsatisfied: 1, unrated: 0, rate: 0.5 },
    ]);
    expect(figures.byHandler.map((h) => [h.name, h.rate])).toEqual([
      ['孙', 1],
      ['刘', 0.5],
      ['赵', 0],
    ]);
  });

  it('measures deadlines met, times to accept and to finish, and leaves withdrawn cases out', () => {
    const figures = evaluate(
      [
        fact({ firstAcceptedAt: '2026-11-01T02:00:00.000Z', resolvedAt: '2026-11-02T00:00:00.000Z' }),
        fact({ overdueCount: 1, firstAcceptedAt: '2026-11-01T04:00:00.000Z', resolvedAt: '2026-11-03T00:00:00.000Z' }),
        fact({ status: 'pending', dueAt: '2026-11-19T00:00:00.000Z' }),
        fact({ status: 'withdrawn', overdueCount: 3 }),
      ],
      [],
      NOW,
    );
    expect(figures.submitted).toBe(3);
    expect(figures.slaRate).toBeCloseTo(1 / 3);
    expect(figures.avgAcceptHours).toBe(3);
    expect(figures.avgFinishHours).toBe(36);
    expect(figures.closed).toBe(2);
  });

  it('counts open and overdue cases by level and grid', () => {
    const open = [
      fact({ status: 'pending', dueAt: '2026-11-19T00:00:00.000Z' }),
      fact({ status: 'committed', dueAt: '2026-11-21T00:00:00.000Z' }),
      fact({ status: 'pending', level: 'committee', gridId: undefined, dueAt: '2026-11-19T00:00:00.000Z' }),
      fact({ status: 'resolved', dueAt: '2026-11-01T00:00:00.000Z' }),
    ];
    const figures = evaluate([], open, NOW);
    expect(figures.openNow).toBe(4);
    expect(figures.overdueNow).toBe(2);
    expect(figures.openByLevel).toEqual([
      { level: 'grid', open: 3, overdue: 1 },
      { level: 'committee', open: 1, overdue: 1 },
      { level: 'street', open: 0, overdue: 0 },
    ]);
    expect(figures.openByGrid).toEqual([
      { gridId: 'g1', open: 3, overdue: 1 },
      { gridId: '-', open: 1, overdue: 1 },
    ]);
    expect(figures.slaRate).toBeUndefined();
  });

  it('ranks the top five categories', () => {
    const cats = ['noise', 'noise', 'noise', 'repair', 'repair', 'parking', 'a', 'b', 'c'];
    expect(
      evaluate(
        cats.map((category) => fact({ category })),
        [],
        NOW,
      ).topCategories,
    ).toEqual([
      { category: 'noise', count: 3 },
      { category: 'repair', count: 2 },
      { category: 'a', count: 1 },
      { category: 'b', count: 1 },
      { category: 'c', count: 1 },
    ]);
  });
});
