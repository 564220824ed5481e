import * as z from 'zod/mini';
import { defineRoute, page, roles, STAFF_OBJECT_TYPES } from '../contracts/http';
import { staffLogEntryView } from '../roster/staffLogContracts';
import { LEVELS, GRIEVANCE_STATUSES, URGENCIES } from '../grievances/lifecycle';
import { cursor, id, instant, pageLimit } from '../validation/fields';
import { zh } from '../validation/messages';
import { STREET_STAFF } from './contracts';

/**
 * 街道工作台 (issue 15 §2): across every community of a street, for its street office and
 * administrators — the 诉求 escalated to the street, 三率 month by month, and the street's 台账 of a
 * month. Served by the `streetConsole` Lambda (functions/src/streets/console/).
 */

const streetParams = z.strictObject({ streetId: id('街道') });
const month = z.string(zh('月份')).check(z.regex(/^20\d\d-(0[1-9]|1[0-2])$/), z.meta({ title: '月份' }));

export const streetQueueItemView = z.object({
  communityId: z.string(),
  communityName: z.string(),
  grievanceId: z.string(),
  number: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  /** The description, or what the viewer may know of it (内容审核中 / 内容未通过审核). */
  excerpt: z.string(),
  gridId: z.optional(z.string()),
  gridName: z.string(),
  /** A building or a described place; never a unit. */
  place: z.string(),
  status: z.enum(GRIEVANCE_STATUSES),
  level: z.enum(LEVELS),
  urgency: z.enum(URGENCIES),
  dueAt: z.optional(z.string()),
  overdue: z.boolean(),
  overdueCount: z.number(),
  assigneeName: z.optional(z.string()),
  createdAt: z.string(),
});
export type StreetQueueItemView = z.output<typeof streetQueueItemView>;

const rates = z.object({
  response: z.optional(z.number()),
  resolution: z.optional(z.number()),
  satisfaction: z.optional(z.number()),
});

/** One community, one grid, or the whole street, for one month: its counters and 三率. */
export const figuresView = z.object({
  raised: z.number(),
  acceptedInTime: z.number(),
  closed: z.number(),
  rated: z.number(),
  resolved: z.number(),
  ratings: z.number(),
  satisfiedRatings: z.number(),
  overdue: z.object({ grid: z.number(), committee: z.number(), street: z.number() }),
  rates,
  /** Against the month before, in percentage points. */
  change: rates,
  topCategories: z.array(z.object({ category: z.string(), label: z.string(), count: z.number() })),
});
export type FiguresView = z.output<typeof figuresView>;

const trendPoint = z.object({ month: z.string(), raised: z.number(), rates });

export const streetFiguresView = z.object({
  streetId: z.string(),
  streetName: z.string(),
  month: z.string(),
  /** The months of the trend, oldest first, ending with `month`. */
  months: z.array(z.string()),
  generatedAt: z.string(),
  street: figuresView,
  trend: z.array(trendPoint),
  communities: z.array(
    z.object({
      communityId: z.string(),
      name: z.string(),
      figures: figuresView,
      trend: z.array(trendPoint),
      grids: z.array(z.object({ gridId: z.string(), gridName: z.string(), figures: figuresView })),
    }),
  ),
  /** How each rate is counted, to print under the charts and the ranking. */
  definitions: z.object({ response: z.string(), resolution: z.string(), satisfaction: z.string() }),
});
export type StreetFiguresView = z.output<typeof streetFiguresView>;

/**
 * An entry of a street's 操作记录: a community's entry (with its community's name) or the street's own (no
 * community, or the community a street-level action concerns).
 */
export const streetStaffLogEntryView = z.extend(staffLogEntryView, {
  communityId: z.optional(z.string()),
  communityName: z.optional(z.string()),
  /** Kept in the street's own log: an action of the street office (or an administrator) at street level. */
  streetLevel: z.boolean(),
});
export type StreetStaffLogEntryView = z.output<typeof streetStaffLogEntryView>;

/** 网格下钻: one community of the street, its 三率 and each grid's, month by month. */
export const communityGridsView = z.object({
  streetId: z.string(),
  communityId: z.string(),
  name: z.string(),
  month: z.string(),
  months: z.array(z.string()),
  generatedAt: z.string(),
  figures: figuresView,
  trend: z.array(trendPoint),
  /** Every grid of the community (and 公共区域 when it has cases), most requests in `month` first. */
  grids: z.array(
    z.object({ gridId: z.string(), gridName: z.string(), figures: figuresView, trend: z.array(trendPoint) }),
  ),
  definitions: z.object({ response: z.string(), resolution: z.string(), satisfaction: z.string() }),
});
export type CommunityGridsView = z.output<typeof communityGridsView>;

const monthsQuery = z.strictObject({
  month: z.optional(month),
  /** How many months the trend shows, ending with `month`. */
  months: z.optional(z.coerce.number(zh('月数')).check(z.int(), z.gte(2), z.lte(12), z.meta({ title: '月数' }))),
});

export const streetConsoleRoutes = {
  streetQueue: defineRoute({
    id: 'streets.queue',
    method: 'GET',
    path: '/streets/{streetId}/console/queue',
    summary: '街道待办：各社区上报到街道的诉求（超时的在前，标明社区与网格），分页',
    access: roles(STREET_STAFF),
    answers: { notFound: true },
    params: streetParams,
    query: z.object({ cursor, limit: pageLimit }),
    response: page(streetQueueItemView),
  }),
  streetFigures: defineRoute({
    id: 'streets.figures',
    method: 'GET',
    path: '/streets/{streetId}/console/figures',
    summary: '三率（响应率、解决率、满意率）按社区、按网格、按月，超时按层级，主要类别，环比',
    access: roles(STREET_STAFF),
    answers: { notFound: true },
    params: streetParams,
    query: z.strictObject({
      month: z.optional(month),
      /** How many months the trend shows, ending with `month`. */
      months: z.optional(z.coerce.number(zh('月数')).check(z.int(), z.gte(2), z.lte(12), z.meta({ title: '月数' }))),
    }),
    response: streetFiguresView,
  }),
  streetStaffLog: defineRoute({
    id: 'streets.staffLog',
    method: 'GET',
    path: '/streets/{streetId}/staff-log',
    summary: '街道操作记录：街道层面的操作与所辖各社区的工作人员操作（谁、何时、对象、改动前后），新的在前',
    access: roles(STREET_STAFF),
    answers: { notFound: true },
    params: streetParams,
    query: z.object({
      communityId: z.optional(id('社区')),
      actorId: z.optional(id('操作人')),
      objectType: z.optional(z.enum(STAFF_OBJECT_TYPES).check(z.meta({ title: '对象类型' }))),
      from: z.optional(instant('开始时间')),
      to: z.optional(instant('结束时间')),
      cursor,
      limit: pageLimit,
    }),
    response: page(streetStaffLogEntryView),
  }),
  communityGrids: defineRoute({
    id: 'streets.communityGrids',
    method: 'GET',
    path: '/streets/{streetId}/console/communities/{communityId}/grids',
    summary: '网格下钻：一个社区及其每个网格的三率，按月趋势与环比',
    access: roles(STREET_STAFF),
    answers: { notFound: true },
    params: z.strictObject({ streetId: id('街道'), communityId: id('社区') }),
    query: monthsQuery,
    response: communityGridsView,
  }),
  exportStreetLedger: defineRoute({
    id: 'streets.exportLedger',
    method: 'POST',
    path: '/streets/{streetId}/console/ledger',
    summary: '导出街道诉求台账（.xlsx：汇总表加每个社区一张表，按提交月份）',
    access: roles(STREET_STAFF),
    staffLog: false, // writes a spreadsheet to download, changes no record
    answers: { notFound: true },
    params: streetParams,
    body: z.strictObject({ month }),
    response: z.object({
      url: z.string(),
      fileName: z.string(),
      expiresAt: z.string(),
      rows: z.number(),
      sheets: z.array(z.string()),
    }),
  }),
};
