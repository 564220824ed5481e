import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { record } from 'dynamodb-toolbox/schema/record';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageOptions } from '../page';

/**
 * 志愿服务队 (政策宣讲队, 治安巡逻队…): a team with its leaders, sharing a partition with its members.
 * The id derives from the name, so a community has one team of a name. GSI1 lists a community's teams.
 */
export const VolunteerTeamEntity = new Entity({
  name: 'VolunteerTeam',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    teamId: string().key(),
    name: string(),
    description: string(),
    /** Leaders by user id, with the nickname to show. */
    leaders: record(string(), string()).default({}),
    memberCount: number().default(0),
    createdBy: string(),
    createdAt: string(),
  }).and((prev) => ({
    GSI1PK: string()
      .hidden()
      .link<typeof prev>(({ communityId }) => teamsOf(communityId)),
    GSI1SK: string()
      .hidden()
      .link<typeof prev>(({ name, teamId }) => `${name}#${teamId}`),
  })),
  computeKey: ({ communityId, teamId }) => ({ PK: teamPartition(communityId, teamId), SK: 'TEAM' }),
});
export const volunteerTeams = VolunteerTeamEntity.build(Repository);
export type VolunteerTeamItem = FormattedItem<typeof VolunteerTeamEntity>;

export const teamPartition = (communityId: string, teamId: string) => `C#${communityId}#TEAM#${teamId}`;
export const teamsOf = (communityId: string) => `C#${communityId}#TEAMS`;

/** V12 A community's 服务队, by name. */
export const teamsOfCommunity = VolunteerTeamEntity.build(AccessPattern)
  .schema(map({ communityId: string() }))
  .pattern(({ communityId }) => ({ index: 'GSI1', partition: teamsOf(communityId), options: pageOptions(undefined) }))
  .meta({ title: 'V12' });
