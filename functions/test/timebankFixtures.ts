import { addHours, addMinutes, grantKey, type Principal, type Role } from '@linli/shared';
import { communities } from '../src/db/entities/community';
import { users, type UserItem } from '../src/db/entities/user';
import { principalOf } from '../src/identity/principal';
import type { createActivity } from '../src/volunteer/activities';

/** People and a community for the volunteer and time-bank service tests (no roster needed). */
export async function givenCommunity(communityId = 'c1') {
  await communities.put({ communityId, name: '测试社区', district: '鼓楼区', street: '东街街道' });
  return communityId;
}

export async function givenPerson(
  userId: string,
  communityId: string,
  roles: Role[] = ['resident'],
  nickname = userId,
): Promise<{ user: UserItem; principal: Principal }> {
  await users.put({
    userId,
    nickname,
    largeText: false,
    grants: Object.fromEntries(roles.map((role) => [grantKey({ role, communityId }), { role, communityId }])),
    memberships: {},
    status: 'active',
    createdAt: new Date().toISOString(),
  });
  const { Item } = await users.get({ userId }, { consistent: true });
  return { user: Item as UserItem, principal: principalOf(Item as UserItem) };
}

export const hours = (h: number, from = new Date()) => addHours(from, h);
export const minutes = (m: number, from = new Date()) => addMinutes(from, m);

type ActivityDraft = Parameters<typeof createActivity>[0]['input'];

/** An activity two days after `from`, two hours long: two seats, sign-up closing an hour before, 10 points an hour. */
export const activityDraft = (title: string, from: Date, overrides: Partial<ActivityDraft> = {}): ActivityDraft => ({
  title,
  description: '说明',
  category: 'environment',
  place: '小区广场',
  startAt: hours(48, from).toISOString(),
  endAt: hours(50, from).toISOString(),
  signUpDeadline: hours(47, from).toISOString(),
  capacity: 2,
  cancelCutoffHours: 2,
  pointsRule: { kind: 'perHour', rate: 10 },
  ...overrides,
});
