import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { EntityRepository } from 'dynamodb-toolbox/entity/actions/repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { list } from 'dynamodb-toolbox/schema/list';
import { map } from 'dynamodb-toolbox/schema/map';
import { number } from 'dynamodb-toolbox/schema/number';
import { record } from 'dynamodb-toolbox/schema/record';
import { string } from 'dynamodb-toolbox/schema/string';
import { POSTING_KINDS } from '@linli/shared';
import { LinliTable } from '../table';

/**
 * One ledger posting (记账): its entries, which sum to zero per unit, written once and never changed.
 * The id derives from the business event's idempotency key and the put is conditional, so the
 * posting record is also the idempotency record: a retry, a double tap or a replayed stream record
 * finds it and posts nothing. All postings of a community share a partition, which the audit reads
 * with a consistent query. GSI3 orders them by time (the committee's ledger); GSI1 and GSI2 index the
 * (at most two) resident accounts a posting touches (a resident's statement).
 */
export const LedgerPostingEntity = new Entity({
  name: 'LedgerPosting',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    postingId: string().key(),
    idempotencyKey: string(),
    /** The request that made it, fingerprinted with its idempotency key (http/idempotency.ts); absent before 2026-12. */
    requestFingerprint: string().optional(),
    kind: string().enum(...POSTING_KINDS),
    entries: list(map({ account: string(), amount: number() })),
    /** The accounts of `entries`, for filtering the ledger by account. */
    accountIds: list(string()),
    memo: string(),
    actorId: string().optional(),
    at: string(),
    /** What the posting is about: activityId, userId, itemId, orderCode, reversalOf, counterparty… */
    refs: record(string(), string()).default({}),
  }).and((prev) => ({
    GSI1PK: string()
      .optional()
      .hidden()
      .link<typeof prev>((p) => residentIndex(p, 0)),
    GSI1SK: string()
      .optional()
      .hidden()
      .link<typeof prev>((p) => (residentIndex(p, 0) ? `${p.at}#${p.postingId}` : undefined)),
    GSI2PK: string()
      .optional()
      .hidden()
      .link<typeof prev>((p) => residentIndex(p, 1)),
    GSI2SK: string()
      .optional()
      .hidden()
      .link<typeof prev>((p) => (residentIndex(p, 1) ? `${p.at}#${p.postingId}` : undefined)),
    GSI3PK: string()
      .hidden()
      .link<typeof prev>(({ communityId }) => ledgerPartition(communityId)),
    GSI3SK: string()
      .hidden()
      .link<typeof prev>(({ at, postingId }) => `${at}#${postingId}`),
  })),
  computeKey: ({ communityId, postingId }) => ({ PK: ledgerPartition(communityId), SK: `P#${postingId}` }),
});
export const ledgerPostings = LedgerPostingEntity.build(EntityRepository);
export type LedgerPostingItem = FormattedItem<typeof LedgerPostingEntity>;

export const ledgerPartition = (communityId: string) => `C#${communityId}#TB#LEDGER`;
/** The statement index partition of one account. */
export const accountStatement = (communityId: string, accountId: string) => `C#${communityId}#TB#ACCT#${accountId}`;

function residentIndex(p: { communityId: string; accountIds: string[] }, n: 0 | 1): string | undefined {
  const resident = p.accountIds.filter((a) => a.startsWith('r:'))[n];
  return resident ? accountStatement(p.communityId, resident) : undefined;
}
