import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { list } from 'dynamodb-toolbox/schema/list';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';

/**
 * A registered owner (业主). One owner of several units is one head in an owners' decision, so the
 * owner, not the unit, is the voter there; the phone is for committee staff only.
 */
export const OwnerEntity = new Entity({
  name: 'Owner',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    ownerId: string().key(),
    name: string(),
    phone: string().optional(),
    unitIds: list(string()),
  }),
  computeKey: ({ communityId, ownerId }) => ({ PK: `C#${communityId}`, SK: `OWNER#${ownerId}` }),
});
export const owners = OwnerEntity.build(Repository);
export type OwnerItem = FormattedItem<typeof OwnerEntity>;
