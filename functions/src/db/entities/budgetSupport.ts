import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { roundPartition } from './budgetRound';

/** One resident's 附议 of a project; the key makes it once per person. GSI2: a user's supports. */
export const BudgetSupportEntity = new Entity({
  name: 'BudgetSupport',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    roundId: string().key(),
    projectId: string().key(),
    userId: string().key(),
    at: string(),
  }).and((prev) => ({
    GSI2PK: string()
      .hidden()
      .link<typeof prev>(({ userId }) => `USER#${userId}`),
    GSI2SK: string()
      .hidden()
      .link<typeof prev>(({ at, roundId, projectId }) => `BUDGET#SUPPORT#${at}#${roundId}#${projectId}`),
  })),
  computeKey: ({ communityId, roundId, projectId, userId }) => ({
    PK: roundPartition(communityId, roundId),
    SK: `SUPPORT#${projectId}#${userId}`,
  }),
});
export const budgetSupports = BudgetSupportEntity.build(Repository);
export type BudgetSupportItem = FormattedItem<typeof BudgetSupportEntity>;
