import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageOptions } from '../page';
import { boolean } from 'dynamodb-toolbox/schema/boolean';

/**
 * The balance of a points account (a resident's, the issuing account, 爱心基金), moved by ADD in the
 * same transaction as the posting's entries; a debit of a resident or the fund carries the condition
 * `balance >= amount`. `movements` counts the postings applied, so a job can tell its reading of the
 * statement is complete. A resident account has a 积分账号 (GSI1) and is listed under its user (GSI2).
 * Catalogue stock balances live on the CatalogueItem.
 */
export const LedgerAccountEntity = new Entity({
  name: 'LedgerAccount',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    accountId: string().key(),
    balance: number().default(0),
    movements: number().default(0),
    userId: string().optional(),
    accountCode: string().optional(),
  }).and((prev) => ({
    // A resident account is findable by its 积分账号 and listed under its user, from whichever write
    // creates it: the wallet's put, or a posting's update (links on put, update links on update).
    GSI1PK: string()
      .optional()
      .hidden()
      .link<typeof prev>((a) => residentIndex(a)?.GSI1PK)
      .updateLink<typeof prev>((a) => residentIndex(a)?.GSI1PK),
    GSI1SK: string()
      .optional()
      .hidden()
      .link<typeof prev>((a) => residentIndex(a)?.GSI1SK)
      .updateLink<typeof prev>((a) => residentIndex(a)?.GSI1SK),
    GSI2PK: string()
      .optional()
      .hidden()
      .link<typeof prev>((a) => residentIndex(a)?.GSI2PK)
      .updateLink<typeof prev>((a) => residentIndex(a)?.GSI2PK),
    GSI2SK: string()
      .optional()
      .hidden()
      .link<typeof prev>((a) => residentIndex(a)?.GSI2SK)
      .updateLink<typeof prev>((a) => residentIndex(a)?.GSI2SK),
  })),
  computeKey: ({ communityId, accountId }) => ({ PK: accountsPartition(communityId), SK: accountId }),
});
export const ledgerAccounts = LedgerAccountEntity.build(Repository);
export type LedgerAccountItem = FormattedItem<typeof LedgerAccountEntity>;

export const accountsPartition = (communityId: string) => `C#${communityId}#TB#ACCOUNTS`;
export const accountCodeIndex = (communityId: string, code: string) => `C#${communityId}#TB#CODE#${code}`;

function residentIndex(a: { communityId?: unknown; userId?: unknown; accountCode?: unknown }) {
  const { communityId, userId, accountCode } = a;
  if (typeof communityId !== 'string' || typeof userId !== 'string' || typeof accountCode !== 'string')
    return undefined;
  return {
    GSI1PK: accountCodeIndex(communityId, accountCode),
    GSI1SK: 'ACCOUNT',
    GSI2PK: `USER#${userId}`,
    GSI2SK: `TBACCT#${communityId}`,
  };
}

/** T3 The account behind a 积分账号 (normalised). */
export const accountsByCode = LedgerAccountEntity.build(AccessPattern)
  .schema(map({ communityId: string(), code: string() }))
  .pattern(({ communityId, code }) => ({
    index: 'GSI1',
    partition: accountCodeIndex(communityId, code),
    options: pageOptions(undefined),
  }))
  .meta({ title: 'T3' });

/** T11 / T13 A community's points accounts (residents' only if asked, those with a balance if asked), read consistently. */
export const accountsOf = LedgerAccountEntity.build(AccessPattern)
  .schema(map({ communityId: string(), residentsOnly: boolean().optional(), withBalance: boolean().optional() }))
  .pattern(({ communityId, residentsOnly, withBalance }) => ({
    partition: accountsPartition(communityId),
    ...(residentsOnly ? { range: { beginsWith: 'r:' } } : {}),
    options: {
      consistent: true,
      ...pageOptions(undefined),
      ...(withBalance ? { filters: { LedgerAccount: { attr: 'balance', gt: 0 } } } : {}),
    },
  }))
  .meta({ title: 'T11' });

/** T15 A person's points accounts, in every community. */
export const pointsAccountsOf = LedgerAccountEntity.build(AccessPattern)
  .schema(map({ userId: string() }))
  .pattern(({ userId }) => ({
    index: 'GSI2',
    partition: `USER#${userId}`,
    range: { beginsWith: 'TBACCT#' },
    options: pageOptions(undefined),
  }))
  .meta({ title: 'T15' });
