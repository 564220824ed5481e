import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { ROLES } from '@linli/shared';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageOptions } from '../page';

/**
 * A staff role held in a community (网格员 for a grid, 楼长 for a building, 居委会). Written in the
 * same transaction as the User's `grants` map entry, so listing staff and authorising agree.
 */
export const StaffAssignmentEntity = new Entity({
  name: 'StaffAssignment',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    grantKey: string().key(),
    userId: string(),
    role: string().enum(...ROLES),
    gridId: string().optional(),
    buildingId: string().optional(),
    grantedBy: string(),
    grantedAt: string(),
  }),
  computeKey: ({ communityId, grantKey }) => ({ PK: `C#${communityId}`, SK: `STAFF#${grantKey}` }),
});
export const staffAssignments = StaffAssignmentEntity.build(Repository);
export type StaffAssignmentItem = FormattedItem<typeof StaffAssignmentEntity>;

/** #10 A community's staff (grid workers, building heads, committee). */
export const staffOfCommunity = StaffAssignmentEntity.build(AccessPattern)
  .schema(map({ communityId: string() }))
  .pattern(({ communityId }) => ({
    partition: `C#${communityId}`,
    range: { beginsWith: 'STAFF#' },
    options: pageOptions(undefined),
  }))
  .meta({ title: '#10' });
