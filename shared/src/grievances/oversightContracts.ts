import * as z from 'zod/mini';
import { defineRoute, page, roles } from '../contracts/http';
import { COMMITTEE, MEMBERS, STAFF } from '../identity/roles';
import { cursor, id, pageLimit, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { actorView, grievanceDetailView } from './detailView';
import { EVALUATORS, LEVELS } from './lifecycle';
import { grievanceSettingsSchema } from './settings';
import { evaluationView, grievanceSummaryView, grievanceTabRoutes, tallyView } from './tabRoutes';

/*
 * 诉求 oversight: the settings, the 诉求看板, the monthly 群众性评议 and 人工复核. Served by their own Lambda
 * (`grievanceOversight`), routed by API Gateway ahead of the grievances Lambda's `/grievances/{proxy+}`, so
 * the grievances Lambda (submit, steps, conversation) carries neither their contracts nor their services.
 * The mini-program calls them as `grievanceRoutes` (routes.ts) like every other 诉求 route.
 */

const communityParams = z.strictObject({ communityId: id('社区') });
const caseParams = z.strictObject({ communityId: id('社区'), grievanceId: id('诉求') });

/** What a reviewer judges: the description, one message, or one photo of a case. */
export const reviewTarget = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('description') }),
    z.strictObject({ kind: z.literal('message'), messageId: id('留言') }),
    z.strictObject({ kind: z.literal('photo'), photoId: id('照片') }),
  ],
  zh('复核内容'),
);
export type ReviewTarget = z.output<typeof reviewTarget>;

export const grievanceSettingsView = grievanceSettingsSchema;

export const grievanceDashboardView = z.object({
  month: z.string(),
  generatedAt: z.string(),
  submitted: z.number(),
  openNow: z.number(),
  overdueNow: z.number(),
  closed: z.number(),
  slaRate: z.optional(z.number()),
  avgAcceptHours: z.optional(z.number()),
  avgFinishHours: z.optional(z.number()),
  satisfaction: tallyView,
  openByLevel: z.array(z.object({ level: z.enum(LEVELS), open: z.number(), overdue: z.number() })),
  openByGrid: z.array(z.object({ gridId: z.string(), gridName: z.string(), open: z.number(), overdue: z.number() })),
  byGrid: z.array(z.extend(tallyView, { gridId: z.string(), gridName: z.string() })),
  byHandler: z.array(z.extend(tallyView, { handlerId: z.string(), name: z.string() })),
  topCategories: z.array(z.object({ category: z.string(), label: z.string(), count: z.number() })),
});
export type GrievanceDashboard = z.output<typeof grievanceDashboardView>;

/** One item of the 待人工复核 list: the flagged content with its case, as a reviewer sees it. */
export const reviewItemView = z.object({
  grievance: grievanceSummaryView,
  target: reviewTarget,
  /** The text under review (description or message). */
  text: z.optional(z.string()),
  /** A short-lived link to the photo under review. */
  url: z.optional(z.string()),
  author: actorView,
  flaggedAt: z.string(),
});
export type ReviewItem = z.output<typeof reviewItemView>;

const month = z.string(zh('月份')).check(z.regex(/^20\d\d-(0[1-9]|1[0-2])$/), z.meta({ title: '月份' }));

const HANDLERS = STAFF;

/** Routes served by the grievanceOversight Lambda. */
export const grievanceOversightRoutes = {
  getSettings: defineRoute({
    id: 'grievances.getSettings',
    method: 'GET',
    path: '/communities/{communityId}/grievances/settings',
    summary: '诉求类别、各层级受理与办结时限、分派规则',
    access: roles(MEMBERS),
    answers: { notFound: true },
    params: communityParams,
    response: grievanceSettingsView,
  }),
  updateSettings: defineRoute({
    id: 'grievances.updateSettings',
    method: 'PUT',
    path: '/communities/{communityId}/grievances/settings',
    summary: '配置诉求类别、时限与分派（居委会）',
    access: roles(COMMITTEE),
    staffLog: { object: 'setting' },
    answers: { conflicts: ['CONFLICT'], notFound: true },
    params: communityParams,
    body: grievanceSettingsSchema,
    response: grievanceSettingsView,
    successStatus: 200,
  }),
  dashboard: defineRoute({
    id: 'grievances.dashboard',
    method: 'GET',
    path: '/communities/{communityId}/grievances/dashboard',
    summary: '诉求看板：按网格与层级的未办结/超时、时限达标率、平均受理与办结时长、满意率、热点类别',
    access: roles(EVALUATORS),
    answers: { notFound: true },
    params: communityParams,
    query: z.strictObject({ month: z.optional(month) }),
    response: grievanceDashboardView,
  }),
  publishEvaluation: defineRoute({
    id: 'grievances.publishEvaluation',
    method: 'POST',
    path: '/communities/{communityId}/grievances/evaluations',
    summary: '发布某月的群众性评议结果（每月一次，发布后不可更改）',
    access: roles(COMMITTEE),
    staffLog: { object: 'evaluation' },
    answers: { conflicts: ['CONFLICT'], notFound: true },
    params: communityParams,
    body: z.strictObject({ month }),
    response: evaluationView,
  }),
  latestEvaluation: grievanceTabRoutes.latestEvaluation,
  listReviews: defineRoute({
    id: 'grievances.listReviews',
    method: 'GET',
    path: '/communities/{communityId}/grievances/reviews',
    summary: '待人工复核：微信内容安全需人工判断的描述、留言与照片（本人办理范围内），先到先审',
    access: roles(HANDLERS),
    answers: { notFound: true },
    params: communityParams,
    query: z.object({ cursor, limit: pageLimit }),
    response: page(reviewItemView),
  }),
  reviewContent: defineRoute({
    id: 'grievances.reviewContent',
    method: 'POST',
    path: '/communities/{communityId}/grievances/{grievanceId}/reviews',
    summary: '人工复核：通过（邻居可见）或不通过（隐藏并告知作者原因）；只改待复核的内容，重复提交同一决定不变',
    access: roles(HANDLERS),
    staffLog: { object: 'grievance' },
    answers: { conflicts: ['CONFLICT', 'NOT_IN_REVIEW'] },
    params: caseParams,
    body: z
      .strictObject({
        target: reviewTarget,
        decision: z.enum(['approve', 'reject'], zh('复核结果')).check(z.meta({ title: '复核结果' })),
        reason: z.optional(text('复核说明', { max: 100, multiline: true })),
      })
      .check(z.refine((b) => b.decision !== 'reject' || !!b.reason, { error: '不通过时请写明原因', path: ['reason'] })),
    response: grievanceDetailView,
    successStatus: 200,
  }),
};
