import { parseRosterSheet, planRoster, PRIVACY_GUIDELINE, type Principal, type RosterPlan } from '@linli/shared';
import { communities } from '../src/db/entities/community';
import { openIdClaims } from '../src/db/entities/openIdClaim';
import { users, type UserItem } from '../src/db/entities/user';
import { loadUser, principalOf } from '../src/identity/principal';
import { writeRosterPlan } from '../src/roster/transfer/importRoster';
import { grantRole } from '../src/roster/staff';

let counter = 0;

/** A small community (two grids, two buildings, six units) written through the roster writer. */
export async function seedMiniCommunity(
  communityId = `c${Date.now().toString(36)}${counter++}`,
): Promise<{ communityId: string; plan: RosterPlan }> {
  await communities.put({ communityId, name: `测试社区${communityId}`, district: '测试区', street: '测试街道' });
  const parsed = parseRosterSheet([
    ['网格', '楼栋', '单元', '房号', '楼层', '建筑面积(㎡)', '业主姓名', '业主电话'],
    ['一网格', '1栋', '', '101', 1, 80, '业主甲', '13800000001'],
    ['一网格', '1栋', '', '102', 1, 90, '业主甲', '13800000001'],
    ['一网格', '1栋', '', '201', 2, 100, '业主乙', '13800000002'],
    ['二网格', '2栋', '', '101', 1, 60, '业主丙', '13800000003'],
    ['二网格', '2栋', '', '102', 1, 70, '', ''],
    ['二网格', '2栋', '', '201', 2, 75, '业主丁', ''],
  ]);
  if (parsed.problems.length) throw new Error(JSON.stringify(parsed.problems));
  const plan = planRoster(communityId, parsed.rows);
  await writeRosterPlan({ communityId, plan });
  return { communityId, plan };
}

export async function createUser(nickname = `用户${counter++}`): Promise<UserItem> {
  const userId = `t${Date.now().toString(36)}${(counter++).toString(36)}`;
  await users.put({
    userId,
    openid: `openid-${userId}`,
    nickname,
    largeText: false,
    grants: {},
    memberships: {},
    status: 'active',
    createdAt: new Date().toISOString(),
    privacyVersion: PRIVACY_GUIDELINE.version,
  });
  await openIdClaims.put({ openid: `openid-${userId}`, userId });
  return (await loadUser(userId))!;
}

/** Appoints a user and returns their fresh principal (as the next request would see it). */
export async function appoint(
  communityId: string,
  user: UserItem,
  role: 'gridWorker' | 'committee' | 'buildingHead' | 'street' | 'admin',
  scope: { gridId?: string; buildingId?: string } = {},
): Promise<Principal> {
  await grantRole({
    principal: { userId: 'fixture', grants: [], memberships: [] },
    communityId,
    input: { userId: user.userId, role, ...scope },
    now: new Date(),
  });
  return principalOf((await loadUser(user.userId))!);
}

export async function principalFor(userId: string): Promise<{ user: UserItem; principal: Principal }> {
  const user = (await loadUser(userId))!;
  return { user, principal: principalOf(user) };
}
