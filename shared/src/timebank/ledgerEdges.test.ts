import {
  accounts,
  auditLedger,
  auditPassed,
  describePointsRule,
  expiringPoints,
  FUND,
  hasFloor,
  isBalanced,
  ISSUANCE,
  monthlyBalances,
  normaliseCode,
  parseAccount,
  residentOf,
  unitOf,
  withRunningBalance,
} from './ledger';

/**
 * The ledger's edges that mutation testing found unpinned: which accounts exist and in what unit, what the
 * audit counts as below zero and as points, which credits an expiry takes at the exact cutoff, and the order
 * statements and charts are read in.
 */
describe('accounts', () => {
  it('parses every kind, and refuses anything else rather than guessing', () => {
    expect(parseAccount(accounts.resident('u1'))).toEqual({ kind: 'resident', ref: 'u1' });
    expect(parseAccount(accounts.stock('item-1'))).toEqual({ kind: 'stock', ref: 'item-1' });
    expect(parseAccount(ISSUANCE)).toEqual({ kind: 'issuance' });
    expect(parseAccount(FUND)).toEqual({ kind: 'fund' });
    for (const bad of ['x:r:u1', 'r:u1:x', 'r:', 'resident:u1', `r:${'a'.repeat(65)}`, 'fund2'])
      expect(() => parseAccount(bad)).toThrow(`not a ledger account: ${bad}`);
  });

  it('keeps points and pieces apart, and puts a floor under residents, the fund and shelves only', () => {
    expect(['r:u', ISSUANCE, FUND].map(unitOf)).toEqual(['pt', 'pt', 'pt']);
    expect(['supply:i', 'stock:i', 'redeemed:i'].map(unitOf)).toEqual(['piece', 'piece', 'piece']);
    expect(['r:u', FUND, 'stock:i'].map(hasFloor)).toEqual([true, true, true]);
    expect([ISSUANCE, 'supply:i', 'redeemed:i'].map(hasFloor)).toEqual([false, false, false]);
    expect(residentOf('r:u7')).toBe('u7');
    expect(residentOf(FUND)).toBeUndefined();
    expect(residentOf('stock:u7')).toBeUndefined();
  });

  it('reads codes as people type them', () => {
    expect(normaliseCode(' ab-cd 23 45 ')).toBe('ABCD2345');
    expect(normaliseCode('K7M2-Q9PX')).toBe('K7M2Q9PX');
  });

  it('balances postings per unit', () => {
    expect(
      isBalanced([
        { account: 'r:u', amount: 5 },
        { account: ISSUANCE, amount: -5 },
      ]),
    ).toBe(true);
    expect(
      isBalanced([
        { account: 'r:u', amount: 5 },
        { account: ISSUANCE, amount: -4 },
      ]),
    ).toBe(false);
    // 1 point against 1 piece is not balanced: units do not mix.
    expect(
      isBalanced([
        { account: 'r:u', amount: 1 },
        { account: 'stock:i', amount: -1 },
      ]),
    ).toBe(false);
  });
});

describe('the audit', () => {
  const posting = (postingId: string, ...entries: [string, number][]) => ({
    postingId,
    entries: entries.map(([account, amount]) => ({ account, amount })),
  });

  it('passes a ledger whose resident has spent down to exactly zero, and counts points, not pieces', () => {
    const postings = [
      posting('p1', ['r:u', 10], [ISSUANCE, -10]),
      posting('p2', ['r:u', -10], [FUND, 10]),
      posting('p3', ['stock:i', 3], ['supply:i', -3]),
    ];
    const stored = new Map([
      ['r:u', 0],
      [ISSUANCE, -10],
      [FUND, 10],
      ['stock:i', 3],
      ['supply:i', -3],
    ]);
    const report = auditLedger(postings, stored);
    expect(report).toMatchObject({
      postings: 3,
      accounts: 5,
      belowZero: [],
      mismatches: [],
      pointsTotal: 0,
      pointsInCirculation: 10,
    });
    expect(auditPassed(report)).toBe(true);
  });

  it('fails on each kind of problem alone', () => {
    const ok = { unbalanced: [], mismatches: [], belowZero: [], pointsTotal: 0, postings: 0, accounts: 0 };
    const base = { ...ok, pointsInCirculation: 0 };
    expect(auditPassed(base)).toBe(true);
    expect(auditPassed({ ...base, unbalanced: [{ postingId: 'p', problem: 'x' }] })).toBe(false);
    expect(auditPassed({ ...base, mismatches: [{ account: 'r:u', stored: 1, computed: 0 }] })).toBe(false);
    expect(auditPassed({ ...base, belowZero: [{ account: 'r:u', balance: -1 }] })).toBe(false);
    expect(auditPassed({ ...base, pointsTotal: 1 })).toBe(false);
  });

  it('reports an overdrawn resident, sorted by account, and leaves pieces out of the points total', () => {
    const postings = [posting('p1', ['r:b', -2], ['r:a', 2]), posting('p2', ['stock:i', 5], ['supply:i', -5])];
    const report = auditLedger(postings, new Map());
    expect(report.belowZero).toEqual([{ account: 'r:b', balance: -2 }]);
    expect(report.mismatches.map((m) => m.account)).toEqual(['r:a', 'r:b', 'stock:i', 'supply:i']);
    expect(report.pointsTotal).toBe(0);
  });
});

describe('expiry, statements and charts', () => {
  const cutoff = '2026-03-01T00:00:00.000Z';

  it('expires credits earned strictly before the cutoff, less what was spent', () => {
    expect(expiringPoints([{ at: '2026-02-28T23:59:59.999Z', amount: 10 }], cutoff)).toBe(10);
    expect(expiringPoints([{ at: cutoff, amount: 10 }], cutoff)).toBe(0); // earned at the cutoff: still valid
    expect(
      expiringPoints(
        [
          { at: '2026-01-01T00:00:00.000Z', amount: 10 },
          { at: '2026-04-01T00:00:00.000Z', amount: 5 },
          { at: '2026-04-02T00:00:00.000Z', amount: -4 },
        ],
        cutoff,
      ),
    ).toBe(6);
  });

  it('shows a statement in time order with the balance after each line', () => {
    const lines = withRunningBalance([
      { at: '2026-03-03T00:00:00.000Z', amount: -2 },
      { at: '2026-03-01T00:00:00.000Z', amount: 5 },
      { at: '2026-03-02T00:00:00.000Z', amount: 1 },
    ]);
    expect(lines.map((l) => [l.amount, l.balanceAfter])).toEqual([
      [5, 5],
      [1, 6],
      [-2, 4],
    ]);
  });

  it('charts month-end balances from movements given in any order', () => {
    const series = monthlyBalances(
      [
        { at: '2026-03-10T00:00:00.000Z', amount: -3 },
        { at: '2026-01-10T00:00:00.000Z', amount: 10 },
        { at: '2026-02-10T00:00:00.000Z', amount: 2 },
      ],
      '2026-03-20T00:00:00.000Z',
      3,
    );
    expect(series).toEqual([
      { month: '2026-01', balance: 10 },
      { month: '2026-02', balance: 12 },
      { month: '2026-03', balance: 9 },
    ]);
  });

  it('says a points rule in words', () => {
    expect(describePointsRule({ kind: 'fixed', amount: 5 })).toBe('每人 5 积分');
    expect(describePointsRule({ kind: 'perHour', rate: 10 })).toBe('每小时 10 积分');
  });
});
