import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { list } from 'dynamodb-toolbox/schema/list';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { roundPartition } from './budgetRound';

/**
 * A monthly progress report of a selected project (实施进度): % done and money spent so far (both
 * cumulative), a note and photos. One per project per China month — a second report in the same
 * month replaces it (a correction) — written with the project's latest figures in one transaction.
 */
export const BudgetProgressEntity = new Entity({
  name: 'BudgetProgress',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    roundId: string().key(),
    projectId: string().key(),
    /** `2026-11`, China time. */
    month: string().key(),
    percent: number(),
    /** Whole 元, cumulative. */
    spent: number(),
    note: string(),
    photoKeys: list(string()).default([]),
    by: string(),
    byName: string(),
    at: string(),
  }),
  computeKey: ({ communityId, roundId, projectId, month }) => ({
    PK: roundPartition(communityId, roundId),
    SK: `PROGRESS#${projectId}#${month}`,
  }),
});
export const budgetProgressReports = BudgetProgressEntity.build(Repository);
export type BudgetProgressItem = FormattedItem<typeof BudgetProgressEntity>;
