import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageOptions } from '../page';

/** A grid (网格, ~250 households) with its grid workers (as StaffAssignments). */
export const GridEntity = new Entity({
  name: 'Grid',
  table: LinliTable,
  schema: item({ communityId: string().key(), gridId: string().key(), name: string() }),
  computeKey: ({ communityId, gridId }) => ({ PK: `C#${communityId}`, SK: `GRID#${gridId}` }),
});
export const grids = GridEntity.build(Repository);
export type GridItem = FormattedItem<typeof GridEntity>;

/** #28 A community's grids (their names, for scopes, 评议 and 台账). */
export const gridsOfCommunity = GridEntity.build(AccessPattern)
  .schema(map({ communityId: string() }))
  .pattern(({ communityId }) => ({
    partition: `C#${communityId}`,
    range: { beginsWith: 'GRID#' },
    options: pageOptions(undefined),
  }))
  .meta({ title: '#28' });
