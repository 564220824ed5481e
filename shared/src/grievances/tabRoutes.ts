import * as z from 'zod/mini';
import { defineRoute, page, roles } from '../contracts/http';
import { MEMBERS, STAFF } from '../identity/roles';
import { cursor, id, pageLimit } from '../validation/fields';
import { GRIEVANCE_STATUSES, LEVELS, SOURCES, URGENCIES, VISIBILITIES } from './lifecycle';

/*
 * The routes the 诉求 tab page calls (its lists, the handlers' queue and the latest 群众性评议), apart from the
 * rest of grievanceRoutes (contracts.ts), which takes these same objects at the same places. A mini-program's
 * tab pages must be in its main package, and a module is all-or-nothing there: defined beside the others,
 * these would pull every 诉求 contract (detail, timeline, dashboard, staff actions) into it. As agora/tabRoutes.ts.
 */

const communityParams = z.strictObject({ communityId: id('社区') });

export const grievanceSummaryView = z.object({
  grievanceId: z.string(),
  /** Short number residents quote (last six characters). */
  number: z.string(),
  communityId: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  /** The first words of the description, or 内容审核中 while its check is pending. */
  excerpt: z.string(),
  status: z.enum(GRIEVANCE_STATUSES),
  level: z.enum(LEVELS),
  urgency: z.enum(URGENCIES),
  visibility: z.enum(VISIBILITIES),
  anonymous: z.boolean(),
  source: z.enum(SOURCES),
  /** As this viewer may see it: a unit only to the reporter and handlers, else the building or place. */
  location: z.string(),
  gridId: z.optional(z.string()),
  createdAt: z.string(),
  dueAt: z.optional(z.string()),
  overdue: z.boolean(),
  overdueCount: z.number(),
  supportCount: z.number(),
  /** The reporter's nickname, 我 for the reporter, or 匿名居民 for anonymous cases — to everyone. */
  reporter: z.string(),
  mine: z.boolean(),
  /** 已转为议题: the 议事厅 topic made from this request. */
  topicId: z.optional(z.string()),
  topicTitle: z.optional(z.string()),
  /** 纳入民生微实事: the budget project that answers this request. */
  budgetProject: z.optional(z.object({ roundId: z.string(), projectId: z.string(), title: z.string() })),
  /** 举报与内容审核: `hidden` 待复核 (neighbours no longer see it), `removed` 已移除; shown to its reporter and staff. */
  moderation: z.optional(z.enum(['hidden', 'removed'])),
});
export type GrievanceSummary = z.output<typeof grievanceSummaryView>;

export const tallyView = z.object({
  satisfied: z.number(),
  basic: z.number(),
  unsatisfied: z.number(),
  unrated: z.number(),
  rate: z.optional(z.number()),
});

/** 群众性评议 as published for a month: what residents see (grids and handlers by satisfaction). */
export const evaluationView = z.object({
  month: z.string(),
  publishedAt: z.string(),
  submitted: z.number(),
  closed: z.number(),
  slaRate: z.optional(z.number()),
  satisfaction: tallyView,
  byGrid: z.array(z.extend(tallyView, { gridId: z.string(), gridName: z.string() })),
  byHandler: z.array(z.extend(tallyView, { handlerId: z.string(), name: z.string() })),
});
export type EvaluationView = z.output<typeof evaluationView>;

export const grievanceTabRoutes = {
  listMine: defineRoute({
    id: 'grievances.listMine',
    method: 'GET',
    path: '/communities/{communityId}/grievances/mine',
    summary: '我提交的诉求（awaiting=rating：已办结、待我评价的）',
    access: roles(MEMBERS),
    answers: { notFound: true },
    params: communityParams,
    query: z.object({
      /** 待评价: only my requests resolved and waiting for my rating. */
      awaiting: z.optional(z.enum(['rating'])).check(z.meta({ title: '待办' })),
      cursor,
      limit: pageLimit,
    }),
    response: page(grievanceSummaryView),
  }),

  listFollowing: defineRoute({
    id: 'grievances.listFollowing',
    method: 'GET',
    path: '/communities/{communityId}/grievances/following',
    summary: '我附议（我也遇到）的诉求',
    access: roles(MEMBERS),
    answers: { notFound: true },
    params: communityParams,
    query: z.object({ cursor, limit: pageLimit }),
    response: page(grievanceSummaryView),
  }),

  listQueue: defineRoute({
    id: 'grievances.listQueue',
    method: 'GET',
    path: '/communities/{communityId}/grievances/queue',
    summary: '待办：本人所在层级及以下、未办结的诉求（网格员只见本网格）',
    access: roles(STAFF),
    answers: { notFound: true },
    params: communityParams,
    query: z.object({ level: z.optional(z.enum(LEVELS)).check(z.meta({ title: '层级' })), cursor, limit: pageLimit }),
    response: page(grievanceSummaryView),
  }),

  latestEvaluation: defineRoute({
    id: 'grievances.latestEvaluation',
    method: 'GET',
    path: '/communities/{communityId}/grievances/evaluations/latest',
    summary: '最近一次发布的群众性评议',
    access: roles(MEMBERS),
    params: communityParams,
    response: z.object({ evaluation: z.optional(evaluationView) }),
  }),

  listCommunity: defineRoute({
    id: 'grievances.listCommunity',
    method: 'GET',
    path: '/communities/{communityId}/grievances',
    summary: '社区公开的诉求（匿名诉求不显示提交人）',
    access: roles(MEMBERS),
    answers: { notFound: true },
    params: communityParams,
    query: z.object({
      status: z.optional(z.enum(['open', 'closed'])).check(z.meta({ title: '状态' })),
      cursor,
      limit: pageLimit,
    }),
    response: page(grievanceSummaryView),
  }),
};
