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

/**
 * A residents' committee's community (社区), created in a street (街道) by an administrator or the
 * street office (functions/src/streets/). Listed in the directory via GSI1 (`COMMUNITIES`), and per
 * street via GSI2 (`S#<streetId>#COMMUNITIES`, by name).
 */
export const CommunityEntity = new Entity({
  name: 'Community',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    name: string(),
    district: string(),
    /** The street's name (a snapshot for display). */
    street: string(),
    /** The street (街道) the community belongs to; set at creation and never changed. */
    streetId: string().optional(),
    /** The county-level 行政区划代码 (shared/src/streets/regionCode.ts). */
    regionCode: string().optional(),
    address: string().optional(),
    createdBy: string().optional(),
    createdAt: string().optional(),
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
    GSI2PK: string()
      .optional()
      .hidden()
      .link<typeof prev>(({ streetId }) => (streetId ? communitiesOfStreetPartition(streetId) : undefined)),
    GSI2SK: string()
      .optional()
      .hidden()
      .link<typeof prev>(({ streetId, name, communityId }) => (streetId ? `${name}#${communityId}` : undefined)),
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

const communitiesOfStreetPartition = (streetId: string) => `S#${streetId}#COMMUNITIES`;

/** S2 A street's communities by name (GSI2), without a Scan: the street page, the office's reach. */
export const communitiesOfStreet = CommunityEntity.build(AccessPattern)
  .schema(map({ streetId: string(), page: pageInput }))
  .pattern(({ streetId, page }) => ({
    index: 'GSI2',
    partition: communitiesOfStreetPartition(streetId),
    options: pageOptions(page),
  }))
  .meta({ title: 'S2' });
