import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { roundPartition } from './budgetRound';

/**
 * "Who voted" in a round: one per voter (a person or a household), keyed by the voter, so the
 * one-ballot rule is the condition on this item's put. It never holds the projects chosen or the
 * receipt; the ballot it goes with has no voter in it (see BudgetBallot). GSI2: the casting user's
 * votes, for "导出我的数据".
 */
export const BudgetParticipationEntity = new Entity({
  name: 'BudgetParticipation',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    roundId: string().key(),
    voterKey: string().key(),
    label: string(),
    /** The ballot's receipt derives from it (one ballot per voter: always 1 today). */
    version: number(),
    castBy: string().optional(),
    castByName: string(),
    castAt: string(),
    requestId: string(),
    /** The keyed request's fingerprint: the same request id with another request is 409 (http/idempotency). */
    requestFingerprint: string().optional(),
    GSI2PK: string().optional().hidden(),
    GSI2SK: string().optional().hidden(),
  }),
  computeKey: ({ communityId, roundId, voterKey }) => ({
    PK: roundPartition(communityId, roundId),
    SK: `VOTER#${voterKey}`,
  }),
});
export const budgetParticipations = BudgetParticipationEntity.build(Repository);
export type BudgetParticipationItem = FormattedItem<typeof BudgetParticipationEntity>;

export const voterIndexKeys = (p: { castBy: string; castAt: string; roundId: string }) => ({
  GSI2PK: `USER#${p.castBy}`,
  GSI2SK: `BUDGET#VOTE#${p.castAt}#${p.roundId}`,
});
