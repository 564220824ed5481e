import { Entity } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { topicPartition } from './topic';

/**
 * A ballot box (投票箱): the guard every cast transaction checks (open, and now inside the window).
 * A poll has BALLOT_BOXES of them, each voter always using the same one, so concurrent casts rarely
 * touch the same guard item (on AWS, two transactions on one item cancel each other with
 * TransactionConflict); closing or rescheduling writes all of them in one transaction, so the switch
 * is still atomic.
 */
export const BallotBoxEntity = new Entity({
  name: 'BallotBox',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    topicId: string().key(),
    box: number().key(),
    open: boolean(),
    opensAt: string(),
    closesAt: string(),
  }),
  computeKey: ({ communityId, topicId, box }) => ({ PK: topicPartition(communityId, topicId), SK: `BOX#${box}` }),
});
export const ballotBoxes = BallotBoxEntity.build(Repository);

export { BALLOT_BOXES, boxOf, allBoxes } from '../ballotBoxNumbers';
