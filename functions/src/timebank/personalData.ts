import { accounts } from '@linli/shared';
import { ledgerAccounts } from '../db/entities/ledgerAccount';
import { redemptionOrders } from '../db/entities/redemptionOrder';
import { ApiError } from '../http/errors';
import type { PersonalDataSection } from '../identity/personalData';
import { accountMovements } from './ledger/statement';
import { executePosting } from './ledger/posting';
import { cancelOrder } from './orders';
import { timebank } from '../db/registries/timebank';

async function pointsAccounts(userId: string) {
  const { Items = [] } = await timebank.query.pointsAccountsOf({ userId }).send();
  return Items;
}
async function orders(userId: string) {
  const { Items = [] } = await timebank.query.ordersOf({ userId }).send();
  return Items;
}

/** Tolerates what erasure meets on a retry: an order already closed. */
const settle = (work: Promise<unknown>) =>
  work.catch((error) => (error instanceof ApiError ? undefined : Promise.reject(error)));

/**
 * 积分 (the points half of the resident's "volunteering" section; sign-ups and teams are
 * volunteer/personalData.ts, and identity/personalDataSections.ts puts them together): points accounts
 * with their statements, and redemption orders. Erasure cancels unfulfilled orders (their points come
 * back first), moves the remaining balance to 爱心基金 as a closure posting, and removes the name from
 * the orders that stay; ledger entries keep only the account's opaque id.
 */
export const timebankSection: PersonalDataSection = {
  name: 'volunteering',
  async export(userId) {
    const [accts, myOrders] = await Promise.all([pointsAccounts(userId), orders(userId)]);
    return {
      pointsAccounts: await Promise.all(
        accts.map(async (a) => ({
          communityId: a.communityId,
          accountCode: a.accountCode,
          balance: a.balance,
          statement: await accountMovements(a.communityId, a.accountId),
        })),
      ),
      orders: myOrders.map(
        ({ communityId, orderCode, itemName, quantity, points, status, placedAt, fulfilledAt, cancelledAt }) => ({
          communityId,
          orderCode,
          itemName,
          quantity,
          points,
          status,
          placedAt,
          fulfilledAt,
          cancelledAt,
        }),
      ),
    };
  },
  async erase(userId, now) {
    const principal = { userId, grants: [], memberships: [] };
    for (const o of await orders(userId)) {
      if (o.status === 'placed' || o.status === 'ready')
        await settle(cancelOrder({ principal, communityId: o.communityId, orderCode: o.orderCode, now }));
      await redemptionOrders.update({ communityId: o.communityId, orderCode: o.orderCode, holderName: '已注销用户' });
    }
    for (const a of await pointsAccounts(userId)) {
      const { Item: fresh } = await ledgerAccounts.get(
        { communityId: a.communityId, accountId: a.accountId },
        { consistent: true },
      );
      const balance = fresh?.balance ?? 0;
      if (balance <= 0) continue;
      await executePosting({
        communityId: a.communityId,
        idempotencyKey: `closure:${userId}:${fresh?.movements ?? 0}`,
        kind: 'closure',
        entries: [
          { account: accounts.resident(userId), amount: -balance },
          { account: accounts.fund, amount: balance },
        ],
        memo: '账号注销，余额转入爱心基金',
        at: now.toISOString(),
      });
    }
  },
};
