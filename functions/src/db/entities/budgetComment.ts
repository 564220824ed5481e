import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { roundPartition } from './budgetRound';

/**
 * 评议 of a project: a resident's comment, or a 居民议事会 note the committee records. The id derives
 * from the author's request id, so a retried post lands on the same item; all of a project's comments
 * are one query (sorted by time when read). GSI2: an author's own comments (export and erasure).
 */
export const BudgetCommentEntity = new Entity({
  name: 'BudgetComment',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    roundId: string().key(),
    projectId: string().key(),
    commentId: string().key(),
    authorId: string(),
    authorName: string(),
    authorTag: string(),
    kind: string().enum('comment', 'councilNote'),
    body: string(),
    /** `held`: WeChat's content check asked for review; only the author and the committee see it. */
    status: string().enum('visible', 'held'),
    createdAt: string(),
    /** The keyed request's fingerprint: the same request id with another request is 409 (http/idempotency). */
    requestFingerprint: string().optional(),
  }).and((prev) => ({
    GSI2PK: string()
      .hidden()
      .link<typeof prev>(({ authorId }) => `USER#${authorId}`),
    GSI2SK: string()
      .hidden()
      .link<typeof prev>(({ createdAt, commentId }) => `BUDGET#COMMENT#${createdAt}#${commentId}`),
  })),
  computeKey: ({ communityId, roundId, projectId, commentId }) => ({
    PK: roundPartition(communityId, roundId),
    SK: `COMMENT#${projectId}#${commentId}`,
  }),
});
export const budgetComments = BudgetCommentEntity.build(Repository);
export type BudgetCommentItem = FormattedItem<typeof BudgetCommentEntity>;
