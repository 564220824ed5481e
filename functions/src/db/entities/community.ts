import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { any } from 'dynamodb-toolbox/schema/any';
import { string } from 'dynamodb-toolbox/schema/string';
import { number } from 'dynamodb-toolbox/schema/number';
import { LinliTable } from '../table';

/** A residents' committee's community (社区). Listed in the directory via GSI1 (`COMMUNITIES`). */
export const CommunityEntity = new Entity({
  name: 'Community',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    name: string(),
    district: string(),
    street: string(),
    unitCount: number().default(0),
    area: number().default(0),
    ownerCount: number().default(0),
    /** Per-feature settings (categories, deadlines, thresholds); each feature parses its own part. */
    settings: any().optional(),
  }).and((prev) => ({
    GSI1PK: string()
      .hidden()
      .link<typeof prev>(() => 'COMMUNITIES'),
    GSI1SK: string()
      .hidden()
      .link<typeof prev>(({ name }) => name),
  })),
  computeKey: ({ communityId }) => ({ PK: `C#${communityId}`, SK: 'COMMUNITY' }),
});
export const communities = CommunityEntity.build(Repository);
export type CommunityItem = FormattedItem<typeof CommunityEntity>;
