import { accounts, normaliseCode } from '@linli/shared';
import { ledgerAccounts, type LedgerAccountItem } from '../db/entities/ledgerAccount';
import type { Draft } from '../db/draft';
import { badRequest } from '../http/errors';
import { isConditionFailure } from '../db/errors';
import { loadUser } from '../identity/principal';
import { accountCodeOf } from './ledger/accountCode';
import { timebank } from '../db/registries/timebank';

/**
 * A resident's points account, opened (balance 0) the first time they look at their wallet, so
 * their 积分账号 can be found before any points arrive. The conditional put makes opening idempotent;
 * postings create the account too when points arrive first.
 */
export async function openResidentAccount(communityId: string, userId: string): Promise<LedgerAccountItem> {
  const accountId = accounts.resident(userId);
  const { Item } = await ledgerAccounts.get({ communityId, accountId }, { consistent: true });
  if (Item) return Item;
  const fresh: Draft<LedgerAccountItem> = {
    communityId,
    accountId,
    balance: 0,
    movements: 0,
    // The 积分账号 and the owner: the entity's links index the account by both.
    userId,
    accountCode: accountCodeOf(communityId, userId),
  };
  try {
    await ledgerAccounts.put(fresh, { condition: { attr: 'accountId', exists: false } });
    return fresh as LedgerAccountItem;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return (await ledgerAccounts.get({ communityId, accountId }, { consistent: true })).Item as LedgerAccountItem;
  }
}

/** The user behind a 积分账号 in this community; a 400 on the given field when there is none. */
export async function resolveAccountCode(communityId: string, code: string, field: string): Promise<string> {
  const { Items = [] } = await timebank.query.accountsByCode({ communityId, code: normaliseCode(code) }).send();
  const owners = [...new Set(Items.flatMap((a) => (a.userId ? [a.userId] : [])))];
  if (owners.length !== 1 || !(await loadUser(owners[0] as string)))
    throw badRequest('找不到该积分账号，请核对', [{ field, message: '找不到该积分账号，请核对' }]);
  return owners[0] as string;
}

/** 王秀兰 → 王*兰, 王阿姨 → 王*姨, 小李 → 小*: enough to confirm, not enough to identify. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return `${name}*`;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
