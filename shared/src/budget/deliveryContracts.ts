import * as z from 'zod/mini';
import { defineRoute, PUBLIC, roles } from '../contracts/http';
import { COMMITTEE } from '../identity/roles';
import { RATINGS } from '../grievances/lifecycle';
import { instant, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { communityParams, photoKeys, projectParams, yuan } from './routeFields';
import { phaseSchema, projectSummaryView, projectView } from './projectViews';

/*
 * 民生微实事's 实施与验收, served by their own Lambda (`budgetDelivery`): the responsible party and commitment,
 * monthly progress, finishing, residents' ratings and the public accountability page (公开台账). The
 * mini-program calls them through `budgetRoutes` (routes.ts).
 */

export const accountabilityView = z.object({
  communityName: z.string(),
  totals: z.object({ rounds: z.number(), budget: z.number(), planned: z.number(), spent: z.number() }),
  rounds: z.array(
    z.object({
      roundId: z.string(),
      title: z.string(),
      phase: phaseSchema,
      phaseLabel: z.string(),
      scopeText: z.string(),
      totalAmount: z.number(),
      /** The selected projects' costs. */
      planned: z.number(),
      spent: z.number(),
      ballots: z.optional(z.number()),
      projects: z.array(
        z.object({
          projectId: z.string(),
          title: z.string(),
          place: z.string(),
          stage: projectSummaryView.shape.stage,
          stageLabel: z.string(),
          cost: z.number(),
          votes: z.optional(z.number()),
          percent: z.number(),
          spent: z.number(),
          responsibleParty: z.optional(z.string()),
          satisfactionRate: z.optional(z.number()),
          answersRequests: z.number(),
          /** The latest monthly report's note and photos (实施 on), so anyone can see the work, not only the figures. */
          latest: z.optional(
            z.object({ month: z.string(), note: z.string(), photos: z.array(z.object({ url: z.string() })) }),
          ),
        }),
      ),
    }),
  ),
});
export type AccountabilityView = z.output<typeof accountabilityView>;

export const budgetDeliveryRoutes = {
  setImplementation: defineRoute({
    id: 'budget.setImplementation',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects/{projectId}/implementation',
    summary: '一诺：确定入选项目的责任单位、承诺与完成时间',
    access: roles(COMMITTEE),
    staffLog: { object: 'budgetProject' },
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'] },
    params: projectParams,
    body: z.strictObject({
      responsibleParty: text('责任单位', { max: 60 }),
      commitment: text('承诺', { max: 500, multiline: true }),
      dueDate: instant('计划完成时间'),
    }),
    response: projectView,
    successStatus: 200,
  }),
  reportProgress: defineRoute({
    id: 'budget.reportProgress',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects/{projectId}/progress',
    summary: '每月进度：完成百分比、累计支出、照片（同月再报为更正）',
    access: roles(COMMITTEE),
    staffLog: { object: 'budgetProject' },
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'] },
    params: projectParams,
    body: z.strictObject({
      percent: z.number(zh('完成进度')).check(z.int(), z.gte(0), z.lte(100), z.meta({ title: '完成进度' })),
      spent: yuan('累计支出'),
      note: text('进度说明', { max: 500, multiline: true }),
      photoKeys,
    }),
    response: projectView,
    successStatus: 200,
  }),
  finishProject: defineRoute({
    id: 'budget.finishProject',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects/{projectId}/finish',
    summary: '项目完工，请居民验收评价',
    access: roles(COMMITTEE),
    staffLog: { object: 'budgetProject' },
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'] },
    params: projectParams,
    body: z.strictObject({ note: text('完工说明', { max: 500, multiline: true }) }),
    response: projectView,
    successStatus: 200,
  }),
  rateProject: defineRoute({
    id: 'budget.rateProject',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects/{projectId}/rating',
    summary: '验收评价（满意/基本满意/不满意），每人一次',
    access: roles(['resident']),
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'] },
    params: projectParams,
    body: z
      .strictObject({
        rating: z.enum(RATINGS, zh('评价')).check(z.meta({ title: '评价' })),
        comment: z.optional(text('评价意见', { max: 200, multiline: true })),
      })
      .check(
        z.refine((b) => b.rating !== 'unsatisfied' || !!b.comment, {
          error: '不满意时请写明原因',
          path: ['comment'],
        }),
      ),
    response: projectView,
    successStatus: 200,
  }),
  accountability: defineRoute({
    id: 'budget.accountability',
    method: 'GET',
    path: '/communities/{communityId}/budget/accountability',
    summary: '民生微实事公开台账：每一轮、每个项目的状态、进度、计划与实际支出（无需登录）',
    access: PUBLIC,
    answers: { notFound: true },
    params: communityParams,
    response: accountabilityView,
  }),
};
