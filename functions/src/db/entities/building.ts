import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { number } from 'dynamodb-toolbox/schema/number';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageOptions } from '../page';

/** A building (楼栋) in one grid. */
export const BuildingEntity = new Entity({
  name: 'Building',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    buildingId: string().key(),
    name: string(),
    gridId: string(),
    unitCount: number().default(0),
    area: number().default(0),
    /** Units with at least one bound resident; moved by the same transaction that binds the first one. */
    boundUnits: number().default(0),
  }),
  computeKey: ({ communityId, buildingId }) => ({ PK: `C#${communityId}`, SK: `BUILDING#${buildingId}` }),
});
export const buildings = BuildingEntity.build(Repository);
export type BuildingItem = FormattedItem<typeof BuildingEntity>;

/** #4 A community's buildings. */
export const buildingsOfCommunity = BuildingEntity.build(AccessPattern)
  .schema(map({ communityId: string() }))
  .pattern(({ communityId }) => ({
    partition: `C#${communityId}`,
    range: { beginsWith: 'BUILDING#' },
    options: pageOptions(undefined),
  }))
  .meta({ title: '#4' });
