import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { CHECK_STATES } from './grievance';
import { grievancePartition } from './grievance';

/**
 * A message between a request's reporter and its handlers, in the request's partition. The id derives
 * from the author and the client's own message id, so a resent message lands on the same item.
 */
export const GrievanceMessageEntity = new Entity({
  name: 'GrievanceMessage',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    grievanceId: string().key(),
    messageId: string().key(),
    /** Absent once the author's account is erased. */
    authorId: string().optional(),
    authorName: string(),
    authorRole: string().enum('reporter', 'gridWorker', 'committee', 'street', 'admin'),
    text: string(),
    textCheck: string().enum(...CHECK_STATES),
    at: string(),
  }),
  computeKey: ({ communityId, grievanceId, messageId }) => ({
    PK: grievancePartition(communityId, grievanceId),
    SK: `MSG#${messageId}`,
  }),
});
export const grievanceMessages = GrievanceMessageEntity.build(Repository);
/** As services handle it: the created/modified stamps are the table's, not the domain's. */
export type GrievanceMessageItem = Omit<FormattedItem<typeof GrievanceMessageEntity>, 'created' | 'modified'>;
