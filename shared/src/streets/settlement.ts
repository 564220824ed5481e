import { accounts, auditPassed, parseAccount, type AuditReport, type Entry } from '../timebank/ledger';

/**
 * 时间银行 通存通兑 across the communities of one street. Each community keeps its own double-entry
 * ledger; a movement from a resident's points in community A to an account in community B of the same
 * street is two postings written in one transaction:
 *
 *   in A:  r:<resident> −n,  settle:B +n     (A now owes B n points)
 *   in B:  settle:A −n,      <account> +n    (B is owed n points by A; the recipient or the fund has them)
 *
 * Each posting balances, so each community's audit stays what it was; across the street the two
 * settlement accounts of every pair cancel (settle:B in A = −settle:A in B), so the street as a whole
 * is zero-sum: no point is made or lost by crossing a community's border.
 */

export interface CrossCommunityMovement {
  fromCommunityId: string;
  /** A resident's account in the sending community (`r:<userId>`). */
  fromAccount: string;
  toCommunityId: string;
  /** Where the points land in the receiving community: a resident's account or its 爱心基金. */
  toAccount: string;
  amount: number;
}

/** Why a movement cannot cross, in words; undefined when it can. */
export function movementProblem(m: CrossCommunityMovement): string | undefined {
  if (m.fromCommunityId === m.toCommunityId) return '转出和转入社区相同，请使用本社区的捐赠';
  if (!Number.isSafeInteger(m.amount) || m.amount <= 0) return '积分数应为正整数';
  if (parseAccount(m.fromAccount).kind !== 'resident') return '只能从居民本人的积分账户转出';
  const to = parseAccount(m.toAccount).kind;
  if (to !== 'resident' && to !== 'fund') return '只能转入居民积分账户或爱心基金';
  return undefined;
}

/** The entries of the two postings of a movement (see above). */
export function crossCommunityEntries(m: CrossCommunityMovement): { from: Entry[]; to: Entry[] } {
  const problem = movementProblem(m);
  if (problem) throw new Error(problem);
  return {
    from: [
      { account: m.fromAccount, amount: -m.amount },
      { account: accounts.settlement(m.toCommunityId), amount: m.amount },
    ],
    to: [
      { account: accounts.settlement(m.fromCommunityId), amount: -m.amount },
      { account: m.toAccount, amount: m.amount },
    ],
  };
}

export interface CrossCommunityRedemption {
  fromCommunityId: string;
  /** The redeeming resident's account in her own community (`r:<userId>`). */
  fromAccount: string;
  /** The community whose catalogue item is redeemed. */
  toCommunityId: string;
  itemId: string;
  quantity: number;
  /** Points: the item's price × quantity. */
  cost: number;
}

/** Why a redemption cannot cross, in words; undefined when it can. */
export function redemptionProblem(r: CrossCommunityRedemption): string | undefined {
  if (r.fromCommunityId === r.toCommunityId) return '兑换本社区的项目请使用本社区的积分兑换';
  if (!Number.isSafeInteger(r.quantity) || r.quantity <= 0) return '数量应为正整数';
  if (!Number.isSafeInteger(r.cost) || r.cost <= 0) return '积分数应为正整数';
  if (parseAccount(r.fromAccount).kind !== 'resident') return '只能从居民本人的积分账户兑换';
  return undefined;
}

/**
 * The two postings of a redemption across communities: the resident's points leave A through the
 * settlement accounts as in a movement, and in B they return to B's issuance as a redemption of B's
 * item (its pieces move from stock to redeemed):
 *
 *   in A:  r:<resident> −cost,  settle:B +cost
 *   in B:  settle:A −cost,      issuance +cost,  stock:<item> −q,  redeemed:<item> +q
 *
 * A cancelled order is the same two postings negated (`reversedEntries`).
 */
export function crossCommunityRedemptionEntries(r: CrossCommunityRedemption): { from: Entry[]; to: Entry[] } {
  const problem = redemptionProblem(r);
  if (problem) throw new Error(problem);
  return {
    from: [
      { account: r.fromAccount, amount: -r.cost },
      { account: accounts.settlement(r.toCommunityId), amount: r.cost },
    ],
    to: [
      { account: accounts.settlement(r.fromCommunityId), amount: -r.cost },
      { account: accounts.issuance, amount: r.cost },
      { account: accounts.stock(r.itemId), amount: -r.quantity },
      { account: accounts.redeemed(r.itemId), amount: r.quantity },
    ],
  };
}

/** A posting's entries negated (an order cancelled puts back what its redemption moved). */
export const reversedEntries = (entries: readonly Entry[]): Entry[] =>
  entries.map((e) => ({ account: e.account, amount: -e.amount }));

/** One community's ledger as the street audit reads it: its own audit and its settlement balances. */
export interface CommunityLedger {
  communityId: string;
  audit: AuditReport;
  /** Stored balance of `settle:<other>` for each other community this one has settled with. */
  settlement: ReadonlyMap<string, number>;
}

export interface UnpairedSettlement {
  /** A's balance towards B, and B's towards A: they must sum to zero. */
  a: string;
  b: string;
  ab: number;
  ba: number;
}

export interface StreetAudit {
  communities: {
    communityId: string;
    passed: boolean;
    mismatches: number;
    belowZero: number;
    /** Net of its settlement accounts: what it owes the rest of the street (negative: is owed). */
    settlementNet: number;
  }[];
  /** Pairs whose settlement balances do not cancel (there must be none). */
  unpaired: UnpairedSettlement[];
  /** Settlement accounts naming a community outside the street (there must be none). */
  outside: { communityId: string; counterparty: string; balance: number }[];
  /** Sum of every settlement account in the street: zero when the street is zero-sum. */
  settlementTotal: number;
  mismatches: number;
  belowZero: number;
  passed: boolean;
}

/**
 * 街道对账: every community's own audit passes, and across the street every pair of settlement
 * accounts cancels — what A owes B is exactly what B is owed by A — so the street's points total is
 * the sum of what its communities issued, untouched by crossing.
 */
export function auditStreet(ledgers: readonly CommunityLedger[]): StreetAudit {
  const byId = new Map(ledgers.map((l) => [l.communityId, l]));
  const unpaired: UnpairedSettlement[] = [];
  const outside: StreetAudit['outside'] = [];
  const seen = new Set<string>();
  let settlementTotal = 0;
  for (const l of ledgers) {
    for (const [other, ab] of l.settlement) {
      settlementTotal += ab;
      const counterpart = byId.get(other);
      if (!counterpart) {
        if (ab !== 0) outside.push({ communityId: l.communityId, counterparty: other, balance: ab });
        continue;
      }
      const pair = [l.communityId, other].sort().join('|');
      if (seen.has(pair)) continue;
      seen.add(pair);
      const ba = counterpart.settlement.get(l.communityId) ?? 0;
      if (ab + ba !== 0) unpaired.push({ a: l.communityId, b: other, ab, ba });
    }
  }
  const communities = ledgers.map((l) => ({
    communityId: l.communityId,
    passed: auditPassed(l.audit),
    mismatches: l.audit.mismatches.length,
    belowZero: l.audit.belowZero.length,
    settlementNet: [...l.settlement.values()].reduce((a, b) => a + b, 0),
  }));
  const mismatches = communities.reduce((n, c) => n + c.mismatches, 0);
  const belowZero = communities.reduce((n, c) => n + c.belowZero, 0);
  return {
    communities,
    unpaired,
    outside,
    settlementTotal,
    mismatches,
    belowZero,
    passed:
      communities.every((c) => c.passed) && unpaired.length === 0 && outside.length === 0 && settlementTotal === 0,
  };
}

/** The settlement balances among a ledger's stored balances (`settle:<cid>` → balance by cid). */
export function settlementBalances(stored: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [account, balance] of stored) {
    const parsed = /^settle:(.+)$/.exec(account);
    if (parsed) out.set(parsed[1] as string, balance);
  }
  return out;
}
