import { COMMITTEE, holdsRole, type Principal } from '@linli/shared';
import { teamMembers } from '../db/entities/teamMember';
import { forbidden } from '../http/errors';
import { volunteer } from '../db/registries/volunteer';

/** Whose activities a person may organise: all of them (居委会), or those of the teams they lead. */
export interface OrganiserScope {
  committee: boolean;
  leaderOf: Set<string>;
}

export const mayOrganise = (scope: OrganiserScope, activity: { teamId?: string }) =>
  scope.committee || (!!activity.teamId && scope.leaderOf.has(activity.teamId));

/** For lists: one query of the person's teams (eventually consistent, which a list can afford). */
export async function organiserScope(principal: Principal, communityId: string): Promise<OrganiserScope> {
  const committee = holdsRole(principal, COMMITTEE, communityId);
  if (committee) return { committee, leaderOf: new Set() };
  const { Items = [] } = await volunteer.query.teamPlacesOf({ userId: principal.userId, communityId }).send();
  return {
    committee,
    leaderOf: new Set(Items.filter((m) => m.role === 'leader' && m.status === 'active').map((m) => m.teamId)),
  };
}

/** Leads this team right now (a consistent read: a leader removed a moment ago is refused). */
export async function leadsTeam(principal: Principal, communityId: string, teamId: string): Promise<boolean> {
  const { Item } = await teamMembers.get({ communityId, teamId, userId: principal.userId }, { consistent: true });
  return Item?.role === 'leader' && Item.status === 'active';
}

/** Object-level check for every organiser action: the committee, or a leader of the organising team. */
export async function assertOrganiser(
  principal: Principal,
  activity: { communityId: string; teamId?: string },
): Promise<void> {
  if (holdsRole(principal, COMMITTEE, activity.communityId)) return;
  if (activity.teamId && (await leadsTeam(principal, activity.communityId, activity.teamId))) return;
  throw forbidden('只有活动的组织者（居委会或服务队队长）可以操作');
}
