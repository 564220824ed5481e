import { $add, $remove } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { COMMITTEE, holdsRole, stableHash, type Principal } from '@linli/shared';
import { teamMembers, type TeamMemberItem } from '../db/entities/teamMember';
import { volunteerTeams, type VolunteerTeamItem } from '../db/entities/volunteerTeam';
import type { Draft } from '../db/draft';
import { failedWrites, transact } from '../db/transactions';
import { conflict, forbidden, notFound } from '../http/errors';
import { isConditionFailure } from '../db/errors';
import { loadUser } from '../identity/principal';
import { resolveAccountCode } from '../timebank/accounts';
import { leadsTeam } from './organisers';
import { grantVolunteer } from './registrations';
import { volunteer } from '../db/registries/volunteer';
import type { CommunityRequest } from '../commons/serviceRequest';
import { noteStaffChange } from '../db/staffLog';

/** A request about one 服务队. */
export interface TeamRequest extends CommunityRequest {
  teamId: string;
}

function teamView(t: Draft<VolunteerTeamItem>, userId: string, my?: Draft<TeamMemberItem>) {
  return {
    teamId: t.teamId,
    name: t.name,
    description: t.description,
    leaders: Object.entries(t.leaders).map(([id, nickname]) => ({ userId: id, nickname })),
    memberCount: t.memberCount,
    my: my?.status,
    isLeader: userId in t.leaders,
  };
}

async function loadTeam(communityId: string, teamId: string) {
  const { Item } = await volunteerTeams.get({ communityId, teamId }, { consistent: true });
  if (!Item) throw notFound('服务队');
  return Item;
}

/** 志愿服务队 of the community, with the caller's place in each. */
export async function listTeams(principal: Principal, communityId: string) {
  const [teams, mine] = await Promise.all([
    volunteer.query.teams({ communityId }).send(),
    volunteer.query.teamPlacesOf({ userId: principal.userId, communityId }).send(),
  ]);
  const my = new Map((mine.Items ?? []).map((m) => [m.teamId, m]));
  return { items: (teams.Items ?? []).map((t) => teamView(t, principal.userId, my.get(t.teamId))) };
}

/**
 * 成立服务队 with its first leader, named by their 积分账号. The id derives from the name, so one
 * community has one team of a name and a retried request makes one team.
 */
export async function createTeam({
  principal,
  communityId,
  input,
  now,
}: CommunityRequest & { input: { name: string; description: string; leaderAccountCode: string } }) {
  const leaderId = await resolveAccountCode(communityId, input.leaderAccountCode, 'body.leaderAccountCode');
  const leader = await loadUser(leaderId);
  if (!leader) throw notFound('队长');
  const teamId = `t${stableHash(`${communityId}|${input.name}`).slice(0, 12)}`;
  noteStaffChange({ objectId: teamId });
  const team: Draft<VolunteerTeamItem> = {
    communityId,
    teamId,
    name: input.name,
    description: input.description,
    leaders: { [leaderId]: leader.nickname },
    memberCount: 1,
    createdBy: principal.userId,
    createdAt: now.toISOString(),
  };
  const writes = {
    team: volunteerTeams.transactPut(team, { condition: { attr: 'teamId', exists: false } }),
    leader: teamMembers.transactPut({
      communityId,
      teamId,
      userId: leaderId,
      nickname: leader.nickname,
      status: 'active',
      role: 'leader',
      requestedAt: now.toISOString(),
      decidedAt: now.toISOString(),
      decidedBy: principal.userId,
    }),
    volunteer: grantVolunteer(leaderId, communityId),
  };
  try {
    await transact(writes);
  } catch (error) {
    const failed = failedWrites(error, writes);
    if (failed?.has('team')) throw conflict('已有同名的服务队');
    if (failed?.has('volunteer')) throw notFound('队长');
    throw error;
  }
  return teamView(team, principal.userId);
}

/** 申请加入: a pending membership the leader decides on; asking again changes nothing. */
export async function joinTeam({
  user,
  communityId,
  teamId,
  now,
}: Omit<TeamRequest, 'principal'> & { user: { userId: string; nickname: string } }) {
  const team = await loadTeam(communityId, teamId);
  const request: Draft<TeamMemberItem> = {
    communityId,
    teamId,
    userId: user.userId,
    nickname: user.nickname,
    status: 'pending',
    role: 'member',
    requestedAt: now.toISOString(),
  };
  try {
    await teamMembers.put(request, { condition: { attr: 'userId', exists: false } });
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  const { Item: mine } = await teamMembers.get({ communityId, teamId, userId: user.userId }, { consistent: true });
  return teamView(team, user.userId, mine);
}

async function assertTeamManager(principal: Principal, communityId: string, teamId: string) {
  if (holdsRole(principal, COMMITTEE, communityId)) return;
  if (!(await leadsTeam(principal, communityId, teamId))) throw forbidden('只有队长或居委会可以管理服务队成员');
}

export async function listTeamMembers(principal: Principal, communityId: string, teamId: string) {
  await loadTeam(communityId, teamId);
  await assertTeamManager(principal, communityId, teamId);
  const { Items = [] } = await volunteer.query.membersOfTeam({ communityId, teamId }).send();
  return {
    items: Items.sort((a, b) =>
      a.status === b.status ? (a.requestedAt < b.requestedAt ? -1 : 1) : a.status === 'pending' ? -1 : 1,
    ).map((m) => ({
      userId: m.userId,
      nickname: m.nickname,
      status: m.status,
      role: m.role,
      requestedAt: m.requestedAt,
    })),
  };
}

/** 审核入队: approval makes the member active and a volunteer in one transaction; rejection removes the request. */
export async function decideTeamMember({
  principal,
  communityId,
  teamId,
  userId,
  decision,
  now,
}: TeamRequest & { userId: string; decision: 'approve' | 'reject' }) {
  await loadTeam(communityId, teamId);
  await assertTeamManager(principal, communityId, teamId);
  const { Item: request } = await teamMembers.get({ communityId, teamId, userId }, { consistent: true });
  if (!request) throw notFound('入队申请');
  if (request.status === 'active') {
    if (decision === 'approve') return teamView(await loadTeam(communityId, teamId), principal.userId);
    throw conflict('此人已是队员');
  }
  const pending = { condition: { attr: 'status', eq: 'pending' } } as const;
  try {
    if (decision === 'approve') {
      await transact({
        member: teamMembers.transactUpdate(
          { communityId, teamId, userId, status: 'active', decidedAt: now.toISOString(), decidedBy: principal.userId },
          pending,
        ),
        team: volunteerTeams.transactUpdate(
          { communityId, teamId, memberCount: $add(1) },
          { condition: { attr: 'teamId', exists: true } },
        ),
        volunteer: grantVolunteer(userId, communityId),
      });
    } else {
      await teamMembers.delete({ communityId, teamId, userId }, pending);
    }
  } catch (error) {
    // The request was decided meanwhile (or the team or the account went): either way, not this one's to decide.
    if (isConditionFailure(error)) throw conflict('该申请已被处理');
    throw error;
  }
  return teamView(await loadTeam(communityId, teamId), principal.userId);
}

/**
 * 指定队长: the committee names an active member as a leader (a team may have several) — how a team
 * whose leader left or deleted their account gets one again. Member and team change in one
 * transaction; naming the same leader again changes nothing.
 */
export async function setTeamLeader({ principal, communityId, teamId, userId, now }: TeamRequest & { userId: string }) {
  await loadTeam(communityId, teamId);
  const { Item: member } = await teamMembers.get({ communityId, teamId, userId }, { consistent: true });
  if (!member || member.status !== 'active') throw conflict('只能从本队现有队员中指定队长');
  if (member.role !== 'leader') {
    try {
      await transact({
        member: teamMembers.transactUpdate(
          { communityId, teamId, userId, role: 'leader', decidedAt: now.toISOString(), decidedBy: principal.userId },
          {
            condition: {
              and: [
                { attr: 'status', eq: 'active' },
                { attr: 'role', eq: 'member' },
              ],
            },
          },
        ),
        team: volunteerTeams.transactUpdate(
          { communityId, teamId, leaders: { [userId]: member.nickname } },
          { condition: { attr: 'teamId', exists: true } },
        ),
      });
    } catch (error) {
      if (!failedWrites(error)) throw error;
      const { Item: fresh } = await teamMembers.get({ communityId, teamId, userId }, { consistent: true });
      if (fresh?.role !== 'leader') throw conflict('该队员刚刚已离队，请刷新');
    }
  }
  return teamView(await loadTeam(communityId, teamId), principal.userId);
}

/**
 * 离队 (on account erasure): the membership goes, and with an active one the team's `memberCount` and,
 * for a leader, the name in `leaders` — in one transaction conditioned on the status read, so a
 * request approved meanwhile is counted right. Leaving twice is a no-op.
 */
export async function leaveTeam(communityId: string, teamId: string, userId: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const { Item: m } = await teamMembers.get({ communityId, teamId, userId }, { consistent: true });
    if (!m) return;
    const active = m.status === 'active';
    const leader = m.role === 'leader';
    try {
      await transact({
        member: teamMembers.transactDelete(
          { communityId, teamId, userId },
          {
            condition: {
              and: [
                { attr: 'status', eq: m.status },
                { attr: 'role', eq: m.role },
              ],
            },
          },
        ),
        team:
          active || leader
            ? volunteerTeams.transactUpdate(
                {
                  communityId,
                  teamId,
                  ...(active ? { memberCount: $add(-1) } : {}),
                  ...(leader ? { leaders: { [userId]: $remove() } } : {}),
                },
                { condition: active ? { attr: 'memberCount', gt: 0 } : { attr: 'teamId', exists: true } },
              )
            : undefined,
      });
      return;
    } catch (error) {
      if (!failedWrites(error)) throw error;
    }
  }
  throw conflict('服务队成员变化较快，请稍后重试');
}
