import { Entity } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { roundPartition } from './budgetRound';

/**
 * A ballot box of a round's vote: the guard every cast checks (open, and now inside the window), as
 * in 议事厅 (see BallotBox): several per round, each voter always using the same one (`boxOf`), so
 * concurrent casts rarely touch one guard item; opening and closing write all of them at once.
 */
export const BudgetBallotBoxEntity = new Entity({
  name: 'BudgetBallotBox',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    roundId: string().key(),
    box: number().key(),
    open: boolean(),
    opensAt: string(),
    closesAt: string(),
  }),
  computeKey: ({ communityId, roundId, box }) => ({ PK: roundPartition(communityId, roundId), SK: `BOX#${box}` }),
});
export const budgetBallotBoxes = BudgetBallotBoxEntity.build(Repository);
