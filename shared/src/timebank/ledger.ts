/**
 * 爱心时间银行 ledger rules: double entry over points and catalogue stock.
 *
 * Every movement is a posting whose entries sum to zero per unit (points, or pieces of one catalogue
 * item). Accounts:
 *   r:<userId>        a resident's points (never below zero)
 *   issuance          the community's issuing account: credits for verified hours come from here and
 *                     redeemed or expired points return to it, so −issuance = points in circulation
 *   fund              爱心基金, receives donations (never below zero)
 *   supply:<itemId>   where a catalogue item's pieces come from (restocking moves supply → stock)
 *   stock:<itemId>    pieces on the shelf (never below zero)
 *   redeemed:<itemId> pieces handed to orders (redemption moves stock → redeemed)
 *   settle:<cid>      通存通兑: what this community owes another community <cid> of the same street (points
 *                     a resident moved there), or is owed by it when negative. A cross-community movement is
 *                     two postings in one transaction, one in each community, each balanced: here
 *                     r:<user> → settle:<there>, there settle:<here> → r:<user> or fund. So each ledger stays
 *                     zero-sum, and across the street settle:<B> in A and settle:<A> in B cancel out.
 */

import { chinaMonth, shiftMonth } from '../time/chinaTime';

export type LedgerUnit = 'pt' | 'piece';

export const ISSUANCE = 'issuance';
export const FUND = 'fund';

export const accounts = {
  resident: (userId: string) => `r:${userId}`,
  issuance: ISSUANCE,
  fund: FUND,
  supply: (itemId: string) => `supply:${itemId}`,
  stock: (itemId: string) => `stock:${itemId}`,
  redeemed: (itemId: string) => `redeemed:${itemId}`,
  settlement: (communityId: string) => `settle:${communityId}`,
} as const;

export type AccountKind = 'resident' | 'issuance' | 'fund' | 'supply' | 'stock' | 'redeemed' | 'settlement';

export interface ParsedAccount {
  kind: AccountKind;
  /** The user of a resident account, the catalogue item of a stock account, the other community of a settlement account. */
  ref?: string;
}

export function parseAccount(account: string): ParsedAccount {
  if (account === ISSUANCE) return { kind: 'issuance' };
  if (account === FUND) return { kind: 'fund' };
  const m = /^(r|supply|stock|redeemed|settle):([\w-]{1,64})$/.exec(account);
  if (!m) throw new Error(`not a ledger account: ${account}`);
  const kind = m[1] === 'r' ? 'resident' : m[1] === 'settle' ? 'settlement' : (m[1] as AccountKind);
  return { kind, ref: m[2] };
}

export function unitOf(account: string): LedgerUnit {
  const { kind } = parseAccount(account);
  return kind === 'supply' || kind === 'stock' || kind === 'redeemed' ? 'piece' : 'pt';
}

/** Accounts that may never go below zero: a resident cannot overdraw, the fund cannot give what it lacks, a shelf cannot go negative. */
export function hasFloor(account: string): boolean {
  const { kind } = parseAccount(account);
  return kind === 'resident' || kind === 'fund' || kind === 'stock';
}

export const residentOf = (account: string): string | undefined => {
  const parsed = parseAccount(account);
  return parsed.kind === 'resident' ? parsed.ref : undefined;
};

/** One line of a posting: a signed whole amount in the account's unit. */
export interface Entry {
  account: string;
  amount: number;
}

export const POSTING_KINDS = [
  'hours',
  'donation',
  'redemption',
  'orderCancel',
  'restock',
  'expiry',
  'reversal',
  'closure',
  'transfer',
] as const;
export type PostingKind = (typeof POSTING_KINDS)[number];
export const POSTING_KIND_LABELS: Record<PostingKind, string> = {
  hours: '服务时长积分',
  donation: '捐赠',
  redemption: '兑换',
  orderCancel: '取消兑换退回',
  restock: '入库',
  expiry: '积分过期',
  reversal: '冲正',
  closure: '注销转入爱心基金',
  transfer: '通存通兑（跨社区）',
};

/** 积分账号 and 取货码 as people type them: spaces and dashes dropped, upper case. */
export const normaliseCode = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();

/** 兑换: what the catalogue offers and where an order stands. */
export const CATALOGUE_KINDS = { service: '社区服务', gift: '公益礼品' } as const;
export const ORDER_STATUSES = ['placed', 'ready', 'fulfilled', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  placed: '待领取',
  ready: '可领取',
  fulfilled: '已完成',
  cancelled: '已取消',
};

/** Why a list of entries is not a valid posting, or undefined when it is. */
export function postingProblem(entries: readonly Entry[]): string | undefined {
  if (entries.length < 2) return 'a posting needs at least two entries';
  const seen = new Set<string>();
  const sums = new Map<LedgerUnit, number>();
  for (const e of entries) {
    if (!Number.isSafeInteger(e.amount) || e.amount === 0)
      return `amount of ${e.account} must be a non-zero whole number`;
    if (seen.has(e.account)) return `account ${e.account} appears twice`;
    seen.add(e.account);
    const unit = unitOf(e.account);
    sums.set(unit, (sums.get(unit) ?? 0) + e.amount);
  }
  for (const [unit, sum] of sums) if (sum !== 0) return `entries in ${unit} sum to ${sum}, not zero`;
  return undefined;
}

export const isBalanced = (entries: readonly Entry[]) => postingProblem(entries) === undefined;

/** The entries that undo a posting (冲正): the same accounts, opposite amounts. */
export const reversalEntries = (entries: readonly Entry[]): Entry[] =>
  entries.map((e) => ({ account: e.account, amount: -e.amount }));

/** Net movement per account over any number of postings. */
export function netByAccount(postings: Iterable<{ entries: readonly Entry[] }>): Map<string, number> {
  const net = new Map<string, number>();
  for (const p of postings) for (const e of p.entries) net.set(e.account, (net.get(e.account) ?? 0) + e.amount);
  return net;
}

export interface BalanceMismatch {
  account: string;
  stored: number;
  computed: number;
}

export interface AuditReport {
  postings: number;
  accounts: number;
  /** Postings whose entries do not sum to zero (there must be none). */
  unbalanced: { postingId: string; problem: string }[];
  /** Stored balances that differ from the sum of their entries (there must be none). */
  mismatches: BalanceMismatch[];
  /** Accounts with a floor whose recomputed balance is below zero (there must be none). */
  belowZero: { account: string; balance: number }[];
  /** Sum of every points account; zero in a sound ledger. */
  pointsTotal: number;
  /** Points held by residents and the fund (−issuance). */
  pointsInCirculation: number;
}

/**
 * 审计: recomputes every balance from the entries and compares it with the stored balance. Accounts
 * absent from `stored` count as stored 0, and stored accounts without entries must be 0.
 */
export function auditLedger(
  postings: Iterable<{ postingId: string; entries: readonly Entry[] }>,
  stored: ReadonlyMap<string, number>,
): AuditReport {
  const list = [...postings];
  const unbalanced = list.flatMap((p) => {
    const problem = postingProblem(p.entries);
    return problem ? [{ postingId: p.postingId, problem }] : [];
  });
  const computed = netByAccount(list);
  const all = new Set([...computed.keys(), ...stored.keys()]);
  const mismatches: BalanceMismatch[] = [];
  const belowZero: { account: string; balance: number }[] = [];
  let pointsTotal = 0;
  for (const account of [...all].sort()) {
    const c = computed.get(account) ?? 0;
    const s = stored.get(account) ?? 0;
    if (c !== s) mismatches.push({ account, stored: s, computed: c });
    if (hasFloor(account) && c < 0) belowZero.push({ account, balance: c });
    if (unitOf(account) === 'pt') pointsTotal += c;
  }
  return {
    postings: list.length,
    accounts: all.size,
    unbalanced,
    mismatches,
    belowZero,
    pointsTotal,
    pointsInCirculation: -(computed.get(ISSUANCE) ?? 0),
  };
}

export const auditPassed = (r: AuditReport) =>
  r.unbalanced.length === 0 && r.mismatches.length === 0 && r.belowZero.length === 0 && r.pointsTotal === 0;

/** A statement line: one entry of an account, in time order. */
export interface AccountMovement {
  at: string;
  amount: number;
}

/** Running balance after each movement, oldest first (流水余额). */
export function withRunningBalance<T extends AccountMovement>(
  movements: readonly T[],
): (T & { balanceAfter: number })[] {
  let balance = 0;
  return [...movements]
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .map((m) => {
      balance += m.amount;
      return { ...m, balanceAfter: balance };
    });
}

/**
 * Points that expire at `cutoff` under "oldest points expire first": credits earned before the
 * cutoff minus everything ever spent, donated or already expired (debits consume the oldest credits
 * first). Never more than the balance, so an expiry can never overdraw.
 */
export function expiringPoints(movements: readonly AccountMovement[], cutoff: string): number {
  let creditsBefore = 0;
  let debits = 0;
  let balance = 0;
  for (const m of movements) {
    balance += m.amount;
    if (m.amount > 0 && m.at < cutoff) creditsBefore += m.amount;
    if (m.amount < 0) debits += -m.amount;
  }
  return Math.max(0, Math.min(balance, creditsBefore - debits));
}

/** Points awarded for verified service: per hour at a rate, or a fixed amount (积分规则). */
export type PointsRule = { kind: 'perHour'; rate: number } | { kind: 'fixed'; amount: number };

/** Whole points for verified minutes; half a point rounds up, nothing for zero minutes. */
export function pointsFor(rule: PointsRule, minutes: number): number {
  if (minutes <= 0) return 0;
  return rule.kind === 'fixed' ? rule.amount : Math.round((minutes * rule.rate) / 60);
}

export function describePointsRule(rule: PointsRule): string {
  return rule.kind === 'fixed' ? `每人 ${rule.amount} 积分` : `每小时 ${rule.rate} 积分`;
}

/**
 * Balance at the end of each of the last `months` months up to `now` (UTC+8 months), for the
 * wallet chart. Months before the first movement show 0.
 */
export function monthlyBalances(
  movements: readonly AccountMovement[],
  now: string,
  months = 6,
): { month: string; balance: number }[] {
  const current = chinaMonth(now);
  const series: { month: string; balance: number }[] = [];
  for (let i = months - 1; i >= 0; i--) series.push({ month: shiftMonth(current, -i), balance: 0 });
  let balance = 0;
  const sorted = [...movements].sort((a, b) => (a.at < b.at ? -1 : 1));
  let k = 0;
  for (const point of series) {
    while (k < sorted.length && chinaMonth((sorted[k] as AccountMovement).at) <= point.month)
      balance += (sorted[k++] as AccountMovement).amount;
    point.balance = balance;
  }
  return series;
}
