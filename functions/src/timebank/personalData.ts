import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { accounts } from '@linli/shared';
import { LedgerAccountEntity, ledgerAccounts } from '../db/entities/ledgerAccount';
import { RedemptionOrderEntity, redemptionOrders } from '../db/entities/redemptionOrder';
import { RegistrationEntity, registrations } from '../db/entities/registration';
import { TeamMemberEntity } from '../db/entities/teamMember';
import { LinliTable } from '../db/table';
import { ApiError } from '../http/errors';
import type { PersonalDataSection } from '../identity/personalData';
import { cancelSignUp } from '../volunteer/registrations';
import { leaveTeam } from '../volunteer/teams';
import { accountMovements } from './ledger/statement';
import { executePosting } from './ledger/posting';
import { cancelOrder } from './orders';

async function pointsAccounts(userId: string) {
  const { Items = [] } = await LinliTable.build(QueryCommand)
    .entities(LedgerAccountEntity)
    .query({ index: 'GSI2', partition: `USER#${userId}`, range: { beginsWith: 'TBACCT#' } })
    .options({ maxPages: Infinity })
    .send();
  return Items;
}
async function signUps(userId: string) {
  const { Items = [] } = await LinliTable.build(QueryCommand)
    .entities(RegistrationEntity)
    .query({ index: 'GSI2', partition: `USER#${userId}`, range: { beginsWith: 'VREG#' } })
    .options({ maxPages: Infinity })
    .send();
  return Items;
}
async function teamPlaces(userId: string) {
  const { Items = [] } = await LinliTable.build(QueryCommand)
    .entities(TeamMemberEntity)
    .query({ index: 'GSI2', partition: `USER#${userId}`, range: { beginsWith: 'VTEAM#' } })
    .options({ maxPages: Infinity })
    .send();
  return Items;
}
async function orders(userId: string) {
  const { Items = [] } = await LinliTable.build(QueryCommand)
    .entities(RedemptionOrderEntity)
    .query({ index: 'GSI2', partition: `USER#${userId}`, range: { beginsWith: 'TBORDER#' } })
    .options({ maxPages: Infinity })
    .send();
  return Items;
}

/** Tolerates what erasure meets on a retry: a sign-up already cancelled, an order already closed. */
const settle = (work: Promise<unknown>) =>
  work.catch((error) => (error instanceof ApiError ? undefined : Promise.reject(error)));

/**
 * 志愿服务与积分: sign-ups and hours, team memberships, points accounts with their statements, and
 * redemption orders. Erasure withdraws what is still open (sign-ups, team places, unfulfilled orders,
 * whose points come back first), moves the remaining balance to 爱心基金 as a closure posting, and
 * removes the name from the records that stay; ledger entries keep only the account's opaque id.
 */
export const timebankSection: PersonalDataSection = {
  name: 'volunteering',
  async export(userId) {
    const [accts, regs, teams, myOrders] = await Promise.all([
      pointsAccounts(userId),
      signUps(userId),
      teamPlaces(userId),
      orders(userId),
    ]);
    return {
      pointsAccounts: await Promise.all(
        accts.map(async (a) => ({
          communityId: a.communityId,
          accountCode: a.accountCode,
          balance: a.balance,
          statement: await accountMovements(a.communityId, a.accountId),
        })),
      ),
      signUps: regs.map(
        ({
          communityId,
          activityId,
          status,
          signedUpAt,
          checkedInAt,
          checkedOutAt,
          claimedMinutes,
          reviewStatus,
          approvedMinutes,
          points,
          reviewReason,
        }) => ({
          communityId,
          activityId,
          status,
          signedUpAt,
          checkedInAt,
          checkedOutAt,
          claimedMinutes,
          reviewStatus,
          approvedMinutes,
          points,
          reviewReason,
        }),
      ),
      teams: teams.map(({ communityId, teamId, status, role, requestedAt }) => ({
        communityId,
        teamId,
        status,
        role,
        requestedAt,
      })),
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
    for (const r of await signUps(userId)) {
      if (r.status !== 'cancelled' && !r.checkedInAt)
        await settle(cancelSignUp({ principal, communityId: r.communityId, activityId: r.activityId, now }));
      await registrations.update({
        communityId: r.communityId,
        activityId: r.activityId,
        userId,
        nickname: '已注销用户',
      });
    }
    for (const m of await teamPlaces(userId)) await leaveTeam(m.communityId, m.teamId, userId);
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
