import { Entity } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';

/** How many pieces of an item a person holds in open or fulfilled orders; its condition enforces 每人限兑. */
export const RedemptionCountEntity = new Entity({
  name: 'RedemptionCount',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    itemId: string().key(),
    userId: string().key(),
    count: number().default(0),
  }),
  computeKey: ({ communityId, itemId, userId }) => ({ PK: `C#${communityId}#TB#LIMIT#${itemId}`, SK: userId }),
});
export const redemptionCounts = RedemptionCountEntity.build(Repository);
