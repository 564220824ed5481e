import { accounts, expiringPoints } from '@linli/shared';
import { logger } from '../commons/logger';
import { accountMovements } from './ledger/statement';
import { executePosting, PostingRefused } from './ledger/posting';
import { getSettings } from './settings';
import { timebank } from '../db/registries/timebank';
import { roster } from '../db/registries/roster';

const addMonths = (d: Date, months: number) => {
  const x = new Date(d);
  x.setUTCMonth(x.getUTCMonth() + months);
  return x;
};

/**
 * 积分过期 for one community: for each resident account, the points credited before the cutoff that
 * are still unspent (oldest first) expire as a posting back to the issuing account. The statement
 * is read from an index, so the posting is conditioned on the account's movement count: if anything
 * moved since the statement was read, the account is left for tomorrow rather than guessed.
 */
export async function expireCommunity(communityId: string, now: Date): Promise<{ accounts: number; expired: number }> {
  const { expiry } = await getSettings(communityId);
  if (!expiry.enabled) return { accounts: 0, expired: 0 };
  const cutoff = addMonths(now, -expiry.months).toISOString();
  const day = now.toISOString().slice(0, 10);
  const { Items = [] } = await timebank.query
    .accountsOf({ communityId, residentsOnly: true, withBalance: true })
    .send();
  let touched = 0;
  let expired = 0;
  for (const account of Items) {
    const moves = await accountMovements(communityId, account.accountId);
    if (moves.length !== account.movements) continue;
    const amount = expiringPoints(moves, cutoff);
    if (amount <= 0) continue;
    try {
      const { outcome } = await executePosting(
        {
          communityId,
          idempotencyKey: `expire:${account.accountId}:${day}`,
          kind: 'expiry',
          entries: [
            { account: account.accountId, amount: -amount },
            { account: accounts.issuance, amount },
          ],
          memo: `${cutoff.slice(0, 10)} 前获得的积分已满 ${expiry.months} 个月，过期 ${amount} 积分`,
          at: now.toISOString(),
          refs: { cutoff },
        },
        { conditions: { [account.accountId]: { attr: 'movements', eq: account.movements } } },
      );
      if (outcome === 'posted') {
        touched++;
        expired += amount;
      }
    } catch (error) {
      if (!(error instanceof PostingRefused)) throw error;
      logger.info('expiry skipped: account moved meanwhile', { communityId, accountId: account.accountId });
    }
  }
  return { accounts: touched, expired };
}

/** Every community with expiry on (the directory lists them all). */
export async function expireAll(now: Date) {
  const { Items = [] } = await roster.query.communities({}).send();
  const results = [];
  for (const c of Items) results.push({ communityId: c.communityId, ...(await expireCommunity(c.communityId, now)) });
  return results;
}
