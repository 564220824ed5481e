import * as z from 'zod/mini';
import { defineRoute, roles } from '../contracts/http';
import { BALLOT_KINDS } from '../agora/ballot';
import { requestIdSchema } from '../timebank/contracts';
import { id, instant, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { STREET_STAFF } from './contracts';

/*
 * 街道议事 (issue 15 §2): a street-wide consultation. The street office opens a street topic; it opens one
 * ordinary community poll per chosen community (each with its own electorate, secret ballots, receipts and
 * close-time recount), residents vote in their own community's poll, and the street result is the sum of
 * the community results once the last community's poll is published. Apart from contracts.ts so only the
 * street subpackage carries them; served by their own Lambda (`streetAgora`).
 */

const streetParams = z.strictObject({ streetId: id('街道') });
const topicParams = z.strictObject({ streetId: id('街道'), streetTopicId: id('街道议题') });

/** 一户一票 or 一人一票: a street consultation asks residents, not owners (no 专有部分面积 across communities). */
export const STREET_VOTE_BASES = ['household', 'person'] as const;
/** 意见征集 or 居民会议 (the rules that count residents); owners' rules need a community's own 业主大会. */
export const STREET_VOTE_PRESETS = ['consultation', 'residentsMeeting'] as const;

export const streetTopicBody = z
  .strictObject({
    requestId: requestIdSchema,
    title: text('议题标题', { max: 40 }),
    description: text('议题说明', { max: 1000, multiline: true }),
    basis: z.enum(STREET_VOTE_BASES, zh('投票方式')).check(z.meta({ title: '投票方式' })),
    preset: z
      ._default(z.enum(STREET_VOTE_PRESETS, zh('表决规则')), 'consultation')
      .check(z.meta({ title: '表决规则' })),
    ballot: z.strictObject({
      kind: z.enum(BALLOT_KINDS, zh('选票类型')).check(z.meta({ title: '选票类型' })),
      options: z
        ._default(z.array(text('选项', { max: 40 })).check(z.maxLength(20)), [])
        .check(z.meta({ title: '选项' })),
      maxChoices: z.optional(z.number(zh('最多可选')).check(z.int(), z.gte(1), z.lte(20))),
    }),
    opensAt: instant('投票开始时间'),
    closesAt: instant('投票截止时间'),
    /** Chosen communities of the street; none = every community of the street. */
    communityIds: z.optional(
      z.array(id('社区')).check(z.maxLength(50, { error: '最多选择 50 个社区' }), z.meta({ title: '社区' })),
    ),
  })
  .check(
    z.superRefine((v, ctx) => {
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
export type StreetTopicInput = z.output<typeof streetTopicBody>;

const optionCount = z.object({ optionId: z.string(), label: z.string(), heads: z.number() });

/** One community's counted poll, as the street sees it: counts only, never a ballot. */
export const streetTallyView = z.object({
  communityId: z.string(),
  name: z.string(),
  topicId: z.string(),
  /** 未截止 / 已公示. */
  published: z.boolean(),
  electorate: z.number(),
  ballots: z.number(),
  options: z.array(optionCount),
  /** The community's own conclusion under the rule (its 结论 sentence). */
  summary: z.optional(z.string()),
});

/** The street's sum: written once, when the last community's poll is published. */
export const streetSumView = z.object({
  countedAt: z.string(),
  electorate: z.number(),
  ballots: z.number(),
  options: z.array(optionCount),
});
export type StreetSum = z.output<typeof streetSumView>;

export const streetTopicView = z.object({
  streetTopicId: z.string(),
  streetName: z.string(),
  title: z.string(),
  description: z.string(),
  basis: z.enum(STREET_VOTE_BASES),
  preset: z.enum(STREET_VOTE_PRESETS),
  ballot: z.object({
    kind: z.enum(BALLOT_KINDS),
    options: z.array(z.object({ optionId: z.string(), label: z.string() })),
    maxChoices: z.number(),
  }),
  opensAt: z.string(),
  closesAt: z.string(),
  createdAt: z.string(),
  /** Communities whose poll is published so far, of `communities.length`. */
  counted: z.number(),
  communities: z.array(streetTallyView),
  total: z.optional(streetSumView),
});
export type StreetTopicView = z.output<typeof streetTopicView>;

export const streetTopicSummaryView = z.object({
  streetTopicId: z.string(),
  title: z.string(),
  basis: z.enum(STREET_VOTE_BASES),
  opensAt: z.string(),
  closesAt: z.string(),
  createdAt: z.string(),
  communities: z.number(),
  counted: z.number(),
  done: z.boolean(),
});

export const streetAgoraRoutes = {
  openStreetTopic: defineRoute({
    id: 'streets.openTopic',
    method: 'POST',
    path: '/streets/{streetId}/topics',
    summary: '发起街道议事：向所选社区（默认全街道）各开一场社区表决，结果按社区汇总',
    access: roles(STREET_STAFF),
    // One entry in the log of each chosen community, naming that community's poll.
    staffLog: { object: 'topic' },
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT'] },
    params: streetParams,
    body: streetTopicBody,
    response: streetTopicView,
  }),
  listStreetTopics: defineRoute({
    id: 'streets.listTopics',
    method: 'GET',
    path: '/streets/{streetId}/topics',
    summary: '街道议事列表（最新在前），含已公示的社区数',
    access: roles(STREET_STAFF),
    params: streetParams,
    response: z.object({ items: z.array(streetTopicSummaryView) }),
  }),
  getStreetTopic: defineRoute({
    id: 'streets.getTopic',
    method: 'GET',
    path: '/streets/{streetId}/topics/{streetTopicId}',
    summary: '街道议事详情：各社区的表决结果与全街道合计',
    access: roles(STREET_STAFF),
    params: topicParams,
    response: streetTopicView,
  }),
};
