import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageOptions } from '../page';
import { teamPartition } from './volunteerTeam';

/**
 * A person's place in a team: a pending request to join (the leader decides) or an active member or
 * leader. GSI2 lists a person's teams (the organiser check for team activities reads it).
 */
export const TeamMemberEntity = new Entity({
  name: 'TeamMember',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    teamId: string().key(),
    userId: string().key(),
    nickname: string(),
    status: string().enum('pending', 'active'),
    role: string().enum('leader', 'member'),
    requestedAt: string(),
    decidedAt: string().optional(),
    decidedBy: string().optional(),
  }).and((prev) => ({
    GSI2PK: string()
      .hidden()
      .link<typeof prev>(({ userId }) => `USER#${userId}`),
    GSI2SK: string()
      .hidden()
      .link<typeof prev>(({ communityId, teamId }) => `VTEAM#${communityId}#${teamId}`),
  })),
  computeKey: ({ communityId, teamId, userId }) => ({ PK: teamPartition(communityId, teamId), SK: `MEMBER#${userId}` }),
});
export const teamMembers = TeamMemberEntity.build(Repository);
export type TeamMemberItem = FormattedItem<typeof TeamMemberEntity>;

/** V12 A team's members and requests, read consistently. */
export const membersOfTeam = TeamMemberEntity.build(AccessPattern)
  .schema(map({ communityId: string(), teamId: string() }))
  .pattern(({ communityId, teamId }) => ({
    partition: teamPartition(communityId, teamId),
    range: { beginsWith: 'MEMBER#' },
    options: { consistent: true, ...pageOptions(undefined) },
  }))
  .meta({ title: 'V12' });

/** V12 / V1 / T15 The teams a person is in or asked to join (in one community, or in all for their data). */
export const teamPlacesOf = TeamMemberEntity.build(AccessPattern)
  .schema(map({ userId: string(), communityId: string().optional() }))
  .pattern(({ userId, communityId }) => ({
    index: 'GSI2',
    partition: `USER#${userId}`,
    range: { beginsWith: communityId ? `VTEAM#${communityId}#` : 'VTEAM#' },
    options: pageOptions(undefined),
  }))
  .meta({ title: 'V12' });
