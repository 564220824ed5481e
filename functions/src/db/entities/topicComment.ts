import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageInput, pageOptions } from '../page';
import { topicPartition } from './topic';

/**
 * A deliberation comment or suggestion (征询意见). The id derives from the author's request id, so a
 * retried post lands on the same item. GSI1 lists a topic's comments in time order; GSI2 an author's
 * own comments (export and erasure).
 */
export const TopicCommentEntity = new Entity({
  name: 'TopicComment',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    topicId: string().key(),
    commentId: string().key(),
    /** The request that made it, fingerprinted with its idempotency key (http/idempotency.ts); absent before 2026-12. */
    requestFingerprint: string().optional(),
    authorId: string(),
    authorName: string(),
    authorTag: string(),
    kind: string().enum('comment', 'suggestion'),
    body: string(),
    /** `held`: WeChat's content check asked for review; only the author and the committee see it. */
    status: string().enum('visible', 'held'),
    createdAt: string(),
    /** 举报与内容审核: `hidden` pending review (reported by the threshold of residents), `removed` by staff; only the author and moderators see it then. */
    moderation: string().enum('hidden', 'removed').optional(),
  }).and((prev) => ({
    GSI1PK: string()
      .hidden()
      .link<typeof prev>(({ communityId, topicId }) => commentsOf(communityId, topicId)),
    GSI1SK: string()
      .hidden()
      .link<typeof prev>(({ createdAt, commentId }) => `${createdAt}#${commentId}`),
    GSI2PK: string()
      .hidden()
      .link<typeof prev>(({ authorId }) => `USER#${authorId}`)
      // Follows the author, also when erasure renames it (`erased`).
      .updateLink<typeof prev>(({ authorId }) => (typeof authorId === 'string' ? `USER#${authorId}` : undefined)),
    GSI2SK: string()
      .hidden()
      .link<typeof prev>(({ createdAt, commentId }) => `AGORA#COMMENT#${createdAt}#${commentId}`),
  })),
  computeKey: ({ communityId, topicId, commentId }) => ({
    PK: topicPartition(communityId, topicId),
    SK: `COMMENT#${commentId}`,
  }),
});
export const topicComments = TopicCommentEntity.build(Repository);
export type TopicCommentItem = FormattedItem<typeof TopicCommentEntity>;
export const commentsOf = (communityId: string, topicId: string) => `C#${communityId}#TOPIC#${topicId}#COMMENTS`;

/** A2 A topic's comments in time order, a page at a time. */
export const commentsOfTopic = TopicCommentEntity.build(AccessPattern)
  .schema(map({ communityId: string(), topicId: string(), page: pageInput }))
  .pattern(({ communityId, topicId, page }) => ({
    index: 'GSI1',
    partition: commentsOf(communityId, topicId),
    options: pageOptions(page),
  }))
  .meta({ title: 'A2' });

/** A13 A person's comments (export, erasure). */
export const commentsBy = TopicCommentEntity.build(AccessPattern)
  .schema(map({ userId: string() }))
  .pattern(({ userId }) => ({
    index: 'GSI2',
    partition: `USER#${userId}`,
    range: { beginsWith: 'AGORA#COMMENT#' },
    options: pageOptions(undefined),
  }))
  .meta({ title: 'A13' });
