import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { any } from 'dynamodb-toolbox/schema/any';
import { string } from 'dynamodb-toolbox/schema/string';
import { number } from 'dynamodb-toolbox/schema/number';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageInput, pageOptions } from '../page';

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
      .link<typeof prev>(() => DIRECTORY),
    GSI1SK: string()
      .hidden()
      .link<typeof prev>(({ name }) => name),
  })),
  computeKey: ({ communityId }) => ({ PK: `C#${communityId}`, SK: 'COMMUNITY' }),
});
export const communities = CommunityEntity.build(Repository);
export type CommunityItem = FormattedItem<typeof CommunityEntity>;

/** The directory's partition: every community, by name. */
const DIRECTORY = 'COMMUNITIES';

/** #4 The directory: every community by name (also the scheduled jobs' round of communities). */
export const communitiesByName = CommunityEntity.build(AccessPattern)
  .schema(map({ page: pageInput }))
  .pattern(({ page }) => ({ index: 'GSI1', partition: DIRECTORY, options: pageOptions(page) }))
  .meta({ title: '#4' });
