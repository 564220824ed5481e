import { accounts, crossCommunityEntries, type StreetFundsView } from '@linli/shared';
import { communities } from '../db/entities/community';
import { ledgerAccounts } from '../db/entities/ledgerAccount';
import { ledgerPostings } from '../db/entities/ledgerPosting';
import { streets } from '../db/entities/street';
import { isTransactionConflict } from '../db/errors';
import { streets as streetQueries } from '../db/registries/streets';
import { failedWrites, transact, type Writes, type WriteTx } from '../db/transactions';
import { badRequest, conflict, notFound } from '../http/errors';
import { assertSameRequest, requestFingerprint } from '../http/idempotency';
import { loadUser } from '../identity/principal';
import type { CommunityRequest } from '../commons/serviceRequest';
import { maskName, resolveAccountCode } from './accounts';
import {
  assertSamePosting,
  postingIdOf,
  postingWrites,
  type PostingInput,
  type PostingOptions,
} from './ledger/posting';
import type { ResidentRequest } from './orders';
import { getSettings } from './settings';

/**
 * 时间银行 通存通兑 (issue 15 §2): a resident's points cross to another community of her street through
 * the two communities' settlement accounts (shared/src/streets/settlement.ts). Both postings — here
 * r:<donor> → settle:<there>, there settle:<here> → fund or r:<recipient> — are one transaction, so a
 * crossing happens in both ledgers or in neither, each ledger stays balanced and the street stays
 * zero-sum. The donor's balance carries the usual `balance >= amount` condition (no negative balance);
 * the request id is the idempotency key of both postings, with the request's fingerprint.
 */

const FROM = 'from:';
const TO = 'to:';
const CONFLICT_RETRIES = 5;

/** The other communities of the caller's street that accept points from the street, with their 爱心基金. */
export async function streetFunds({ communityId }: Pick<CommunityRequest, 'communityId'>): Promise<StreetFundsView> {
  const { streetId, streetName, others } = await otherCommunitiesOfStreet(communityId);
  const rows = await Promise.all(
    others.map(async (c) => {
      const [settings, { Item: fund }] = await Promise.all([
        getSettings(c.communityId),
        ledgerAccounts.get({ communityId: c.communityId, accountId: accounts.fund }),
      ]);
      return settings.street?.open ? [{ communityId: c.communityId, name: c.name, fund: fund?.balance ?? 0 }] : [];
    }),
  );
  return { streetId, streetName, communities: rows.flat() };
}

/** The street of a community and its other communities (none when the community has no street). */
export async function otherCommunitiesOfStreet(communityId: string) {
  const { Item: here } = await communities.get({ communityId });
  if (!here) throw notFound('社区');
  if (!here.streetId) return { streetId: '', streetName: '', others: [] };
  const [{ Item: street }, { Items = [] }] = await Promise.all([
    streets.get({ streetId: here.streetId }),
    streetQueries.query.communitiesOfStreet({ streetId: here.streetId }).send(),
  ]);
  return {
    streetId: here.streetId,
    streetName: street?.name ?? here.street ?? '',
    others: Items.filter((c) => c.communityId !== communityId),
  };
}

/**
 * The writes of one posting under a prefix, so two communities' postings share one transaction
 * (`conditions`: extra conditions on its balance items, as for `postingWrites`).
 */
export function prefixed(
  prefix: string,
  p: PostingInput,
  conditions?: PostingOptions['conditions'],
): { writes: Record<string, WriteTx>; postingId: string } {
  const { writes, posting } = postingWrites(p, { conditions });
  return {
    writes: Object.fromEntries(Object.entries(writes).map(([name, w]) => [prefix + name, w])),
    postingId: posting.postingId,
  };
}

export interface DonateAcrossRequest extends ResidentRequest {
  input: { toCommunityId: string; to: string; amount: number; note?: string; requestId: string };
}

/** 跨社区捐赠: points from the donor here to 爱心基金 or a resident of another community of the street. */
export async function donateAcross({ user, communityId, input, now }: DonateAcrossRequest) {
  const { toCommunityId } = input;
  const idempotencyKey = `street-donate:${user.userId}:${input.requestId}`;
  const fingerprint = requestFingerprint({
    route: 'timebank.donateAcross',
    caller: user.userId,
    params: { communityId },
    body: input,
  });
  // A request already posted is answered as it was (even if the other community has closed since);
  // another request under its id is refused before anything is checked or written.
  const postingId = postingIdOf(communityId, idempotencyKey);
  const { Item: posted } = await ledgerPostings.get({ communityId, postingId }, { consistent: true });
  if (posted) {
    assertSameRequest(posted.requestFingerprint, fingerprint);
    return answer(user.userId, communityId, postingId, posted.refs?.toCommunity ?? toCommunityId);
  }
  if (toCommunityId === communityId)
    throw badRequest('转入社区与本社区相同', [{ field: 'body.toCommunityId', message: '本社区内捐赠请使用“捐赠”' }]);
  const [{ Item: from }, { Item: to }] = await Promise.all([
    communities.get({ communityId }),
    communities.get({ communityId: toCommunityId }),
  ]);
  if (!from || !to) throw notFound('社区');
  if (!from.streetId || from.streetId !== to.streetId)
    throw badRequest('只能捐给同一街道的社区', [
      { field: 'body.toCommunityId', message: `${to.name}不在${from.street ?? '本街道'}` },
    ]);
  if (!(await getSettings(toCommunityId)).street?.open) throw conflict(`${to.name}暂不接受其他社区的积分捐赠`);

  let toAccount: string = accounts.fund;
  let toLabel = `${to.name}爱心基金`;
  if (input.to !== 'fund') {
    const recipient = await resolveAccountCode(toCommunityId, input.to, 'body.to');
    if (recipient === user.userId) throw badRequest('不能捐给自己', [{ field: 'body.to', message: '不能捐给自己' }]);
    toAccount = accounts.resident(recipient);
    toLabel = `${to.name} ${maskName((await loadUser(recipient))?.nickname ?? '居民')}`;
  }
  const fromAccount = accounts.resident(user.userId);
  const entries = crossCommunityEntries({
    fromCommunityId: communityId,
    fromAccount,
    toCommunityId,
    toAccount,
    amount: input.amount,
  });
  const shared = {
    idempotencyKey,
    requestFingerprint: fingerprint,
    kind: 'transfer' as const,
    actorId: user.userId,
    at: now.toISOString(),
    refs: { from: user.userId, fromCommunity: communityId, toCommunity: toCommunityId },
  };
  const donor = maskName(user.nickname);
  const note = input.note ? `：${input.note}` : '';
  const here = prefixed(FROM, {
    ...shared,
    communityId,
    entries: entries.from,
    memo: `${donor} 跨社区捐赠给 ${toLabel}${note}`,
  });
  const there = prefixed(TO, {
    ...shared,
    communityId: toCommunityId,
    entries: entries.to,
    memo: `${from.name} ${donor} 跨社区捐赠给 ${toLabel}${note}`,
  });
  const failed = await transactRetrying({ ...here.writes, ...there.writes });
  if (failed !== 'written') {
    // The same request again (answered as before) or another under its id (409 IDEMPOTENCY_MISMATCH).
    if (failed.has(`${FROM}posting`) || failed.has(`${TO}posting`))
      await assertSamePosting(communityId, here.postingId, fingerprint);
    else if (failed.has(`${FROM}balance:${fromAccount}`)) throw conflict('积分余额不足');
    else throw new Error(`通存通兑 refused by ${[...failed].join(', ')}`);
  }
  return answer(user.userId, communityId, here.postingId, toCommunityId);
}

/**
 * One TransactWrite of a crossing, retried on AWS's TransactionConflict (the conditional posting records
 * make a retry safe); answers the names of the writes whose condition failed.
 */
export async function transactRetrying(writes: Writes): Promise<'written' | ReadonlySet<string>> {
  for (let attempt = 1; ; attempt++) {
    try {
      await transact(writes);
      return 'written';
    } catch (error) {
      if (isTransactionConflict(error) && attempt < CONFLICT_RETRIES) {
        await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 40));
        continue;
      }
      const failed = failedWrites(error, writes);
      if (!failed?.size) throw error;
      return failed;
    }
  }
}

/** What a crossing answers: its posting here, the donor's balance now, the community the points went to. */
async function answer(userId: string, communityId: string, postingId: string, toCommunityId: string) {
  const [{ Item: account }, { Item: to }] = await Promise.all([
    ledgerAccounts.get({ communityId, accountId: accounts.resident(userId) }, { consistent: true }),
    communities.get({ communityId: toCommunityId }),
  ]);
  return { postingId, balance: account?.balance ?? 0, toCommunityName: to?.name ?? toCommunityId };
}
