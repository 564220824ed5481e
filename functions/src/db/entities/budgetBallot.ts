import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { list } from 'dynamodb-toolbox/schema/list';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';

/**
 * A budget ballot (选票): the projects chosen and their total, nothing about who or when. As in
 * 议事厅 (see Ballot): its key is the receipt (an HMAC under the ballot secret, not time-ordered), it
 * keeps no timestamps, and it sits in its own partition. Open (记名) rounds alone add the voter's label.
 */
export const BudgetBallotEntity = new Entity({
  name: 'BudgetBallot',
  table: LinliTable,
  timestamps: false,
  schema: item({
    communityId: string().key(),
    roundId: string().key(),
    receipt: string().key(),
    projectIds: list(string()),
    /** Whole 元: never more than the round's budget (checked before the put). */
    total: number(),
    voterLabel: string().optional(),
  }),
  computeKey: ({ communityId, roundId, receipt }) => ({ PK: budgetBallotsOf(communityId, roundId), SK: receipt }),
});
export const budgetBallots = BudgetBallotEntity.build(Repository);
export type BudgetBallotItem = FormattedItem<typeof BudgetBallotEntity>;
export const budgetBallotsOf = (communityId: string, roundId: string) => `C#${communityId}#BUDGET#${roundId}#BALLOTS`;
