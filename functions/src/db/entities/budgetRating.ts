import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { RATINGS } from '@linli/shared';
import { LinliTable } from '../table';
import { roundPartition } from './budgetRound';

/**
 * A resident's 验收 rating of a finished project (满意 / 基本满意 / 不满意, as for a 诉求): once per
 * person, the key and a condition make it so, and the project's counts move in the same transaction.
 * GSI2: a user's ratings (export and erasure).
 */
export const BudgetRatingEntity = new Entity({
  name: 'BudgetRating',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    roundId: string().key(),
    projectId: string().key(),
    userId: string().key(),
    rating: string().enum(...RATINGS),
    comment: string().optional(),
    at: string(),
  }).and((prev) => ({
    GSI2PK: string()
      .hidden()
      .link<typeof prev>(({ userId }) => `USER#${userId}`),
    GSI2SK: string()
      .hidden()
      .link<typeof prev>(({ at, roundId, projectId }) => `BUDGET#RATING#${at}#${roundId}#${projectId}`),
  })),
  computeKey: ({ communityId, roundId, projectId, userId }) => ({
    PK: roundPartition(communityId, roundId),
    SK: `RATING#${projectId}#${userId}`,
  }),
});
export const budgetRatings = BudgetRatingEntity.build(Repository);
export type BudgetRatingItem = FormattedItem<typeof BudgetRatingEntity>;
