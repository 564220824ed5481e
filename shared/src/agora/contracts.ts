import * as z from 'zod/mini';
import { defineRoute, roles } from '../contracts/http';
import { COMMITTEE, MEMBERS } from '../identity/roles';
import { id, text } from '../validation/fields';
import { COMMITMENT_STATUSES } from './phases';
import { agoraTabRoutes } from './tabRoutes';
import { topicView } from './topicViews';

const communityParams = z.strictObject({ communityId: id('社区') });
const topicParams = z.strictObject({ communityId: id('社区'), topicId: id('议题') });
/** Sent by the client once per user action, so a retried request is recognised rather than repeated. */
const requestId = id('请求编号');

/**
 * 议事厅's topics as the `agora` Lambda serves them: the list and the page, proposing and supporting, review,
 * the summary, the commitment and the settings. The rest have routes modules (and Lambdas) of their own:
 * pollContracts.ts (creating, the electorate preview, scheduling the vote), commentContracts.ts,
 * scheduleContracts.ts (closing early or extending) and votingContracts.ts; the mini-program calls them all
 * through `agoraRoutes` (routes.ts).
 */
export const agoraTopicRoutes = {
  listTopics: agoraTabRoutes.listTopics,
  getTopic: defineRoute({
    id: 'agora.getTopic',
    method: 'GET',
    path: '/communities/{communityId}/agora/topics/{topicId}',
    summary: '议题详情、本户投票状态、参与率与结果',
    access: roles(MEMBERS),
    params: topicParams,
    response: topicView,
  }),

  proposeTopic: defineRoute({
    id: 'agora.proposeTopic',
    method: 'POST',
    path: '/communities/{communityId}/agora/proposals',
    summary: '居民提议',
    access: roles(['resident']),
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT'], notFound: true },
    params: communityParams,
    body: z.strictObject({
      title: text('标题', { max: 50 }),
      description: text('提议说明', { max: 2000, multiline: true }),
      requestId,
    }),
    response: topicView,
  }),
  supportTopic: defineRoute({
    id: 'agora.supportTopic',
    method: 'POST',
    path: '/communities/{communityId}/agora/topics/{topicId}/support',
    summary: '附议',
    access: roles(['resident']),
    answers: { conflicts: ['CONFLICT'] },
    params: topicParams,
    response: z.object({ count: z.number(), threshold: z.number(), queued: z.boolean() }),
    successStatus: 200,
  }),
  reviewProposal: defineRoute({
    id: 'agora.reviewProposal',
    method: 'POST',
    path: '/communities/{communityId}/agora/topics/{topicId}/review',
    summary: '受理或不采纳提议',
    access: roles(COMMITTEE),
    staffLog: { object: 'topic' },
    answers: { conflicts: ['CONFLICT'] },
    params: topicParams,
    body: z
      .strictObject({
        decision: z.enum(['accept', 'decline']).check(z.meta({ title: '受理结果' })),
        reason: z.optional(text('原因', { max: 200 })),
      })
      .check(z.refine((b) => b.decision === 'accept' || !!b.reason, { error: '不采纳时请写明原因', path: ['reason'] })),
    response: topicView,
    successStatus: 200,
  }),

  publishSummary: defineRoute({
    id: 'agora.publishSummary',
    method: 'POST',
    path: '/communities/{communityId}/agora/topics/{topicId}/summary',
    summary: '发布征询小结',
    access: roles(COMMITTEE),
    staffLog: { object: 'topic' },
    answers: { conflicts: ['CONFLICT'] },
    params: topicParams,
    body: z.strictObject({ text: text('征询小结', { max: 2000, multiline: true }) }),
    response: topicView,
    successStatus: 200,
  }),

  setCommitment: defineRoute({
    id: 'agora.setCommitment',
    method: 'POST',
    path: '/communities/{communityId}/agora/topics/{topicId}/commitment',
    summary: '落实承诺',
    access: roles(COMMITTEE),
    staffLog: { object: 'topic' },
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'] },
    params: topicParams,
    body: z.strictObject({
      text: text('落实承诺', { max: 500, multiline: true }),
      status: z.enum(COMMITMENT_STATUSES).check(z.meta({ title: '落实进度' })),
    }),
    response: topicView,
    successStatus: 200,
  }),
  getSettings: agoraTabRoutes.getSettings,
  updateSettings: agoraTabRoutes.updateSettings,
};
