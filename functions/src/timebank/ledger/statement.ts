import type { PostingKind } from '@linli/shared';
import { timebank } from '../../db/registries/timebank';

export interface Movement {
  postingId: string;
  at: string;
  kind: PostingKind;
  memo: string;
  amount: number;
  refs: Record<string, string>;
}

/**
 * Every movement of a resident account, oldest first: the postings the statement indexes (GSI1 holds a
 * posting's first resident account, GSI2 its second) with this account's entry. A resident's history
 * is small (a few hundred postings a year), so the statement reads it whole and computes the
 * running balance from the first entry.
 */
export async function accountMovements(communityId: string, accountId: string): Promise<Movement[]> {
  const pages = await Promise.all(
    (['first', 'second'] as const).map((as) => timebank.query.postingsTouching({ communityId, accountId, as }).send()),
  );
  const byId = new Map<string, Movement>();
  for (const { Items = [] } of pages)
    for (const p of Items) {
      const entry = p.entries.find((e) => e.account === accountId);
      if (entry && !byId.has(p.postingId))
        byId.set(p.postingId, {
          postingId: p.postingId,
          at: p.at,
          kind: p.kind,
          memo: p.memo,
          amount: entry.amount,
          refs: p.refs,
        });
    }
  return [...byId.values()].sort((a, b) =>
    a.at === b.at ? (a.postingId < b.postingId ? -1 : 1) : a.at < b.at ? -1 : 1,
  );
}
