import { $remove, $set } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { openIdClaims } from '../db/entities/openIdClaim';
import { erasureIndex, users, type UserItem } from '../db/entities/user';
import { transact } from '../db/transactions';
import { logger } from '../commons/logger';
import { personalDataSections } from './personalDataSections';
import { identity } from '../db/registries/identity';

// 个人数据导出与注销: every context's section (personalDataSections), so this module is kept out of the
// identity Lambda: the `personalData` Lambda and the erasure retry job import it.

export async function exportMyData(user: UserItem, now: Date) {
  const sections: Record<string, unknown> = {};
  for (const section of personalDataSections) sections[section.name] = await section.export(user.userId);
  return { exportedAt: now.toISOString(), sections };
}

/**
 * 注销账号. First, in one transaction, the account stops working (status, openid claim) and is
 * flagged for erasure; then every section erases its part; the flag is cleared last, so an
 * erasure interrupted part-way is finished by the scheduled retry (retryPendingErasures).
 */
export async function deleteAccount(user: UserItem, now: Date): Promise<void> {
  await transact({
    user: users.transactUpdate(
      {
        userId: user.userId,
        status: 'deleted',
        deletedAt: now.toISOString(),
        nickname: '已注销用户',
        openid: $remove(),
        avatarUrl: $remove(),
        phone: $remove(),
        realName: $remove(),
        ...erasureIndex.pending(user.userId),
      },
      { condition: { attr: 'status', eq: 'active' } },
    ),
    claim: user.openid ? openIdClaims.transactDelete({ openid: user.openid }) : undefined,
  });
  await eraseSections(user.userId, now);
}

async function eraseSections(userId: string, now: Date): Promise<void> {
  for (const section of personalDataSections) await section.erase(userId, now);
  await users.update({ userId, grants: $set({}), memberships: $set({}), ...erasureIndex.finished() });
  logger.info('account erased', { userId });
}

/** Finishes erasures a crash interrupted; run on a schedule. */
export async function retryPendingErasures(now: Date): Promise<number> {
  const { Items = [] } = await identity.query.pendingErasures({ page: { limit: 50 } }).send();
  for (const item of Items) await eraseSections(String(item.userId), now);
  return Items.length;
}
