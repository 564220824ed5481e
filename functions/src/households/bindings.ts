import { isMemberOfUnit, managedGrids, managesGrid, type Principal, type Relation, addDays } from '@linli/shared';
import { bindingIdOf, bindings, type BindingItem, type BindingStatus } from '../db/entities/binding';
import { communities } from '../db/entities/community';
import { invitations } from '../db/entities/invitation';
import { units } from '../db/entities/unit';
import { users, type UserItem } from '../db/entities/user';
import { loadUsers } from '../identity/users';
import { failedWrites, transact } from '../db/transactions';
import { noteStaffChange } from '../db/staffLog';
import { isConditionFailure } from '../db/errors';
import { notificationIntent } from '../notifications/outbox';
import { ApiError, conflict, forbidden, notFound } from '../http/errors';
import { humanCode } from '../commons/ids';
import type { CommunityRequest } from '../commons/serviceRequest';
import { bindUserToUnit } from './bindUnit';
import { bindingView } from './views';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { households } from '../db/registries/households';

const INVITATION_DAYS = 7;

async function householdOf(communityId: string, unitId: string) {
  const [{ Item: unit }, { Item: community }] = await Promise.all([
    units.get({ communityId, unitId }),
    communities.get({ communityId }),
  ]);
  if (!unit || !community) throw notFound('房屋');
  return { unit, communityName: community.name };
}

/** A signed-in resident's request (binding is not yet tied to a community they belong to). */
export interface ResidentRequest {
  user: UserItem;
  principal: Principal;
  now: Date;
}

/** 申请绑定: a resident asks to join a unit's household; one open request per (user, unit). */
export async function requestBinding({
  user,
  principal,
  input,
  now,
}: ResidentRequest & {
  input: { communityId: string; unitId: string; relation: Relation; realName: string; note?: string };
}) {
  if (isMemberOfUnit(principal, input.communityId, input.unitId)) throw conflict('您已经绑定了这套房屋');
  const { unit, communityName } = await householdOf(input.communityId, input.unitId);
  const item = {
    communityId: input.communityId,
    bindingId: bindingIdOf(user.userId, unit.unitId),
    userId: user.userId,
    unitId: unit.unitId,
    unitLabel: unit.label,
    communityName,
    buildingId: unit.buildingId,
    gridId: unit.gridId,
    relation: input.relation,
    ownerId: input.relation === 'owner' ? unit.ownerId : undefined,
    realName: input.realName,
    note: input.note,
    status: 'pending' as const,
    requestedAt: now.toISOString(),
    via: 'request' as const,
  };
  try {
    // A rejected request may be made again; a pending or approved one may not.
    await bindings.put(item, {
      condition: {
        or: [
          { attr: 'bindingId', exists: false },
          { attr: 'status', eq: 'rejected' },
        ],
      },
    });
  } catch (error) {
    if (isConditionFailure(error)) throw conflict('您已提交过这套房屋的绑定申请，请等待审核');
    throw error;
  }
  return bindingView({ ...item, reason: undefined, decidedAt: undefined, decidedBy: undefined } as BindingItem, user);
}

export async function listMyBindings(user: UserItem) {
  const { Items = [] } = await households.query
    .bindingsOfUser({ userId: user.userId, newestFirst: true, page: { limit: 50 } })
    .send();
  return { items: Items.map((b) => bindingView(b, user)) };
}

/** The approval queue; a grid worker's query reads only their grid's slice of the index. */
export async function listBindingQueue({
  principal,
  communityId,
  status,
  page,
}: Omit<CommunityRequest, 'now'> & { status: BindingStatus; page: { cursor?: string; limit: number } }) {
  const grids = managedGrids(principal, communityId);
  if (grids !== 'all' && grids.length === 0) throw forbidden();
  const prefixes = grids === 'all' ? [undefined] : grids;
  const items: BindingItem[] = [];
  let nextCursor: string | undefined;
  for (const gridId of prefixes) {
    const { Items = [], LastEvaluatedKey } = await households.query
      .bindingQueue({
        communityId,
        status,
        gridId,
        page: { limit: page.limit, start: prefixes.length === 1 ? decodeCursor(page.cursor) : undefined },
      })
      .send();
    items.push(...Items);
    if (prefixes.length === 1) nextCursor = encodeCursor(LastEvaluatedKey);
  }
  const applicants = await loadUsers(items.map((b) => b.userId));
  return { items: items.map((b) => bindingView(b, applicants.get(b.userId))), nextCursor };
}

/** 审核: approve (binds the household in the same transaction) or reject with a reason. */
export async function decideBinding({
  principal,
  communityId,
  bindingId,
  decision,
  now,
}: CommunityRequest & { bindingId: string; decision: { decision: 'approve' | 'reject'; reason?: string } }) {
  const { Item: binding } = await bindings.get({ communityId, bindingId }, { consistent: true });
  if (!binding) throw notFound('绑定申请');
  if (!managesGrid(principal, communityId, binding.gridId)) throw forbidden('只能审核本网格的申请');
  if (binding.status !== 'pending') throw conflict('该申请已被处理');

  const status: BindingStatus = decision.decision === 'approve' ? 'approved' : 'rejected';
  const decided = {
    communityId,
    bindingId,
    status,
    reason: decision.reason,
    decidedAt: now.toISOString(),
    decidedBy: principal.userId,
  };
  const markDecided = bindings.transactUpdate(decided, { condition: { attr: 'status', eq: 'pending' } });
  noteStaffChange({
    before: { status: binding.status },
    after: { status, reason: decision.reason },
    subjectUserId: binding.userId,
  });

  const { Item: applicant } = await users.get({ userId: binding.userId });
  const tellApplicant = notificationIntent(
    {
      communityId,
      event: status === 'approved' ? 'binding.approved' : 'binding.rejected',
      dedupeKey: `${bindingId}:${binding.requestedAt}`,
      recipientId: binding.userId,
      title: status === 'approved' ? '房屋绑定已通过' : '房屋绑定未通过',
      body:
        status === 'approved'
          ? `您已成功绑定 ${binding.unitLabel}`
          : `${binding.unitLabel} 的绑定申请未通过：${decision.reason ?? ''}`,
      link: '/pages/me/index',
      data: {
        unit: binding.unitLabel,
        result: status === 'approved' ? '已通过' : '未通过',
        note: decision.reason ?? '欢迎加入社区',
      },
    },
    now,
  );
  const decide = { binding: markDecided, notice: tellApplicant };
  try {
    if (status === 'approved') {
      if (!applicant || applicant.status !== 'active') throw conflict('申请人账号已注销');
      await bindUserToUnit(
        {
          user: applicant,
          household: await householdOf(communityId, binding.unitId),
          relation: binding.relation,
          ownerId: binding.ownerId,
          now,
        },
        decide,
      );
    } else {
      await transact(decide);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (failedWrites(error, decide)?.has('binding')) throw conflict('该申请已被处理');
    throw error;
  }
  return bindingView({ ...binding, ...decided }, applicant);
}

/** 邀请码: a one-time code for a unit, so a committee can bind a household in person. */
export async function createInvitation({
  principal,
  communityId,
  unitId,
  relation,
  now,
}: CommunityRequest & { unitId: string; relation: Relation }) {
  const { unit } = await householdOf(communityId, unitId);
  const expiresAt = addDays(now, INVITATION_DAYS);
  for (let attempt = 0; attempt < 3; attempt++) {
    const code = humanCode(8);
    try {
      // A transaction of one, so the staff-log entry commits with the code (a clash writes neither, and retries).
      await transact({
        invitation: invitations.transactPut(
          {
            code,
            communityId,
            unitId,
            relation,
            issuedBy: principal.userId,
            expiresAt: expiresAt.toISOString(),
            ttl: Math.floor(expiresAt.getTime() / 1000) + 86_400,
          },
          { condition: { attr: 'code', exists: false } },
        ),
      });
      return { code, expiresAt: expiresAt.toISOString(), unitLabel: unit.label };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  throw conflict('生成邀请码失败，请重试');
}

/** Redeems an invitation: the code is consumed and the household bound in one transaction. */
export async function redeemInvitation({
  user,
  principal,
  code,
  realName,
  now,
}: ResidentRequest & { code: string; realName: string }) {
  const { Item: invitation } = await invitations.get({ code }, { consistent: true });
  if (!invitation) throw notFound('邀请码');
  // A staff code (工作人员邀请码) names no unit: it is accepted on its own page.
  if (invitation.kind === 'staff' || !invitation.communityId || !invitation.unitId || !invitation.relation)
    throw conflict('这是工作人员邀请码，请在「我的 → 接受工作人员邀请」中使用');
  const { communityId, unitId, relation } = invitation;
  if (invitation.usedBy) throw conflict('该邀请码已被使用');
  if (invitation.expiresAt <= now.toISOString()) throw conflict('该邀请码已过期，请联系居委会重新生成');
  if (isMemberOfUnit(principal, communityId, unitId)) throw conflict('您已经绑定了这套房屋');

  const household = await householdOf(communityId, unitId);
  const { unit } = household;
  const binding: BindingItem = {
    communityId: unit.communityId,
    bindingId: bindingIdOf(user.userId, unit.unitId),
    userId: user.userId,
    unitId: unit.unitId,
    unitLabel: unit.label,
    communityName: household.communityName,
    buildingId: unit.buildingId,
    gridId: unit.gridId,
    relation: relation,
    ownerId: relation === 'owner' ? unit.ownerId : undefined,
    realName,
    status: 'approved',
    requestedAt: now.toISOString(),
    decidedAt: now.toISOString(),
    decidedBy: invitation.issuedBy,
    via: 'invitation',
  } as BindingItem;
  const redeem = {
    invitation: invitations.transactUpdate(
      { code, usedBy: user.userId, usedAt: now.toISOString() },
      {
        condition: {
          and: [
            { attr: 'usedBy', exists: false },
            { attr: 'expiresAt', gt: now.toISOString() },
          ],
        },
      },
    ),
    binding: bindings.transactPut(binding),
  };
  try {
    await bindUserToUnit({ user, household, relation: relation, now }, redeem);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (failedWrites(error, redeem)?.has('invitation')) throw conflict('该邀请码已被使用');
    throw error;
  }
  return bindingView(binding, user);
}
