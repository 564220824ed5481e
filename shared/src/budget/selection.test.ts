import fc from 'fast-check';
import { compareCandidates, selectProjects, SELECTION_RULE, type Candidate } from './selection';

const at = (day: number) => new Date(Date.UTC(2026, 2, day)).toISOString();
const project = (projectId: string, cost: number, votes: number, day = 1): Candidate => ({
  projectId,
  title: projectId.toUpperCase(),
  cost,
  votes,
  proposedAt: at(day),
});

describe('selectProjects (greedy within the budget)', () => {
  it('fills the budget down the ranking and skips a project that no longer fits', () => {
    const s = selectProjects(100_000, [
      project('a', 60_000, 30),
      project('b', 50_000, 25), // does not fit after a
      project('c', 30_000, 20),
      project('d', 20_000, 10), // 10,000 left: does not fit
      project('e', 10_000, 5),
    ]);
    expect(s.selected).toEqual(['a', 'c', 'e']);
    expect(s.allocated).toBe(100_000);
    expect(s.leftover).toBe(0);
    expect(s.ranked.map((p) => [p.projectId, p.status, p.remainingBefore])).toEqual([
      ['a', 'selected', 100_000],
      ['b', 'doesNotFit', 40_000],
      ['c', 'selected', 40_000],
      ['d', 'doesNotFit', 10_000],
      ['e', 'selected', 10_000],
    ]);
    expect(s.summary).toBe(
      '预算 100,000 元，3 个项目入选，共 100,000 元，结余 0 元。' +
        '「B」（25 票，50,000 元）、「D」（10 票，20,000 元）轮到时剩余预算不足，未入选。',
    );
    expect(s.rule).toBe(SELECTION_RULE);
  });

  it('does not select a project nobody voted for, even when money is left', () => {
    const s = selectProjects(50_000, [project('a', 10_000, 3), project('b', 5_000, 0)]);
    expect(s.selected).toEqual(['a']);
    expect(s.ranked[1]).toMatchObject({ projectId: 'b', status: 'noVotes' });
    expect(s.leftover).toBe(40_000);
  });

  it('breaks ties by the smaller cost, then the earlier proposal, then the id, and says so', () => {
    const s = selectProjects(30_000, [
      project('late', 10_000, 7, 3),
      project('early', 10_000, 7, 2),
      project('dear', 25_000, 7, 1),
      project('top', 5_000, 9),
    ]);
    expect(s.ranked.map((p) => p.projectId)).toEqual(['top', 'early', 'late', 'dear']);
    expect(s.selected).toEqual(['top', 'early', 'late']);
    expect(s.ties).toEqual([{ votes: 7, projectIds: ['early', 'late', 'dear'] }]);
    expect(s.summary).toContain('「EARLY」、「LATE」、「DEAR」同为 7 票，按预算较少、提交较早的顺序排列。');
    // Same cost and same time: the id decides, so the order is still total.
    expect(compareCandidates(project('x', 1, 1), project('y', 1, 1))).toBeLessThan(0);
    expect(compareCandidates(project('y', 1, 1), project('x', 1, 1))).toBeGreaterThan(0);
  });

  it('says when nothing was selected, and takes an empty list', () => {
    expect(selectProjects(1_000, []).summary).toBe('预算 1,000 元，没有项目入选。');
    expect(selectProjects(1_000, [project('a', 5_000, 4)]).selected).toEqual([]);
  });

  it('refuses inputs that are not money or counts', () => {
    expect(() => selectProjects(10.5, [])).toThrow();
    expect(() => selectProjects(10, [project('a', 0, 1)])).toThrow();
    expect(() => selectProjects(10, [project('a', 1, -1)])).toThrow();
    expect(() => selectProjects(10, [project('a', 1, 1), project('a', 2, 1)])).toThrow();
  });
});

/** Rounds as they come: up to 25 projects, costs up to 1.5 × the budget, a few proposal days (so ties happen). */
const roundArb = fc.integer({ min: 1, max: 500_000 }).chain((budget) =>
  fc.record({
    budget: fc.constant(budget),
    candidates: fc.uniqueArray(
      fc.record({
        projectId: fc.stringMatching(/^[a-z0-9]{1,6}$/),
        title: fc.constant('项目'),
        cost: fc.integer({ min: 1, max: Math.ceil(budget * 1.5) }),
        votes: fc.integer({ min: 0, max: 12 }),
        proposedAt: fc.integer({ min: 1, max: 4 }).map(at),
      }),
      { maxLength: 25, selector: (c) => c.projectId },
    ),
  }),
);

describe('selectProjects, properties', () => {
  it('never spends more than the budget, and its figures add up', () => {
    fc.assert(
      fc.property(roundArb, ({ budget, candidates }) => {
        const s = selectProjects(budget, candidates);
        const cost = new Map(candidates.map((c) => [c.projectId, c.cost]));
        const spent = s.selected.reduce((n, id) => n + cost.get(id)!, 0);
        expect(spent).toBe(s.allocated);
        expect(s.allocated).toBeLessThanOrEqual(budget);
        expect(s.allocated + s.leftover).toBe(budget);
        expect(s.ranked).toHaveLength(candidates.length);
      }),
    );
  });

  it('never drops a project for one with fewer votes unless it did not fit', () => {
    fc.assert(
      fc.property(roundArb, ({ budget, candidates }) => {
        const s = selectProjects(budget, candidates);
        const selected = s.ranked.filter((p) => p.status === 'selected');
        for (const dropped of s.ranked.filter((p) => p.status !== 'selected')) {
          for (const kept of selected.filter((p) => p.votes < dropped.votes)) {
            // The dropped project had votes and its cost was more than what was left when its turn came,
            // i.e. more than the budget minus what projects ranked above it (never below it) had taken.
            expect(dropped.status).toBe('doesNotFit');
            const takenAbove = selected.filter((p) => p.rank < dropped.rank).reduce((n, p) => n + p.cost, 0);
            expect(dropped.cost).toBeGreaterThan(budget - takenAbove);
            expect(kept.rank).toBeGreaterThan(dropped.rank);
          }
        }
      }),
    );
  });

  it('is greedy to the end: no project with votes left out would still fit in what is left', () => {
    fc.assert(
      fc.property(roundArb, ({ budget, candidates }) => {
        const s = selectProjects(budget, candidates);
        for (const p of s.ranked) {
          if (p.status === 'doesNotFit') expect(p.cost).toBeGreaterThan(s.leftover);
          if (p.status === 'noVotes') expect(p.votes).toBe(0);
          if (p.status === 'selected') expect(p.votes).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('ranks by votes, and the same votes give the same result in any order (deterministic tie-break)', () => {
    fc.assert(
      fc.property(
        roundArb.chain((r) =>
          fc.record({
            round: fc.constant(r),
            shuffled: fc.shuffledSubarray(r.candidates, { minLength: r.candidates.length }),
          }),
        ),
        ({ round, shuffled }) => {
          const a = selectProjects(round.budget, round.candidates);
          const b = selectProjects(round.budget, shuffled);
          expect(b).toEqual(a);
          for (let i = 1; i < a.ranked.length; i++) {
            const [prev, cur] = [a.ranked[i - 1]!, a.ranked[i]!];
            expect(prev.votes).toBeGreaterThanOrEqual(cur.votes);
            if (prev.votes === cur.votes) expect(compareCandidates(prev, cur)).toBeLessThan(0);
          }
        },
      ),
    );
  });

  it('names every tie among voted projects, in ranking order', () => {
    fc.assert(
      fc.property(roundArb, ({ budget, candidates }) => {
        const s = selectProjects(budget, candidates);
        const byVotes = new Map<number, string[]>();
        for (const p of s.ranked) if (p.votes > 0) byVotes.set(p.votes, [...(byVotes.get(p.votes) ?? []), p.projectId]);
        const expected = [...byVotes.entries()]
          .filter(([, ids]) => ids.length > 1)
          .map(([votes, projectIds]) => ({ votes, projectIds }));
        expect(s.ties).toEqual(expected);
      }),
    );
  });
});
