import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { map } from 'dynamodb-toolbox/schema/map';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { roundPartition } from './budgetRound';

/**
 * An objection (异议) to a published selection, raised in the 7-day 公示 period, with the committee's
 * answer. The round counts the unanswered ones; 公示 does not end while any is open. GSI2: the
 * author's own objections (export and erasure).
 */
export const BudgetObjectionEntity = new Entity({
  name: 'BudgetObjection',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    roundId: string().key(),
    objectionId: string().key(),
    authorId: string(),
    authorTag: string(),
    projectId: string().optional(),
    projectTitle: string().optional(),
    body: string(),
    createdAt: string(),
    /** The keyed request's fingerprint: the same request id with another request is 409 (http/idempotency). */
    requestFingerprint: string().optional(),
    answer: map({ text: string(), by: string(), byName: string(), at: string() }).optional(),
  }).and((prev) => ({
    GSI2PK: string()
      .hidden()
      .link<typeof prev>(({ authorId }) => `USER#${authorId}`),
    GSI2SK: string()
      .hidden()
      .link<typeof prev>(({ createdAt, objectionId }) => `BUDGET#OBJECTION#${createdAt}#${objectionId}`),
  })),
  computeKey: ({ communityId, roundId, objectionId }) => ({
    PK: roundPartition(communityId, roundId),
    SK: `OBJECTION#${objectionId}`,
  }),
});
export const budgetObjections = BudgetObjectionEntity.build(Repository);
export type BudgetObjectionItem = FormattedItem<typeof BudgetObjectionEntity>;
