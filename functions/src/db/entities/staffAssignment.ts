import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { ROLES } from '@linli/shared';
import { LinliTable } from '../table';

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
