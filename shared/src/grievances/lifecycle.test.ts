import fc from 'fast-check';
import {
  availableActions,
  GRIEVANCE_ACTIONS,
  GRIEVANCE_STATUSES,
  LEVELS,
  levelRank,
  ratingAction,
  transition,
  type Actor,
  type GrievanceAction,
  type GrievanceStatus,
  type Level,
} from './lifecycle';

const ACTORS: Actor[] = ['handler', 'reporter', 'system'];

/**
 * The legal moves, written out by hand from the issue (一事一诺一评议, 三站式) rather than derived from
 * the table under test. `up` moves one level; `upOrStay` moves one level unless already at the street.
 */
const LEGAL: [GrievanceStatus, GrievanceAction, Actor, GrievanceStatus, 'same' | 'up' | 'upOrStay'][] = [
  ['pending', 'accept', 'handler', 'accepted', 'same'],
  ['accepted', 'commit', 'handler', 'committed', 'same'],
  ['committed', 'resolve', 'handler', 'resolved', 'same'],
  ['pending', 'refer', 'handler', 'resolved', 'same'],
  ['accepted', 'refer', 'handler', 'resolved', 'same'],
  ['committed', 'refer', 'handler', 'resolved', 'same'],
  ['pending', 'escalate', 'handler', 'pending', 'up'],
  ['accepted', 'escalate', 'handler', 'pending', 'up'],
  ['committed', 'escalate', 'handler', 'pending', 'up'],
  ['pending', 'escalate', 'system', 'pending', 'up'],
  ['accepted', 'escalate', 'system', 'pending', 'up'],
  ['committed', 'escalate', 'system', 'pending', 'up'],
  ['resolved', 'rate', 'reporter', 'closed', 'same'],
  ['resolved', 'reopen', 'reporter', 'pending', 'upOrStay'],
  ['resolved', 'autoClose', 'system', 'closed', 'same'],
  ['pending', 'withdraw', 'reporter', 'withdrawn', 'same'],
  ['accepted', 'withdraw', 'reporter', 'withdrawn', 'same'],
];

const above: Record<Level, Level | undefined> = { grid: 'committee', committee: 'street', street: undefined };

const combos = GRIEVANCE_STATUSES.flatMap((status) =>
  LEVELS.flatMap((level) =>
    GRIEVANCE_ACTIONS.flatMap((action) => ACTORS.map((actor) => [status, level, action, actor] as const)),
  ),
);

describe('the transition table, every status × level × action × actor', () => {
  it('has 486 combinations to check', () => expect(combos).toHaveLength(6 * 3 * 9 * 3));

  it.each(combos)('%s at %s: %s by %s', (status, level, action, actor) => {
    const legal = LEGAL.find(([s, a, who]) => s === status && a === action && who === actor);
    const result = transition({ status, level }, action, actor);
    if (!legal) {
      expect(result).toEqual({ ok: false, reason: expect.any(String) });
      return;
    }
    const [, , , to, move] = legal;
    if (move === 'up' && !above[level]) {
      expect(result).toEqual({ ok: false, reason: '已在街道办理，无法再上报' });
      return;
    }
    const expectedLevel = move === 'same' ? level : (above[level] ?? level);
    expect(result).toEqual({ ok: true, status: to, level: expectedLevel });
  });
});

describe('what the table means for residents and handlers', () => {
  it('works a case only after a public commitment (一事一诺)', () => {
    expect(transition({ status: 'accepted', level: 'grid' }, 'resolve', 'handler').ok).toBe(false);
    expect(transition({ status: 'committed', level: 'grid' }, 'resolve', 'handler').ok).toBe(true);
  });

  it('reopens 不满意 one level up, and at the street office keeps it there', () => {
    expect(transition({ status: 'resolved', level: 'grid' }, ratingAction('unsatisfied'), 'reporter')).toEqual({
      ok: true,
      status: 'pending',
      level: 'committee',
    });
    expect(transition({ status: 'resolved', level: 'street' }, ratingAction('unsatisfied'), 'reporter')).toEqual({
      ok: true,
      status: 'pending',
      level: 'street',
    });
    expect(ratingAction('satisfied')).toBe('rate');
    expect(ratingAction('basic')).toBe('rate');
  });

  it('offers each actor only its own buttons', () => {
    expect(availableActions({ status: 'pending', level: 'grid' }, 'handler')).toEqual(['accept', 'refer', 'escalate']);
    expect(availableActions({ status: 'pending', level: 'street' }, 'handler')).toEqual(['accept', 'refer']);
    expect(availableActions({ status: 'resolved', level: 'grid' }, 'reporter')).toEqual(['rate', 'reopen']);
    expect(availableActions({ status: 'closed', level: 'grid' }, 'reporter')).toEqual([]);
  });

  it('never lowers the level and never leaves closed or withdrawn, whatever happens', () => {
    const step = fc.tuple(fc.constantFrom(...GRIEVANCE_ACTIONS), fc.constantFrom(...ACTORS));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let state = { status: 'pending' as GrievanceStatus, level: 'grid' as Level };
        for (const [action, actor] of steps) {
          const result = transition(state, action, actor);
          if (!result.ok) continue;
          expect(levelRank(result.level)).toBeGreaterThanOrEqual(levelRank(state.level));
          expect(['closed', 'withdrawn']).not.toContain(state.status);
          state = { status: result.status, level: result.level };
        }
      }),
    );
  });
});
