import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageInput, pageOptions } from '../page';

/**
 * A street office's area (街道): the communities (社区) it oversees, created by an administrator.
 * Listed for administrators through GSI1 (`STREETS`, by name).
 */
export const StreetEntity = new Entity({
  name: 'Street',
  table: LinliTable,
  schema: item({
    streetId: string().key(),
    name: string(),
    /** 所属区县, as people write it (福州市鼓楼区). */
    district: string(),
    /** The county-level 行政区划代码 the street lies in (shared/src/streets/regionCode.ts). */
    regionCode: string(),
    communityCount: number().default(0),
    createdBy: string(),
    createdAt: string(),
  }).and((prev) => ({
    GSI1PK: string()
      .hidden()
      .link<typeof prev>(() => STREETS),
    GSI1SK: string()
      .hidden()
      .link<typeof prev>(({ name, streetId }) => `${name}#${streetId}`),
  })),
  computeKey: ({ streetId }) => ({ PK: streetPartition(streetId), SK: 'STREET' }),
});
export const streets = StreetEntity.build(Repository);
export type StreetItem = FormattedItem<typeof StreetEntity>;

export const STREETS = 'STREETS';
export const streetPartition = (streetId: string) => `S#${streetId}`;

/** S1 Every street by name (an administrator's list; a few dozen per deployment). */
export const streetsByName = StreetEntity.build(AccessPattern)
  .schema(map({ page: pageInput }))
  .pattern(({ page }) => ({ index: 'GSI1', partition: STREETS, options: pageOptions(page) }))
  .meta({ title: 'S1' });
