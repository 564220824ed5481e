import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { RELATIONS } from '@linli/shared';
import { LinliTable } from '../table';

/**
 * A resident bound to a unit: the household (户) is the set of memberships of one unit. Base key
 * lists a household; GSI1 lists a community's members by building (electorates, broadcasts).
 */
export const MembershipEntity = new Entity({
  name: 'Membership',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    unitId: string().key(),
    userId: string().key(),
    buildingId: string(),
    gridId: string(),
    relation: string().enum(...RELATIONS),
    ownerId: string().optional(),
    since: string(),
  }).and((prev) => ({
    GSI1PK: string()
      .hidden()
      .link<typeof prev>(({ communityId }) => membersOfCommunity(communityId)),
    GSI1SK: string()
      .hidden()
      .link<typeof prev>(({ gridId, buildingId, unitId, userId }) => `${gridId}#${buildingId}#${unitId}#${userId}`),
  })),
  computeKey: ({ communityId, unitId, userId }) => ({ PK: `C#${communityId}#UNIT#${unitId}`, SK: `MEMBER#${userId}` }),
});
export const memberships = MembershipEntity.build(Repository);
export type MembershipItem = FormattedItem<typeof MembershipEntity>;
export const membersOfCommunity = (communityId: string) => `C#${communityId}#MEMBERS`;
