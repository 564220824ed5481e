import * as z from 'zod/mini';
import { defineRoute, roles } from '../contracts/http';
import { COMMITTEE, MEMBERS } from '../identity/roles';
import { id, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { BUDGET_PHOTO_MAX_BYTES, BUDGET_PHOTO_TYPES, MAX_MERGE, type BudgetPhotoType } from './limits';
import { photoKeys, projectParams, requestId, roundParams, yuan } from './routeFields';
import { objectionView, projectView } from './projectViews';

/*
 * 民生微实事's projects, served by their own Lambda (`budgetProjects`): photos, 点单 and 附议, the project page,
 * 审核筛选 (screening, merging, linking a 诉求), the comments and the objections (公示与异议, checked by WeChat like
 * the comments). The mini-program calls them through
 * `budgetRoutes` (routes.ts).
 */

export const budgetCommentView = z.object({
  commentId: z.string(),
  /** A resident's comment, or the 居民议事会's note recorded by the committee. */
  kind: z.enum(['comment', 'councilNote']),
  body: z.string(),
  authorName: z.string(),
  authorTag: z.string(),
  mine: z.boolean(),
  /** Held for review by WeChat's content check: only the author and the committee see it. */
  held: z.boolean(),
  createdAt: z.string(),
});
export type BudgetCommentView = z.output<typeof budgetCommentView>;

const uploadAnswer = z.object({
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  key: z.string(),
  expiresAt: z.string(),
});

export const budgetProjectRoutes = {
  createPhotoUpload: defineRoute({
    id: 'budget.createPhotoUpload',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/photos',
    summary: '获取上传项目照片的预签名表单（jpg/png/webp，≤10 MB）',
    access: roles(MEMBERS),
    params: roundParams,
    body: z.strictObject({
      contentType: z
        .enum(Object.keys(BUDGET_PHOTO_TYPES) as [BudgetPhotoType], zh('照片格式'))
        .check(z.meta({ title: '照片格式' })),
      size: z
        .number(zh('照片大小'))
        .check(z.int(), z.gte(1), z.lte(BUDGET_PHOTO_MAX_BYTES), z.meta({ title: '照片大小' })),
    }),
    response: uploadAnswer,
  }),
  proposeProject: defineRoute({
    id: 'budget.proposeProject',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects',
    summary: '点单：提出项目（标题、说明、照片、地点、估算费用）；居委会可由诉求转为项目',
    access: roles(['resident', ...COMMITTEE]),
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'], notFound: true },
    params: roundParams,
    body: z.strictObject({
      title: text('项目名称', { max: 40 }),
      description: text('项目说明', { max: 1000, multiline: true }),
      place: text('地点', { max: 60 }),
      estimatedCost: yuan('估算费用', 1),
      photoKeys,
      sourceGrievanceId: z.optional(id('来源诉求')),
      requestId,
    }),
    response: projectView,
  }),
  getProject: defineRoute({
    id: 'budget.getProject',
    method: 'GET',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects/{projectId}',
    summary: '项目详情：照片、审核、实施进度、验收评价、回应的诉求',
    access: roles(MEMBERS),
    params: projectParams,
    response: projectView,
  }),
  supportProject: defineRoute({
    id: 'budget.supportProject',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects/{projectId}/support',
    summary: '附议项目',
    access: roles(['resident']),
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'] },
    params: projectParams,
    response: z.object({ count: z.number() }),
    successStatus: 200,
  }),
  screenProject: defineRoute({
    id: 'budget.screenProject',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects/{projectId}/screening',
    summary: '审核：符合条件（核定预算）或不符合条件（写明原因）',
    access: roles(COMMITTEE),
    staffLog: { object: 'budgetProject' },
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'] },
    params: projectParams,
    body: z
      .strictObject({
        eligible: z.boolean(zh('审核结果')).check(z.meta({ title: '审核结果' })),
        cost: z.optional(yuan('核定预算', 1)),
        reason: z.optional(text('审核意见', { max: 200 })),
      })
      .check(
        z.superRefine((b, ctx) => {
          if (b.eligible && b.cost === undefined)
            ctx.addIssue({ code: 'custom', path: ['cost'], message: '请填写核定预算' });
          if (!b.eligible && !b.reason)
            ctx.addIssue({ code: 'custom', path: ['reason'], message: '不符合条件时请写明原因' });
        }),
      ),
    response: projectView,
    successStatus: 200,
  }),
  mergeProjects: defineRoute({
    id: 'budget.mergeProjects',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects/{projectId}/merge',
    summary: '合并相似提议到本项目',
    access: roles(COMMITTEE),
    staffLog: { object: 'budgetProject' },
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'], notFound: true },
    params: projectParams,
    body: z.strictObject({
      duplicateIds: z.array(id('相似提议')).check(
        z.minLength(1),
        z.maxLength(MAX_MERGE),
        z.refine((ids) => new Set(ids).size === ids.length, { error: '同一提议只能选一次' }),
        z.meta({ title: '相似提议' }),
      ),
      reason: text('合并说明', { max: 200 }),
    }),
    response: projectView,
    successStatus: 200,
  }),
  linkRequest: defineRoute({
    id: 'budget.linkRequest',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects/{projectId}/requests',
    summary: '关联本项目回应的诉求',
    access: roles(COMMITTEE),
    staffLog: { object: 'budgetProject' },
    answers: { conflicts: ['CONFLICT'], notFound: true },
    params: projectParams,
    body: z.strictObject({ grievanceId: id('诉求') }),
    response: projectView,
    successStatus: 200,
  }),
  listComments: defineRoute({
    id: 'budget.listComments',
    method: 'GET',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects/{projectId}/comments',
    summary: '评议：居民意见与居民议事会记录',
    access: roles(MEMBERS),
    params: projectParams,
    response: z.object({ items: z.array(budgetCommentView) }),
  }),
  addComment: defineRoute({
    id: 'budget.addComment',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects/{projectId}/comments',
    summary: '发表评议意见；居委会记录居民议事会意见',
    access: roles(MEMBERS),
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'], forbidden: true },
    params: projectParams,
    body: z.strictObject({
      body: text('意见', { max: 500, multiline: true }),
      kind: z._default(z.enum(['comment', 'councilNote']), 'comment').check(z.meta({ title: '类型' })),
      requestId,
    }),
    response: budgetCommentView,
  }),
  addObjection: defineRoute({
    id: 'budget.addObjection',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/objections',
    summary: '公示期内提出异议',
    access: roles(MEMBERS),
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'], notFound: true },
    params: roundParams,
    body: z.strictObject({
      body: text('异议', { max: 500, multiline: true }),
      projectId: z.optional(id('项目')),
      requestId,
    }),
    response: objectionView,
  }),
  answerObjection: defineRoute({
    id: 'budget.answerObjection',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/objections/{objectionId}/answer',
    summary: '居委会答复异议',
    access: roles(COMMITTEE),
    staffLog: { object: 'objection' },
    answers: { conflicts: ['CONFLICT'] },
    params: z.strictObject({ communityId: id('社区'), roundId: id('预算轮次'), objectionId: id('异议') }),
    body: z.strictObject({ text: text('答复', { max: 500, multiline: true }) }),
    response: objectionView,
    successStatus: 200,
  }),
};
