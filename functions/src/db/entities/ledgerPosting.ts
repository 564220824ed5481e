import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { list } from 'dynamodb-toolbox/schema/list';
import { map } from 'dynamodb-toolbox/schema/map';
import { number } from 'dynamodb-toolbox/schema/number';
import { record } from 'dynamodb-toolbox/schema/record';
import { string } from 'dynamodb-toolbox/schema/string';
import { POSTING_KINDS } from '@linli/shared';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { pageInput, pageOptions } from '../page';

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
export const ledgerPostings = LedgerPostingEntity.build(Repository);
export type LedgerPostingItem = FormattedItem<typeof LedgerPostingEntity>;

export const ledgerPartition = (communityId: string) => `C#${communityId}#TB#LEDGER`;
/** The statement index partition of one account. */
export const accountStatement = (communityId: string, accountId: string) => `C#${communityId}#TB#ACCT#${accountId}`;

function residentIndex(p: { communityId: string; accountIds: string[] }, n: 0 | 1): string | undefined {
  const resident = p.accountIds.filter((a) => a.startsWith('r:'))[n];
  return resident ? accountStatement(p.communityId, resident) : undefined;
}

/** The GSI3 range of a period (days, `YYYY-MM-DD`, inclusive) of the ledger; none for all time. */
const period = (from?: string, to?: string) =>
  from || to ? { range: { between: [from ?? '', `${to ?? '9999'}\uffff`] as [string, string] } } : {};

/** Where the committee's ledger resumes after a posting (a page cut short inside DynamoDB's page). */
export const ledgerBookPosition = (p: { communityId: string; postingId: string; at: string }) => ({
  PK: ledgerPartition(p.communityId),
  SK: `P#${p.postingId}`,
  GSI3PK: ledgerPartition(p.communityId),
  GSI3SK: `${p.at}#${p.postingId}`,
});

/**
 * T10 The committee's ledger, newest first, optionally of a period, of one kind and touching one
 * account (filtered in DynamoDB after the page's limit).
 */
export const ledgerBookPage = LedgerPostingEntity.build(AccessPattern)
  .schema(
    map({
      communityId: string(),
      from: string().optional(),
      to: string().optional(),
      kind: string()
        .enum(...POSTING_KINDS)
        .optional(),
      account: string().optional(),
      page: pageInput,
    }),
  )
  .pattern(({ communityId, from, to, kind, account, page }) => {
    const filters = [
      ...(kind ? [{ attr: 'kind' as const, eq: kind }] : []),
      ...(account ? [{ attr: 'accountIds' as const, contains: account }] : []),
    ];
    return {
      index: 'GSI3',
      partition: ledgerPartition(communityId),
      ...period(from, to),
      options: {
        reverse: true,
        ...pageOptions(page),
        ...(filters.length
          ? { filters: { LedgerPosting: (filters.length === 1 ? filters[0] : { and: filters }) as never } }
          : {}),
      },
    };
  })
  .meta({ title: 'T10' });

/** T14 Every posting of a period, oldest first (the ledger export). */
export const postingsInPeriod = LedgerPostingEntity.build(AccessPattern)
  .schema(map({ communityId: string(), from: string().optional(), to: string().optional() }))
  .pattern(({ communityId, from, to }) => ({
    index: 'GSI3',
    partition: ledgerPartition(communityId),
    ...period(from, to),
    options: pageOptions(undefined),
  }))
  .meta({ title: 'T14' });

/** T11 Every posting of a community, read consistently (the audit). */
export const postingsOf = LedgerPostingEntity.build(AccessPattern)
  .schema(map({ communityId: string() }))
  .pattern(({ communityId }) => ({
    partition: ledgerPartition(communityId),
    options: { consistent: true, ...pageOptions(undefined) },
  }))
  .meta({ title: 'T11' });

/** T2 The postings that touch a resident account: those that name it first (GSI1) or second (GSI2). */
export const postingsTouching = LedgerPostingEntity.build(AccessPattern)
  .schema(map({ communityId: string(), accountId: string(), as: string().enum('first', 'second') }))
  .pattern(({ communityId, accountId, as }) => ({
    index: as === 'first' ? 'GSI1' : 'GSI2',
    partition: accountStatement(communityId, accountId),
    options: pageOptions(undefined),
  }))
  .meta({ title: 'T2' });
