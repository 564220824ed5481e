import fc from 'fast-check';
import { ballotProblem, ballotTotal, fitsBudget } from './ballot';
import { percentOf, yuanText } from './money';
import { phaseDeadline, projectStage } from './phases';

const round = {
  budget: 100_000,
  projects: [
    { projectId: 'lights', cost: 40_000 },
    { projectId: 'benches', cost: 35_000 },
    { projectId: 'ramp', cost: 30_000 },
  ],
};

describe('a budget ballot', () => {
  it('adds up the chosen projects and takes a selection within the budget', () => {
    expect(ballotTotal(round.projects, ['lights', 'benches'])).toBe(75_000);
    expect(ballotProblem(round, ['lights', 'benches'])).toBeUndefined();
    expect(ballotProblem(round, ['ramp'])).toBeUndefined();
  });

  it('refuses an over-budget selection and says by how much', () => {
    expect(ballotProblem(round, ['lights', 'benches', 'ramp'])).toBe(
      '所选项目合计 105,000 元，超出预算 5,000 元，请减少项目',
    );
  });

  it('refuses an empty ballot, a project twice, and a project not in the round', () => {
    expect(ballotProblem(round, [])).toBe('请至少选择一个项目');
    expect(ballotProblem(round, ['ramp', 'ramp'])).toBe('同一个项目只能选一次');
    expect(ballotProblem(round, ['pool'])).toBe('所选项目不在本轮投票中，请刷新后重选');
  });

  it('greys out exactly the projects that would take the total over the budget', () => {
    expect(fitsBudget(round, ['lights', 'benches'], 'ramp')).toBe(false);
    expect(fitsBudget(round, ['lights'], 'ramp')).toBe(true);
    expect(fitsBudget(round, ['lights', 'benches'], 'lights')).toBe(true);
  });

  it('accepts a selection exactly when its total is within the budget (any selection)', () => {
    fc.assert(
      fc.property(
        fc.subarray(
          round.projects.map((p) => p.projectId),
          { minLength: 1 },
        ),
        (chosen) => {
          const total = ballotTotal(round.projects, chosen);
          expect(ballotProblem(round, chosen) === undefined).toBe(total <= round.budget);
        },
      ),
    );
  });
});

describe('money and stages in words', () => {
  it('groups thousands and rounds percentages', () => {
    expect(yuanText(1234567)).toBe('1,234,567 元');
    expect(yuanText(-800)).toBe('-800 元');
    expect(yuanText(0)).toBe('0 元');
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(5, 0)).toBe(0);
  });

  it('tells a project’s stage from its status, the phase and the published selection', () => {
    expect(projectStage({ status: 'proposed', phase: 'proposing', finished: false })).toBe('proposed');
    expect(projectStage({ status: 'eligible', phase: 'voting', finished: false })).toBe('eligible');
    expect(projectStage({ status: 'eligible', phase: 'publicity', selected: true, finished: false })).toBe('selected');
    expect(projectStage({ status: 'eligible', phase: 'publicity', selected: false, finished: false })).toBe(
      'notSelected',
    );
    expect(projectStage({ status: 'eligible', phase: 'implementation', selected: true, finished: false })).toBe(
      'implementing',
    );
    expect(projectStage({ status: 'eligible', phase: 'acceptance', selected: true, finished: true })).toBe('finished');
    expect(projectStage({ status: 'merged', phase: 'voting', finished: false })).toBe('merged');
  });

  it('knows when each phase ends by itself', () => {
    const schedule = {
      proposingUntil: '2026-03-01T00:00:00.000Z',
      screeningUntil: '2026-03-08T00:00:00.000Z',
      deliberationUntil: '2026-03-15T00:00:00.000Z',
      votingUntil: '2026-03-22T00:00:00.000Z',
    };
    expect(phaseDeadline('screening', schedule)).toBe(schedule.screeningUntil);
    expect(phaseDeadline('counting', schedule)).toBe(schedule.votingUntil);
    expect(phaseDeadline('publicity', schedule, '2026-03-29T00:00:00.000Z')).toBe('2026-03-29T00:00:00.000Z');
    expect(phaseDeadline('implementation', schedule)).toBeUndefined();
  });
});
