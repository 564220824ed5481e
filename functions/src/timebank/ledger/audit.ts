import { accounts, auditLedger, auditPassed, FUND } from '@linli/shared';
import type { LedgerPostingItem } from '../../db/entities/ledgerPosting';
import { unavailable } from '../../http/errors';
import { accountNames } from './accountNames';
import { timebank } from '../../db/registries/timebank';

/** Every stored balance of a community: points accounts and each catalogue item's piece accounts. */
export async function storedBalances(communityId: string): Promise<Map<string, number>> {
  const [points, items] = await Promise.all([
    timebank.query.accountsOf({ communityId }).send(),
    timebank.query.catalogue({ communityId, consistent: true }).send(),
  ]);
  const balances = new Map<string, number>();
  for (const a of points.Items ?? []) balances.set(a.accountId, a.balance);
  for (const i of items.Items ?? []) {
    balances.set(accounts.stock(i.itemId), i.stock);
    balances.set(accounts.redeemed(i.itemId), i.redeemed);
    balances.set(accounts.supply(i.itemId), i.supply);
  }
  return balances;
}

export async function allPostings(communityId: string): Promise<LedgerPostingItem[]> {
  const { Items = [] } = await timebank.query.postingsOf({ communityId }).send();
  return Items;
}

const sameBalances = (a: Map<string, number>, b: Map<string, number>) =>
  a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

/**
 * 对账: recomputes every balance from the entries and compares. Postings keep landing while it
 * reads, so it reads balances, then postings, then balances again, all consistently: when both
 * balance readings agree, no posting landed in between (each changes at least two balances), and
 * the postings read are exactly the ones behind those balances.
 */
export async function auditCommunity(communityId: string) {
  for (let attempt = 0; attempt < 8; attempt++) {
    const before = await storedBalances(communityId);
    const postings = await allPostings(communityId);
    const after = await storedBalances(communityId);
    if (!sameBalances(before, after)) continue;
    const report = auditLedger(postings, after);
    return { ...report, passed: auditPassed(report), fund: after.get(FUND) ?? 0 };
  }
  throw unavailable();
}

/** The audit as the committee reads it: mismatching accounts by name. */
export async function auditReport(communityId: string) {
  const report = await auditCommunity(communityId);
  const names = report.mismatches.length
    ? await accountNames(
        communityId,
        report.mismatches.map((m) => m.account),
      )
    : new Map<string, string>();
  return { ...report, mismatches: report.mismatches.map((m) => ({ ...m, name: names.get(m.account) ?? m.account })) };
}
