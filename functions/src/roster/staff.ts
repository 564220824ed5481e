import { $remove, $set } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { grantKey, type Role, type RoleGrant } from '@linli/shared';
import { auditEvents } from '../db/entities/auditEvent';
import { buildings } from '../db/entities/building';
import { grids } from '../db/entities/grid';
import { owners } from '../db/entities/owner';
import { staffAssignments } from '../db/entities/staffAssignment';
import { users } from '../db/entities/user';
import { failedWrites, transact } from '../db/transactions';
import { ulid } from '../commons/ids';
import type { CommunityRequest } from '../commons/serviceRequest';
import { badRequest, conflict, notFound } from '../http/errors';
import { loadUsers } from '../identity/users';
import { roster } from '../db/registries/roster';
import { endSessions } from '../identity/sessions';
import { noteStaffChange } from '../db/staffLog';

/** Roles granted by appointment (resident comes from binding, volunteer from joining). */
type StaffRole = Exclude<Role, 'resident' | 'volunteer'>;

/** 任命 or 撤销: which person, which role, and where (a grid worker's grid, a 楼长's building). */
export interface RoleChangeRequest extends CommunityRequest {
  input: { userId: string; role: StaffRole; gridId?: string; buildingId?: string };
}

export async function listStaff(communityId: string) {
  const { Items = [] } = await roster.query.staff({ communityId }).send();
  const people = await loadUsers(Items.map((a) => a.userId));
  return {
    items: Items.map((a) => ({
      userId: a.userId,
      nickname: people.get(a.userId)?.nickname ?? '已注销用户',
      role: a.role,
      gridId: a.gridId,
      buildingId: a.buildingId,
    })),
  };
}

/**
 * 任命: the StaffAssignment (for listing) and the user's grant (for authorising) are written in
 * one transaction, so the two can never disagree.
 */
export async function grantRole({ principal, communityId, input, now }: RoleChangeRequest) {
  const grant: RoleGrant = {
    role: input.role,
    communityId,
    ...(input.role === 'gridWorker' ? { gridId: input.gridId } : {}),
    ...(input.role === 'buildingHead' ? { buildingId: input.buildingId } : {}),
  };
  if (grant.gridId && !(await grids.get({ communityId, gridId: grant.gridId })).Item)
    throw badRequest('网格不存在', [{ field: 'body.gridId', message: '网格不存在' }]);
  if (grant.buildingId && !(await buildings.get({ communityId, buildingId: grant.buildingId })).Item)
    throw badRequest('楼栋不存在', [{ field: 'body.buildingId', message: '楼栋不存在' }]);
  const key = grantKey(grant);
  noteStaffChange({
    before: {},
    after: { role: grant.role, gridId: grant.gridId, buildingId: grant.buildingId },
    objectId: input.userId,
    subjectUserId: input.userId,
  });
  const writes = {
    assignment: staffAssignments.transactPut(
      {
        communityId,
        grantKey: key,
        userId: input.userId,
        role: grant.role,
        gridId: grant.gridId,
        buildingId: grant.buildingId,
        grantedBy: principal.userId,
        grantedAt: now.toISOString(),
      },
      { condition: { attr: 'grantKey', exists: false } },
    ),
    user: users.transactUpdate(
      { userId: input.userId, grants: { [key]: $set(grant) } },
      { condition: { attr: 'status', eq: 'active' } },
    ),
    audit: auditEvents.transactPut({
      communityId,
      eventId: `${now.toISOString()}#${ulid()}`,
      actorId: principal.userId,
      action: 'grantRole',
      target: `${input.userId}:${key}`,
      at: now.toISOString(),
    }),
  };
  try {
    await transact(writes);
  } catch (error) {
    const failed = failedWrites(error, writes);
    if (failed?.has('assignment')) throw conflict('此人已担任该角色');
    if (failed?.has('user')) throw notFound('用户');
    throw error;
  }
  const nickname = (await loadUsers([input.userId])).get(input.userId)?.nickname ?? '';
  return { userId: input.userId, nickname, role: grant.role, gridId: grant.gridId, buildingId: grant.buildingId };
}

export async function revokeRole({ principal, communityId, input, now }: RoleChangeRequest) {
  const key = grantKey({ role: input.role, communityId, gridId: input.gridId, buildingId: input.buildingId });
  if (input.userId === principal.userId && input.role === 'committee')
    throw conflict('不能撤销自己的居委会角色，请由其他成员操作');
  noteStaffChange({
    before: { role: input.role, gridId: input.gridId, buildingId: input.buildingId },
    after: {},
    objectId: input.userId,
    subjectUserId: input.userId,
  });
  const writes = {
    assignment: staffAssignments.transactDelete(
      { communityId, grantKey: key },
      { condition: { attr: 'userId', eq: input.userId } },
    ),
    user: users.transactUpdate({ userId: input.userId, grants: { [key]: $remove() } }),
    audit: auditEvents.transactPut({
      communityId,
      eventId: `${now.toISOString()}#${ulid()}`,
      actorId: principal.userId,
      action: 'revokeRole',
      target: `${input.userId}:${key}`,
      at: now.toISOString(),
    }),
  };
  try {
    await transact(writes);
  } catch (error) {
    if (failedWrites(error, writes)?.has('assignment')) throw notFound('任命');
    throw error;
  }
  // The grant is gone from the user item every request reads; their sessions end too, so every device
  // signs in again and shows the account as it now is (no screen left open on a role it lost).
  await endSessions(input.userId);
  return { ok: true as const };
}

/** 查看完整号码: committee only, with a reason, and every look is on the audit record. */
export async function revealOwnerPhone({
  principal,
  communityId,
  ownerId,
  reason,
  now,
}: CommunityRequest & { ownerId: string; reason: string }) {
  const { Item: owner } = await owners.get({ communityId, ownerId });
  if (!owner) throw notFound('业主');
  await auditEvents.put({
    communityId,
    eventId: `${now.toISOString()}#${ulid()}`,
    actorId: principal.userId,
    action: 'revealOwnerPhone',
    target: ownerId,
    reason,
    at: now.toISOString(),
  });
  return { phone: owner.phone };
}
