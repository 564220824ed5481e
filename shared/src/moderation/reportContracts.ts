import * as z from 'zod/mini';
import { defineRoute, page, roles } from '../contracts/http';
import { COMMITTEE, MEMBERS } from '../identity/roles';
import { cursor, id, pageLimit, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { HELD_GRIEVANCE_PARTS, MODERATED_KINDS, REPORT_REASONS } from './reports';

/**
 * 举报与内容审核: residents report public content of 诉求 and 议事; the committee works one queue of
 * held and reported items and decides 恢复 or 移除; every decision is kept in the moderation log.
 */
const communityParams = z.strictObject({ communityId: id('社区') });

const reportable = [
  z.strictObject({ kind: z.literal('grievance'), grievanceId: id('诉求') }),
  z.strictObject({ kind: z.literal('topic'), topicId: id('议题') }),
  z.strictObject({ kind: z.literal('topicComment'), topicId: id('议题'), commentId: id('意见') }),
] as const;

/** What a resident reports: public content only. */
export const reportTarget = z.discriminatedUnion('kind', [...reportable], zh('举报内容'));

/** What the queue and a decision name: reportable content, or 诉求 content WeChat's check held (人工复核). */
export const moderationTarget = z.discriminatedUnion(
  'kind',
  [
    ...reportable,
    z.strictObject({
      kind: z.literal('grievanceContent'),
      grievanceId: id('诉求'),
      part: z.enum(HELD_GRIEVANCE_PARTS, zh('复核内容')),
      /** The message or photo (absent for the description). */
      partId: z.optional(id('留言或照片')),
    }),
  ],
  zh('审核内容'),
);

const reason = z.enum(REPORT_REASONS, zh('举报理由')).check(z.meta({ title: '举报理由' }));
const reasonCount = z.object({ reason: z.enum(REPORT_REASONS), count: z.number() });

export const reportReceiptView = z.object({
  target: reportTarget,
  reason: z.enum(REPORT_REASONS),
  reportedAt: z.string(),
});
export type ReportReceipt = z.output<typeof reportReceiptView>;

/** One item of the 内容审核 queue: held by the content check, reported by residents, or both. */
export const moderationItemView = z.object({
  target: moderationTarget,
  kind: z.enum(MODERATED_KINDS),
  /** The topic's or request's title, for context. */
  context: z.string(),
  text: z.string(),
  /** A short-lived link to a held 诉求 photo. */
  imageUrl: z.optional(z.string()),
  authorName: z.string(),
  /** Held by WeChat's content check (议事 comments, 诉求 descriptions, messages, photos waiting for a person's judgement). */
  held: z.boolean(),
  /** Hidden from others: reported by as many residents as the community's threshold. */
  hidden: z.boolean(),
  reportCount: z.number(),
  reasons: z.array(reasonCount),
  /** What reporters added in their own words. */
  notes: z.array(z.string()),
  openedAt: z.string(),
});
export type ModerationItem = z.output<typeof moderationItemView>;

/** A decision as the moderation log keeps it: the original text, who decided, when and why. */
export const moderationLogEntryView = z.object({
  entryId: z.string(),
  target: moderationTarget,
  kind: z.enum(MODERATED_KINDS),
  context: z.string(),
  text: z.string(),
  authorName: z.string(),
  decision: z.enum(['restore', 'remove']),
  reason: z.optional(z.string()),
  decidedBy: z.string(),
  decidedAt: z.string(),
  reportCount: z.number(),
  reasons: z.array(reasonCount),
  held: z.boolean(),
});
export type ModerationLogEntry = z.output<typeof moderationLogEntryView>;

export const moderationRoutes = {
  report: defineRoute({
    id: 'moderation.report',
    method: 'POST',
    path: '/communities/{communityId}/moderation/reports',
    summary: '举报公开内容（公开诉求、居民提议的议题、议事意见）：每人每条一次，达到人数后先隐藏待复核',
    access: roles(MEMBERS),
    answers: { conflicts: ['CONFLICT', 'ALREADY_REPORTED'], notFound: true, forbidden: true },
    params: communityParams,
    body: z.strictObject({
      target: reportTarget,
      reason,
      note: z.optional(text('补充说明', { max: 200, multiline: true })),
    }),
    response: reportReceiptView,
  }),
  queue: defineRoute({
    id: 'moderation.queue',
    method: 'GET',
    path: '/communities/{communityId}/moderation/queue',
    summary: '内容审核：被举报的公开内容与微信内容安全待人工复核的议事意见和诉求内容，先到先审',
    access: roles(COMMITTEE),
    params: communityParams,
    query: z.object({ cursor, limit: pageLimit }),
    response: page(moderationItemView),
  }),
  decide: defineRoute({
    id: 'moderation.decide',
    method: 'POST',
    path: '/communities/{communityId}/moderation/decisions',
    summary: '审核决定：恢复（重新公开，关闭举报）或移除（告知作者原因），写入审核记录',
    access: roles(COMMITTEE),
    staffLog: { object: 'content' },
    answers: { conflicts: ['CONFLICT', 'NOT_IN_REVIEW'], notFound: true },
    params: communityParams,
    body: z
      .strictObject({
        target: moderationTarget,
        decision: z.enum(['restore', 'remove'], zh('审核决定')).check(z.meta({ title: '审核决定' })),
        reason: z.optional(text('理由', { max: 200, multiline: true })),
      })
      .check(
        z.refine((b) => b.decision !== 'remove' || !!b.reason, {
          error: '移除内容请写明理由，作者会收到',
          path: ['reason'],
        }),
      ),
    response: moderationLogEntryView,
    successStatus: 200,
  }),
  log: defineRoute({
    id: 'moderation.log',
    method: 'GET',
    path: '/communities/{communityId}/moderation/log',
    summary: '审核记录：每次恢复或移除的原文、决定人、时间与理由，最新在前',
    access: roles(COMMITTEE),
    params: communityParams,
    query: z.object({ cursor, limit: pageLimit }),
    response: page(moderationLogEntryView),
  }),
};
