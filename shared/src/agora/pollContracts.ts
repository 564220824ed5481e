import * as z from 'zod/mini';
import { defineRoute, roles } from '../contracts/http';
import { COMMITTEE } from '../identity/roles';
import { id, instant, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { BALLOT_KINDS } from './ballot';
import { MAX_OPTIONS } from './channels';
import { presetAllows } from './rules';
import { basisSchema } from './tabRoutes';
import { presetSchema, SOURCED_TOPIC_VOTE_LATER, topicScopeSchema, topicView } from './topicViews';

/*
 * 发起议题与设定表决: the committee creates a topic (with its vote, or from a 诉求), previews the electorate and
 * schedules the vote. Served by their own Lambda (`agoraPolls`): the vote's specification, the electorate count
 * and the 诉求 link, beside the topic page, were too much for the agora Lambda's size budget. The mini-program
 * calls them through `agoraRoutes`.
 */

const communityParams = z.strictObject({ communityId: id('社区') });
const topicParams = z.strictObject({ communityId: id('社区'), topicId: id('议题') });
/** Sent by the client once per user action, so a retried request is recognised rather than repeated. */
const requestId = id('请求编号');

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

export const agoraPollRoutes = {
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
};
