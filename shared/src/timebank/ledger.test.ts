import fc from 'fast-check';
import {
  accounts,
  auditLedger,
  auditPassed,
  expiringPoints,
  hasFloor,
  isBalanced,
  monthlyBalances,
  netByAccount,
  parseAccount,
  pointsFor,
  postingProblem,
  reversalEntries,
  unitOf,
  withRunningBalance,
  type Entry,
} from './ledger';
import { chinaMonth } from '../time/chinaTime';

const wang = accounts.resident('demo_wang');
const li = accounts.resident('demo_li');

describe('accounts', () => {
  it('knows each account kind, its unit and whether it may go below zero', () => {
    expect(parseAccount(wang)).toEqual({ kind: 'resident', ref: 'demo_wang' });
    expect(parseAccount('issuance')).toEqual({ kind: 'issuance' });
    expect(unitOf(accounts.stock('haircut'))).toBe('piece');
    expect(unitOf(accounts.fund)).toBe('pt');
    expect([wang, accounts.fund, accounts.stock('x')].every(hasFloor)).toBe(true);
    expect([accounts.issuance, accounts.supply('x'), accounts.redeemed('x')].some(hasFloor)).toBe(false);
    expect(() => parseAccount('r:')).toThrow();
    expect(() => parseAccount('bank:1')).toThrow();
  });
});

describe('a posting (double entry)', () => {
  it('balances when the entries of each unit sum to zero', () => {
    expect(
      isBalanced([
        { account: wang, amount: 30 },
        { account: 'issuance', amount: -30 },
      ]),
    ).toBe(true);
    // A redemption moves points and pieces at once; each unit balances on its own.
    expect(
      isBalanced([
        { account: wang, amount: -20 },
        { account: 'issuance', amount: 20 },
        { account: accounts.stock('rice'), amount: -1 },
        { account: accounts.redeemed('rice'), amount: 1 },
      ]),
    ).toBe(true);
  });

  it('refuses one-sided, fractional, zero, duplicated or cross-unit entries', () => {
    expect(postingProblem([{ account: wang, amount: 5 }])).toMatch(/two entries/);
    expect(
      postingProblem([
        { account: wang, amount: 1.5 },
        { account: 'issuance', amount: -1.5 },
      ]),
    ).toMatch(/whole/);
    expect(
      postingProblem([
        { account: wang, amount: 0 },
        { account: 'issuance', amount: 0 },
      ]),
    ).toMatch(/non-zero/);
    expect(
      postingProblem([
        { account: wang, amount: 5 },
        { account: wang, amount: -5 },
      ]),
    ).toMatch(/twice/);
    expect(
      postingProblem([
        { account: wang, amount: -1 },
        { account: accounts.stock('rice'), amount: 1 },
      ]),
    ).toMatch(/sum to/);
  });

  it('is undone by its reversal, which balances too (冲正)', () => {
    const entries: Entry[] = [
      { account: wang, amount: -10 },
      { account: li, amount: 10 },
    ];
    const reversal = reversalEntries(entries);
    expect(isBalanced(reversal)).toBe(true);
    expect([...netByAccount([{ entries }, { entries: reversal }]).values()]).toEqual([0, 0]);
  });

  it('every generated balanced posting and its reversal stay balanced (property)', () => {
    const account = fc.constantFrom(wang, li, 'issuance', 'fund');
    fc.assert(
      fc.property(
        fc.uniqueArray(account, { minLength: 2, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 3, maxLength: 3 }),
        (accts, amounts) => {
          // n-1 free amounts, the last account takes the opposite of their sum.
          const entries = accts
            .slice(0, -1)
            .map((a, i) => ({ account: a, amount: (amounts[i] ?? 1) * (i % 2 ? -1 : 1) }));
          const rest = -entries.reduce((s, e) => s + e.amount, 0);
          fc.pre(rest !== 0);
          entries.push({ account: accts[accts.length - 1] as string, amount: rest });
          return isBalanced(entries) && isBalanced(reversalEntries(entries));
        },
      ),
    );
  });
});

describe('the audit', () => {
  const postings = [
    {
      postingId: 'p1',
      entries: [
        { account: wang, amount: 40 },
        { account: 'issuance', amount: -40 },
      ],
    },
    {
      postingId: 'p2',
      entries: [
        { account: wang, amount: -10 },
        { account: 'fund', amount: 10 },
      ],
    },
  ];

  it('passes when stored balances equal the sum of their entries', () => {
    const report = auditLedger(
      postings,
      new Map([
        [wang, 30],
        ['issuance', -40],
        ['fund', 10],
      ]),
    );
    expect(auditPassed(report)).toBe(true);
    expect(report).toMatchObject({ postings: 2, accounts: 3, pointsInCirculation: 40, pointsTotal: 0 });
  });

  it('reports a stored balance that drifted, an unbalanced posting and an overdrawn account', () => {
    const bad = [
      ...postings,
      {
        postingId: 'p3',
        entries: [
          { account: li, amount: -5 },
          { account: 'fund', amount: 4 },
        ],
      },
    ];
    const report = auditLedger(
      bad,
      new Map([
        [wang, 31],
        ['issuance', -40],
        ['fund', 14],
        [li, -5],
      ]),
    );
    expect(auditPassed(report)).toBe(false);
    expect(report.mismatches).toEqual([{ account: wang, stored: 31, computed: 30 }]);
    expect(report.unbalanced).toEqual([{ postingId: 'p3', problem: expect.stringMatching(/sum to -1/) }]);
    expect(report.belowZero).toEqual([{ account: li, balance: -5 }]);
  });

  it('treats a stored balance with no entries behind it as a mismatch', () => {
    expect(auditLedger([], new Map([[wang, 5]])).mismatches).toEqual([{ account: wang, stored: 5, computed: 0 }]);
  });
});

describe('statements', () => {
  it('shows the running balance after each movement, oldest first', () => {
    const lines = withRunningBalance([
      { at: '2026-11-03T00:00:00Z', amount: -5 },
      { at: '2026-11-01T00:00:00Z', amount: 20 },
      { at: '2026-11-02T00:00:00Z', amount: 10 },
    ]);
    expect(lines.map((l) => l.balanceAfter)).toEqual([20, 30, 25]);
  });

  it('charts the balance at the end of each Chinese month', () => {
    const series = monthlyBalances(
      [
        { at: '2026-08-31T17:00:00Z', amount: 10 }, // 09-01 01:00 in Beijing
        { at: '2026-10-15T00:00:00Z', amount: 5 },
      ],
      '2026-11-20T00:00:00Z',
      4,
    );
    expect(series).toEqual([
      { month: '2026-08', balance: 0 },
      { month: '2026-09', balance: 10 },
      { month: '2026-10', balance: 15 },
      { month: '2026-11', balance: 15 },
    ]);
    expect(chinaMonth('2026-12-31T16:30:00Z')).toBe('2027-01');
  });
});

describe('points', () => {
  it('credits per verified hour at the rate, or a fixed amount', () => {
    expect(pointsFor({ kind: 'perHour', rate: 10 }, 90)).toBe(15);
    expect(pointsFor({ kind: 'perHour', rate: 10 }, 3)).toBe(1);
    expect(pointsFor({ kind: 'fixed', amount: 20 }, 45)).toBe(20);
    expect(pointsFor({ kind: 'fixed', amount: 20 }, 0)).toBe(0);
  });
});

describe('expiry (oldest points first)', () => {
  const cutoff = '2026-06-01T00:00:00Z';
  it('expires what is left of credits older than the cutoff after everything spent', () => {
    const moves = [
      { at: '2026-01-10T00:00:00Z', amount: 50 },
      { at: '2026-03-10T00:00:00Z', amount: -20 }, // spends the oldest points first
      { at: '2026-07-10T00:00:00Z', amount: 40 },
    ];
    expect(expiringPoints(moves, cutoff)).toBe(30);
    // Spending after the cutoff still consumes the oldest points.
    expect(expiringPoints([...moves, { at: '2026-08-01T00:00:00Z', amount: -25 }], cutoff)).toBe(5);
    expect(expiringPoints([{ at: '2026-07-01T00:00:00Z', amount: 10 }], cutoff)).toBe(0);
  });

  it('never expires more than the balance nor more than the old credits (property)', () => {
    const movement = fc.record({
      at: fc
        .integer({ min: Date.parse('2025-01-01'), max: Date.parse('2027-01-01') })
        .map((t) => new Date(t).toISOString()),
      amount: fc.integer({ min: -50, max: 80 }).filter((n) => n !== 0),
    });
    fc.assert(
      fc.property(fc.array(movement, { maxLength: 30 }), (moves) => {
        // Only sequences a floored account can have: the balance never dips below zero.
        let b = 0;
        const valid = [...moves]
          .sort((x, y) => (x.at < y.at ? -1 : 1))
          .filter((m) => (b + m.amount >= 0 ? ((b += m.amount), true) : false));
        const x = expiringPoints(valid, cutoff);
        const oldCredits = valid.filter((m) => m.amount > 0 && m.at < cutoff).reduce((s, m) => s + m.amount, 0);
        return (
          x >= 0 && x <= b && x <= oldCredits && expiringPoints([...valid, { at: cutoff, amount: -x }], cutoff) === 0
        );
      }),
    );
  });
});
