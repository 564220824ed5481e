import { auditLedger, auditStreet, settlementBalances, type StreetAuditView } from '@linli/shared';
import { timebank } from '../db/registries/timebank';
import { unavailable } from '../http/errors';
import { allPostings, storedBalances } from '../timebank/ledger/audit';
import { communitiesOf, loadStreet } from './streets';

/**
 * 街道对账 (通存通兑): every community's own audit (unchanged: recomputed balances equal stored ones, no
 * floored account below zero, each ledger zero-sum) and, across the street, every pair of settlement
 * accounts cancelling (shared/src/streets/settlement.ts `auditStreet`). A crossing moves the settlement
 * accounts of two communities in one transaction, and the communities are read one after another, so a
 * crossing landing in between would look unpaired: the settlement accounts' movement counts are read again
 * after all the ledgers, and the reading is repeated until nothing moved in between.
 */

/** `settle:<cid>` → movements: a crossing always adds one, so equal counts mean nothing crossed. */
async function settlementMovements(communityId: string): Promise<Map<string, number>> {
  const { Items = [] } = await timebank.query.accountsOf({ communityId }).send();
  return new Map(Items.filter((a) => a.accountId.startsWith('settle:')).map((a) => [a.accountId, a.movements]));
}

const same = (a: Map<string, number>, b: Map<string, number>) =>
  a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

/** One community's ledger, read until its balances are the same before and after its postings. */
async function communityLedger(communityId: string) {
  for (let attempt = 0; attempt < 8; attempt++) {
    const moved = await settlementMovements(communityId);
    const before = await storedBalances(communityId);
    const postings = await allPostings(communityId);
    const after = await storedBalances(communityId);
    if (before.size !== after.size || [...before].some(([k, v]) => after.get(k) !== v)) continue;
    return { communityId, moved, audit: auditLedger(postings, after), settlement: settlementBalances(after) };
  }
  throw unavailable();
}

export async function streetTimebankAudit({
  streetId,
  now,
}: {
  streetId: string;
  now: Date;
}): Promise<StreetAuditView> {
  await loadStreet(streetId);
  const list = await communitiesOf(streetId);
  const names = new Map(list.map((c) => [c.communityId, c.name]));
  for (let attempt = 0; attempt < 8; attempt++) {
    const ledgers = await Promise.all(list.map((c) => communityLedger(c.communityId)));
    const again = await Promise.all(list.map((c) => settlementMovements(c.communityId)));
    if (ledgers.some((l, i) => !same(l.moved, again[i] as Map<string, number>))) continue;
    const report = auditStreet(ledgers);
    return {
      checkedAt: now.toISOString(),
      passed: report.passed,
      settlementTotal: report.settlementTotal,
      mismatches: report.mismatches,
      belowZero: report.belowZero,
      unpaired: report.unpaired,
      communities: report.communities.map((c) => ({ ...c, name: names.get(c.communityId) ?? c.communityId })),
    };
  }
  throw unavailable();
}
