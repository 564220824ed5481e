import { BatchGetCommand, execute as batchGet } from 'dynamodb-toolbox/table/actions/batchGet';
import { accounts, unitOf, type PostingKind, type PostingView } from '@linli/shared';
import { ledgerAccounts, type LedgerAccountItem } from '../../db/entities/ledgerAccount';
import { ledgerPostings, type LedgerPostingItem } from '../../db/entities/ledgerPosting';
import { LinliTable } from '../../db/table';
import { decodeCursor, encodeCursor } from '../../db/cursor';
import { loadUsers } from '../../identity/users';
import { accountNames } from './accountNames';
import { postingIdOf } from './posting';
import { timebank } from '../../db/registries/timebank';
import { ledgerBookPosition } from '../../db/entities/ledgerPosting';

/** Kinds a committee may reverse (冲正); a redemption is undone by cancelling its order instead. */
export const REVERSIBLE: readonly PostingKind[] = ['hours', 'donation', 'restock', 'expiry'];
export const reversalKey = (postingId: string) => `reverse:${postingId}`;

export function postingView(
  p: LedgerPostingItem,
  names: Map<string, string>,
  actorName: string | undefined,
  reversed: boolean,
): PostingView {
  return {
    postingId: p.postingId,
    at: p.at,
    kind: p.kind,
    memo: p.memo,
    actor: actorName,
    entries: p.entries.map((e) => ({
      account: e.account,
      name: names.get(e.account) ?? e.account,
      amount: e.amount,
      unit: unitOf(e.account),
    })),
    reversalOf: p.refs.reversalOf,
    reversible: REVERSIBLE.includes(p.kind) && !reversed,
  };
}

/** Which of these postings already have a reversal (the reversal's id derives from the original's). */
export async function reversedAmong(communityId: string, postings: LedgerPostingItem[]): Promise<Set<string>> {
  const candidates = postings.filter((p) => REVERSIBLE.includes(p.kind));
  const reversed = new Set<string>();
  for (let i = 0; i < candidates.length; i += 100) {
    const chunk = candidates.slice(i, i + 100);
    const { Responses } = await batchGet(
      LinliTable.build(BatchGetCommand).requests(
        ...chunk.map((p) =>
          ledgerPostings.batchGet({ communityId, postingId: postingIdOf(communityId, reversalKey(p.postingId)) }),
        ),
      ),
    );
    for (const r of (Responses?.[0] ?? []) as (LedgerPostingItem | undefined)[])
      if (r?.refs.reversalOf) reversed.add(r.refs.reversalOf);
  }
  return reversed;
}

export async function describePostings(communityId: string, postings: LedgerPostingItem[]): Promise<PostingView[]> {
  const [names, actors, reversed] = await Promise.all([
    accountNames(
      communityId,
      postings.flatMap((p) => p.accountIds),
    ),
    loadUsers(postings.flatMap((p) => (p.actorId ? [p.actorId] : []))),
    reversedAmong(communityId, postings),
  ]);
  return postings.map((p) =>
    postingView(
      p,
      names,
      p.actorId ? (actors.get(p.actorId)?.nickname ?? '已注销用户') : undefined,
      reversed.has(p.postingId),
    ),
  );
}

/** Items a filtered ledger query examines per request; DynamoDB filters after the limit, so pages are read until full. */
const SCAN_PAGE = 200;
const MAX_REQUESTS = 25;

/**
 * 积分账本 for the committee: postings newest first (GSI3, by time), filtered by kind, account or
 * date range, with the totals that matter: points in circulation (−issuance) and the fund.
 */
export async function ledgerBook(
  communityId: string,
  q: { kind?: PostingKind; account?: string; from?: string; to?: string; cursor?: string; limit: number },
) {
  const filtered = !!(q.kind || q.account);
  const found: LedgerPostingItem[] = [];
  let start = decodeCursor(q.cursor);
  let more = true;
  for (let requests = 0; more && found.length < q.limit && requests < MAX_REQUESTS; requests++) {
    const page = await timebank.query
      .ledgerBook({
        communityId,
        from: q.from,
        to: q.to,
        kind: q.kind,
        account: q.account,
        page: { limit: filtered ? SCAN_PAGE : q.limit - found.length, start },
      })
      .send();
    found.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey as Record<string, string> | undefined;
    more = !!start;
  }
  const items = found.slice(0, q.limit);
  const last = items[items.length - 1];
  // A page cut short inside DynamoDB's page resumes after its last posting.
  const nextKey = found.length > q.limit && last ? ledgerBookPosition(last) : more ? start : undefined;
  const totals = await Promise.all(
    [accounts.issuance, accounts.fund].map((accountId) => ledgerAccounts.get({ communityId, accountId })),
  );
  const [issuance, fund] = totals.map((t) => (t.Item as LedgerAccountItem | undefined)?.balance ?? 0) as [
    number,
    number,
  ];
  return {
    items: await describePostings(communityId, items),
    nextCursor: encodeCursor(nextKey),
    totals: { pointsInCirculation: -issuance, fund, heldByResidents: -issuance - fund },
  };
}
