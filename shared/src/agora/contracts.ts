import * as z from 'zod/mini';
import { defineRoute, page, roles } from '../contracts/http';
import { COMMITTEE, MEMBERS } from '../identity/roles';
import { cursor, id, instant, pageLimit, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { BALLOT_KINDS } from './ballot';
import { MAX_OPTIONS, VOTE_CHANNELS } from './channels';
import { COMMITMENT_STATUSES } from './phases';
import { buildingTurnoutView, resultView } from './resultView';
import { presetAllows, RULE_PRESET_IDS } from './rules';
import { buildingsScopeSchema, communityScopeSchema, gridsScopeSchema, unitsScopeSchema } from './scopeSchemas';
import { agoraTabRoutes, basisSchema, topicSummaryView } from './tabRoutes';

const communityParams = z.strictObject({ communityId: id('社区') });
const topicParams = z.strictObject({ communityId: id('社区'), topicId: id('议题') });
/** Sent by the client once per user action, so a retried request is recognised rather than repeated. */
const requestId = id('请求编号');

export const topicScopeSchema = z
  .discriminatedUnion(
    'kind',
    [communityScopeSchema, gridsScopeSchema, buildingsScopeSchema, unitsScopeSchema],
    zh('议题范围'),
  )
  .check(z.meta({ title: '议题范围' }));

const presetSchema = z.enum(RULE_PRESET_IDS, zh('表决规则')).check(z.meta({ title: '表决规则' }));

export const voteSpecSchema = z
  .strictObject({
    scope: topicScopeSchema,
    basis: basisSchema,
    preset: presetSchema,
    ballot: z.strictObject({
      kind: z.enum(BALLOT_KINDS, zh('选票类型')).check(z.meta({ title: '选票类型' })),
      options: z
        ._default(z.array(text('选项', { max: 40 })).check(z.maxLength(MAX_OPTIONS)), [])
        .check(z.meta({ title: '选项' })),
      maxChoices: z
        .optional(z.number(zh('最多可选')).check(z.int(), z.gte(1), z.lte(MAX_OPTIONS)))
        .check(z.meta({ title: '最多可选' })),
    }),
    opensAt: instant('投票开始时间'),
    closesAt: instant('投票截止时间'),
    allowChanges: z._default(z.boolean(zh('允许改票')), false).check(z.meta({ title: '允许改票' })),
    secrecy: z._default(z.enum(['secret', 'open'], zh('是否记名')), 'secret').check(z.meta({ title: '是否记名' })),
  })
  .check(
    z.superRefine((v, ctx) => {
      if (!presetAllows(v.preset, v.basis))
        ctx.addIssue({
          code: 'custom',
          path: ['preset'],
          message: v.basis === 'owners' ? '业主表决请选择民法典第二百七十八条的规则' : '该规则只适用于业主表决',
        });
      if (v.ballot.kind !== 'approve') {
        if (v.ballot.options.length < 2)
          ctx.addIssue({ code: 'custom', path: ['ballot', 'options'], message: '请至少填写两个选项' });
        if (new Set(v.ballot.options).size !== v.ballot.options.length)
          ctx.addIssue({ code: 'custom', path: ['ballot', 'options'], message: '选项不能重复' });
        if ((v.ballot.maxChoices ?? 1) > v.ballot.options.length)
          ctx.addIssue({ code: 'custom', path: ['ballot', 'maxChoices'], message: '最多可选不能超过选项数' });
      }
      if (v.closesAt <= v.opensAt)
        ctx.addIssue({ code: 'custom', path: ['closesAt'], message: '投票截止时间须晚于开始时间' });
    }),
  );
export type VoteSpecInput = z.input<typeof voteSpecSchema>;
export type VoteSpec = z.output<typeof voteSpecSchema>;

export const electorateView = z.object({
  basis: basisSchema,
  /** Voters: people, households, or owner heads (a multi-unit owner once, developer-held units once). */
  heads: z.number(),
  units: z.number(),
  owners: z.number(),
  developerUnits: z.number(),
  /** Total registered area in ㎡. */
  area: z.number(),
  byBuilding: z.array(
    z.object({ buildingId: z.string(), name: z.string(), units: z.number(), heads: z.number(), area: z.number() }),
  ),
});
export type ElectorateView = z.output<typeof electorateView>;

const seatView = z.object({
  voterKey: z.string(),
  /** 3栋1单元201 (household), 业主 王秀兰 (owner), or the person's own name. */
  label: z.string(),
  status: z.enum(['open', 'voted']),
  castByName: z.optional(z.string()),
  castByMe: z.boolean(),
  castAt: z.optional(z.string()),
  channel: z.optional(z.enum(VOTE_CHANNELS)),
  canChange: z.boolean(),
});
export type SeatView = z.output<typeof seatView>;

/**
 * 来源诉求: the request (诉求) a topic was made from. Its number, category and excerpt only for a viewer
 * who may see the request; for anyone else `visible: false` and nothing else (a private request of
 * another household is neither linked nor described).
 */
export const topicSourceView = z.object({
  visible: z.boolean(),
  grievanceId: z.optional(z.string()),
  number: z.optional(z.string()),
  categoryLabel: z.optional(z.string()),
  excerpt: z.optional(z.string()),
});
export type TopicSource = z.output<typeof topicSourceView>;

/** Why a topic made from a request (诉求) is created without its vote (see createTopic). */
export const SOURCED_TOPIC_VOTE_LATER = '由诉求转来的议题先征询意见，表决请在议题创建后设定';

export const topicView = z.extend(topicSummaryView, {
  description: z.string(),
  sourceGrievance: z.optional(topicSourceView),
  proposedByName: z.optional(z.string()),
  /** The viewer proposed it (a proposal cannot be reported by its proposer). */
  proposedByMe: z.optional(z.boolean()),
  declineReason: z.optional(z.string()),
  summary: z.optional(z.object({ text: z.string(), publishedAt: z.string() })),
  vote: z.optional(
    z.object({
      scope: topicScopeSchema,
      basisLabel: z.string(),
      preset: presetSchema,
      legalBasis: z.string(),
      abstentionRule: z.string(),
      ballot: z.object({
        kind: z.enum(BALLOT_KINDS),
        options: z.array(z.object({ optionId: z.string(), label: z.string() })),
        maxChoices: z.number(),
      }),
      opensAt: z.string(),
      closesAt: z.string(),
      allowChanges: z.boolean(),
      secrecy: z.enum(['secret', 'open']),
      electorate: z.object({ heads: z.number(), area: z.number(), units: z.number(), frozenAt: z.string() }),
    }),
  ),
  scheduleChanges: z.array(
    z.object({
      action: z.enum(['closeNow', 'extend']),
      from: z.string(),
      to: z.string(),
      reason: z.string(),
      byName: z.string(),
      at: z.string(),
    }),
  ),
  /** Live turnout during voting (results stay hidden until close). */
  liveTurnout: z.optional(z.object({ heads: z.number(), area: z.number(), byBuilding: z.array(buildingTurnoutView) })),
  mySeats: z.array(seatView),
  supported: z.boolean(),
  result: z.optional(resultView),
  /** 街道议事: the street's sum over every chosen community, once the last community's poll is published. */
  streetTotal: z.optional(
    z.object({
      communities: z.number(),
      electorate: z.number(),
      ballots: z.number(),
      options: z.array(z.object({ optionId: z.string(), label: z.string(), heads: z.number() })),
    }),
  ),
  commitment: z.optional(z.object({ text: z.string(), status: z.enum(COMMITMENT_STATUSES), updatedAt: z.string() })),
  can: z.object({ manage: z.boolean(), recordPaper: z.boolean(), support: z.boolean(), comment: z.boolean() }),
});
export type TopicView = z.output<typeof topicView>;

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

/**
 * 议事厅's topics as the `agora` Lambda serves them: the list and the page, creating, proposing and supporting,
 * review, the electorate preview, scheduling, deliberation, the summary, closing early or extending, the
 * commitment and the settings. Voting and counting are `agoraVotingRoutes` (votingContracts.ts); the
 * mini-program calls both through `agoraRoutes` (routes.ts).
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
  createTopic: defineRoute({
    id: 'agora.createTopic',
    method: 'POST',
    path: '/communities/{communityId}/agora/topics',
    summary: '居委会发起议题（可同时设定表决）；由诉求转为议题时先征询，表决稍后设定',
    access: roles(COMMITTEE),
    staffLog: { object: 'topic' },
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT'], notFound: true },
    params: communityParams,
    body: z
      .strictObject({
        title: text('标题', { max: 50 }),
        description: text('议题说明', { max: 2000, multiline: true }),
        sourceGrievanceId: z.optional(id('来源诉求')),
        vote: z.optional(voteSpecSchema),
        requestId,
      })
      // The topic, its vote (six ballot boxes, turnout, notice) and the request's link would be 11 writes
      // in one transaction; a request becomes a topic in deliberation, and its vote is set afterwards.
      .check(z.refine((b) => !(b.sourceGrievanceId && b.vote), { error: SOURCED_TOPIC_VOTE_LATER, path: ['vote'] })),
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
  previewElectorate: defineRoute({
    id: 'agora.previewElectorate',
    method: 'POST',
    path: '/communities/{communityId}/agora/electorate-preview',
    summary: '预览选民名册',
    access: roles(COMMITTEE),
    staffLog: false, // counts the electorate; writes nothing
    params: communityParams,
    body: z.strictObject({ scope: topicScopeSchema, basis: basisSchema }),
    response: electorateView,
    successStatus: 200,
    rateLimit: 'none',
  }),
  scheduleVote: defineRoute({
    id: 'agora.scheduleVote',
    method: 'POST',
    path: '/communities/{communityId}/agora/topics/{topicId}/vote',
    summary: '设定表决（冻结名册）',
    access: roles(COMMITTEE),
    staffLog: { object: 'poll' },
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'] },
    params: topicParams,
    body: voteSpecSchema,
    response: topicView,
    successStatus: 200,
  }),
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
  changeSchedule: defineRoute({
    id: 'agora.changeSchedule',
    method: 'POST',
    path: '/communities/{communityId}/agora/topics/{topicId}/schedule',
    summary: '提前结束或延长投票',
    access: roles(COMMITTEE),
    staffLog: { object: 'poll' },
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'] },
    params: topicParams,
    body: z
      .strictObject({
        action: z.enum(['closeNow', 'extend']).check(z.meta({ title: '操作' })),
        closesAt: z.optional(instant('新的截止时间')),
        reason: text('原因', { max: 200 }),
      })
      .check(
        z.refine((b) => b.action !== 'extend' || !!b.closesAt, { error: '请填写新的截止时间', path: ['closesAt'] }),
      ),
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
