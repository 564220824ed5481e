import * as z from 'zod/mini';
import { defineRoute, page, roles } from '../contracts/http';
import { MEMBERS } from '../identity/roles';
import { cursor, id, pageLimit, text } from '../validation/fields';

/*
 * 征询意见: a topic's comments, served by their own Lambda (`agoraComments`) with WeChat's content check and
 * 举报与内容审核; neither answers with the topic's page. The mini-program calls them through `agoraRoutes`.
 */

const topicParams = z.strictObject({ communityId: id('社区'), topicId: id('议题') });
/** Sent by the client once per user action, so a retried request is recognised rather than repeated. */
const requestId = id('请求编号');

export const commentView = z.object({
  commentId: z.string(),
  kind: z.enum(['comment', 'suggestion']),
  body: z.string(),
  authorName: z.string(),
  /** 3栋居民 / 居委会 / 网格员: how a neighbour is recognised without a door number. */
  authorTag: z.string(),
  mine: z.boolean(),
  /** Held for review by WeChat's content check: only the author and the committee see it. */
  held: z.boolean(),
  /** 举报与内容审核: `hidden` 待复核 (others do not see it), `removed` 已移除; shown to the author and the committee. */
  moderation: z.optional(z.enum(['hidden', 'removed'])),
  createdAt: z.string(),
});
export type CommentView = z.output<typeof commentView>;

export const agoraCommentRoutes = {
  listComments: defineRoute({
    id: 'agora.listComments',
    method: 'GET',
    path: '/communities/{communityId}/agora/topics/{topicId}/comments',
    summary: '征询意见列表',
    access: roles(MEMBERS),
    params: topicParams,
    query: z.object({ cursor, limit: pageLimit }),
    response: page(commentView),
  }),
  addComment: defineRoute({
    id: 'agora.addComment',
    method: 'POST',
    path: '/communities/{communityId}/agora/topics/{topicId}/comments',
    summary: '发表意见',
    access: roles(MEMBERS),
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'] },
    params: topicParams,
    body: z.strictObject({
      body: text('意见', { max: 500, multiline: true }),
      kind: z._default(z.enum(['comment', 'suggestion']), 'comment').check(z.meta({ title: '类型' })),
      requestId,
    }),
    response: commentView,
  }),
};
