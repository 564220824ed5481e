import fc from 'fast-check';
import { accounts, auditLedger, type Entry } from '../timebank/ledger';
import {
  auditStreet,
  crossCommunityEntries,
  crossCommunityRedemptionEntries,
  movementProblem,
  redemptionProblem,
  reversedEntries,
  settlementBalances,
} from './settlement';

describe('a movement across two communities of a street', () => {
  it('is two balanced postings whose settlement accounts cancel', () => {
    const { from, to } = crossCommunityEntries({
      fromCommunityId: 'a',
      fromAccount: accounts.resident('u1'),
      toCommunityId: 'b',
      toAccount: accounts.fund,
      amount: 30,
    });
    expect(from).toEqual([
      { account: 'r:u1', amount: -30 },
      { account: 'settle:b', amount: 30 },
    ]);
    expect(to).toEqual([
      { account: 'settle:a', amount: -30 },
      { account: 'fund', amount: 30 },
    ]);
  });

  it.each([
    [{ toCommunityId: 'a' }, '相同'],
    [{ amount: 0 }, '正整数'],
    [{ amount: 1.5 }, '正整数'],
    [{ fromAccount: 'fund' }, '居民本人'],
    [{ toAccount: 'issuance' }, '爱心基金'],
    [{ toAccount: 'stock:x' }, '爱心基金'],
  ])('refuses %o', (change, why) => {
    const m = {
      fromCommunityId: 'a',
      fromAccount: 'r:u1',
      toCommunityId: 'b',
      toAccount: 'r:u2',
      amount: 5,
      ...change,
    };
    expect(movementProblem(m)).toContain(why);
    expect(() => crossCommunityEntries(m)).toThrow();
  });
});

describe('a redemption across two communities of a street', () => {
  const r = {
    fromCommunityId: 'a',
    fromAccount: 'r:u1',
    toCommunityId: 'b',
    itemId: 'i1',
    quantity: 2,
    cost: 40,
  };
  it('is A’s movement to settle:B and B’s redemption from settle:A; both balance, the settlements cancel', () => {
    const { from, to } = crossCommunityRedemptionEntries(r);
    expect(from).toEqual([
      { account: 'r:u1', amount: -40 },
      { account: 'settle:b', amount: 40 },
    ]);
    expect(to).toEqual([
      { account: 'settle:a', amount: -40 },
      { account: 'issuance', amount: 40 },
      { account: 'stock:i1', amount: -2 },
      { account: 'redeemed:i1', amount: 2 },
    ]);
    expect(reversedEntries(from)).toEqual([
      { account: 'r:u1', amount: 40 },
      { account: 'settle:b', amount: -40 },
    ]);
  });
  it.each([
    [{ toCommunityId: 'a' }, '本社区'],
    [{ quantity: 0 }, '数量'],
    [{ cost: 0 }, '积分'],
    [{ fromAccount: 'fund' }, '居民本人'],
  ])('refuses %o', (change, why) => {
    expect(redemptionProblem({ ...r, ...change })).toContain(why);
    expect(() => crossCommunityRedemptionEntries({ ...r, ...change })).toThrow();
  });
});

/** A street of ledgers kept in memory: each posting applied to its community's entries and balances. */
function street(ids: string[]) {
  const postings = new Map(ids.map((id) => [id, [] as { postingId: string; entries: Entry[] }[]]));
  const balances = new Map(ids.map((id) => [id, new Map<string, number>()]));
  const post = (cid: string, entries: Entry[]) => {
    postings.get(cid)!.push({ postingId: `p${postings.get(cid)!.length}`, entries });
    const b = balances.get(cid)!;
    for (const e of entries) b.set(e.account, (b.get(e.account) ?? 0) + e.amount);
  };
  const ledgers = () =>
    ids.map((communityId) => ({
      communityId,
      audit: auditLedger(postings.get(communityId)!, balances.get(communityId)!),
      settlement: settlementBalances(balances.get(communityId)!),
    }));
  return { post, balances, ledgers };
}

describe('the street audit', () => {
  const ids = ['a', 'b', 'c'];
  const op = fc.oneof(
    fc.record({
      kind: fc.constant('earn' as const),
      cid: fc.constantFrom(...ids),
      user: fc.constantFrom('u1', 'u2', 'u3'),
      amount: fc.integer({ min: 1, max: 50 }),
    }),
    fc.record({
      kind: fc.constant('move' as const),
      from: fc.constantFrom(...ids),
      to: fc.constantFrom(...ids),
      user: fc.constantFrom('u1', 'u2', 'u3'),
      toAccount: fc.constantFrom('r:u1', 'r:u2', 'fund'),
      amount: fc.integer({ min: 1, max: 80 }),
    }),
    fc.record({
      kind: fc.constant('restock' as const),
      cid: fc.constantFrom(...ids),
      quantity: fc.integer({ min: 1, max: 3 }),
    }),
    fc.record({
      kind: fc.constant('redeem' as const),
      from: fc.constantFrom(...ids),
      to: fc.constantFrom(...ids),
      user: fc.constantFrom('u1', 'u2', 'u3'),
      quantity: fc.integer({ min: 1, max: 2 }),
      price: fc.integer({ min: 1, max: 30 }),
    }),
    fc.record({ kind: fc.constant('cancel' as const), which: fc.nat() }),
  );

  it('passes after any sequence of earning, crossing, redeeming across and cancelling (never below zero, never oversold)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const s = street(ids);
        // Cross-community orders not yet cancelled: their two postings, to be negated by a cancel.
        const orders: { from: string; to: string; entries: { from: Entry[]; to: Entry[] } }[] = [];
        for (const o of ops) {
          if (o.kind === 'restock') {
            s.post(o.cid, [
              { account: accounts.supply('i1'), amount: -o.quantity },
              { account: accounts.stock('i1'), amount: o.quantity },
            ]);
            continue;
          }
          if (o.kind === 'redeem') {
            const have = s.balances.get(o.from)!.get(accounts.resident(o.user)) ?? 0;
            const shelf = s.balances.get(o.to)!.get(accounts.stock('i1')) ?? 0;
            const cost = o.price * o.quantity;
            // The floor on the resident's balance and on the item's stock refuse it.
            if (o.from === o.to || have < cost || shelf < o.quantity) continue;
            const entries = crossCommunityRedemptionEntries({
              fromCommunityId: o.from,
              fromAccount: accounts.resident(o.user),
              toCommunityId: o.to,
              itemId: 'i1',
              quantity: o.quantity,
              cost,
            });
            s.post(o.from, entries.from);
            s.post(o.to, entries.to);
            orders.push({ from: o.from, to: o.to, entries });
            continue;
          }
          if (o.kind === 'cancel') {
            if (!orders.length) continue;
            const [order] = orders.splice(o.which % orders.length, 1);
            s.post(order!.from, reversedEntries(order!.entries.from));
            s.post(order!.to, reversedEntries(order!.entries.to));
            continue;
          }
          if (o.kind === 'earn') {
            s.post(o.cid, [
              { account: accounts.issuance, amount: -o.amount },
              { account: accounts.resident(o.user), amount: o.amount },
            ]);
            continue;
          }
          const have = s.balances.get(o.from)!.get(accounts.resident(o.user)) ?? 0;
          if (o.from === o.to || have < o.amount) continue; // the floor condition refuses it
          const { from, to } = crossCommunityEntries({
            fromCommunityId: o.from,
            fromAccount: accounts.resident(o.user),
            toCommunityId: o.to,
            toAccount: o.toAccount,
            amount: o.amount,
          });
          s.post(o.from, from);
          s.post(o.to, to);
        }
        const report = auditStreet(s.ledgers());
        expect(report).toMatchObject({ passed: true, mismatches: 0, belowZero: 0, settlementTotal: 0, unpaired: [] });
        // What a community owes the rest is what the rest is owed by it.
        expect(report.communities.reduce((n, c) => n + c.settlementNet, 0)).toBe(0);
      }),
    );
  });

  it('finds a one-sided settlement (half a movement written) and a stored balance that drifted', () => {
    const s = street(ids);
    s.post('a', [
      { account: accounts.issuance, amount: -10 },
      { account: 'r:u1', amount: 10 },
    ]);
    s.post('a', [
      { account: 'r:u1', amount: -10 },
      { account: 'settle:b', amount: 10 },
    ]);
    const half = auditStreet(s.ledgers());
    expect(half.passed).toBe(false);
    expect(half.unpaired).toEqual([{ a: 'a', b: 'b', ab: 10, ba: 0 }]);
    expect(half.settlementTotal).toBe(10);

    s.post('b', [
      { account: 'settle:a', amount: -10 },
      { account: 'fund', amount: 10 },
    ]);
    expect(auditStreet(s.ledgers()).passed).toBe(true);
    s.balances.get('b')!.set('fund', 11);
    const drifted = auditStreet(s.ledgers());
    expect(drifted).toMatchObject({ passed: false, mismatches: 1 });
  });

  it('refuses a settlement with a community outside the street', () => {
    const s = street(['a']);
    s.post('a', [
      { account: accounts.issuance, amount: -5 },
      { account: 'settle:elsewhere', amount: 5 },
    ]);
    expect(auditStreet(s.ledgers()).outside).toEqual([{ communityId: 'a', counterparty: 'elsewhere', balance: 5 }]);
  });
});
