import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';

/** A grid (网格, ~250 households) with its grid workers (as StaffAssignments). */
export const GridEntity = new Entity({
  name: 'Grid',
  table: LinliTable,
  schema: item({ communityId: string().key(), gridId: string().key(), name: string() }),
  computeKey: ({ communityId, gridId }) => ({ PK: `C#${communityId}`, SK: `GRID#${gridId}` }),
});
export const grids = GridEntity.build(Repository);
export type GridItem = FormattedItem<typeof GridEntity>;
