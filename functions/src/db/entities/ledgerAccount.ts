import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';

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
    GSI1PK: string().optional().hidden(),
    GSI1SK: string().optional().hidden(),
    GSI2PK: string().optional().hidden(),
    GSI2SK: string().optional().hidden(),
  }),
  computeKey: ({ communityId, accountId }) => ({ PK: accountsPartition(communityId), SK: accountId }),
});
export const ledgerAccounts = LedgerAccountEntity.build(Repository);
export type LedgerAccountItem = FormattedItem<typeof LedgerAccountEntity>;

export const accountsPartition = (communityId: string) => `C#${communityId}#TB#ACCOUNTS`;
export const accountCodeIndex = (communityId: string, code: string) => `C#${communityId}#TB#CODE#${code}`;

/** Attributes that make a resident account findable; set on every update, since one may create it. */
export function residentAccountKeys(communityId: string, userId: string, accountCode: string) {
  return {
    userId,
    accountCode,
    GSI1PK: accountCodeIndex(communityId, accountCode),
    GSI1SK: 'ACCOUNT',
    GSI2PK: `USER#${userId}`,
    GSI2SK: `TBACCT#${communityId}`,
  };
}
