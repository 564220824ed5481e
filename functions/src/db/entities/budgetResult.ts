import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { any } from 'dynamodb-toolbox/schema/any';
import { item } from 'dynamodb-toolbox/schema/item';
import { list } from 'dynamodb-toolbox/schema/list';
import { string } from 'dynamodb-toolbox/schema/string';
import type { BudgetResultView } from '@linli/shared';
import { LinliTable } from '../table';
import { roundPartition } from './budgetRound';

/**
 * The published selection of a round (评选结果): written once, on the condition that it does not
 * exist, and never updated — the authority on which projects were selected. `digest` fingerprints
 * the ballots it was counted from.
 */
export const BudgetResultEntity = new Entity({
  name: 'BudgetResult',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    roundId: string().key(),
    countedAt: string(),
    digest: string(),
    selected: list(string()),
    /** The BudgetResultView as published. */
    result: any(),
  }),
  computeKey: ({ communityId, roundId }) => ({ PK: roundPartition(communityId, roundId), SK: 'RESULT' }),
});
export const budgetResults = BudgetResultEntity.build(Repository);
export type BudgetResultItem = FormattedItem<typeof BudgetResultEntity>;
export const budgetResultOf = (r: BudgetResultItem) => r.result as BudgetResultView;
