import { $get, $set } from 'dynamodb-toolbox/entity/actions/update/symbols';
import type { GrievanceSettings } from '@linli/shared';
import { communities } from '../db/entities/community';
import { grids } from '../db/entities/grid';
import { badRequest } from '../http/errors';
import { noteStaffChange } from '../db/staffLog';
import { transact } from '../db/transactions';
import { forgetSettings, settingsOf } from './repository';

export async function getSettings(communityId: string): Promise<GrievanceSettings> {
  return (await settingsOf(communityId)).settings;
}

/**
 * Replaces the community's 诉求 settings. Categories are retired by turning them off, never deleted,
 * so every request keeps a readable category; routing may only name this community's grids and categories.
 */
export async function updateSettings(communityId: string, next: GrievanceSettings): Promise<GrievanceSettings> {
  const { settings: current } = await settingsOf(communityId, { fresh: true });
  const keys = new Set(next.categories.map((c) => c.key));
  const dropped = current.categories.filter((c) => !keys.has(c.key));
  if (dropped.length)
    throw badRequest(`类别“${dropped[0]!.label}”不能删除，请改为停用`, [
      { field: 'body.categories', message: '请停用而不是删除类别' },
    ]);
  const unknown = next.routing.committeeCategories.find((k) => !keys.has(k));
  if (unknown)
    throw badRequest('分派规则中的类别不存在', [
      { field: 'body.routing.committeeCategories', message: '分派规则中的类别不存在' },
    ]);
  if (next.routing.placeGridId) {
    const { Item } = await grids.get({ communityId, gridId: next.routing.placeGridId });
    if (!Item) throw badRequest('找不到该网格', [{ field: 'body.routing.placeGridId', message: '找不到该网格' }]);
  }
  // Other features keep their own parts of the settings map: make sure the map exists, then replace only ours.
  await communities.update({ communityId, settings: $get('settings', {}) });
  noteStaffChange({ before: current, after: next });
  await transact({
    settings: communities.transactUpdate(
      { communityId, settings: { grievances: $set(next) } },
      { condition: { attr: 'communityId', exists: true } },
    ),
  });
  forgetSettings(communityId);
  return next;
}
