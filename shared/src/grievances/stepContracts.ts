import * as z from 'zod/mini';
import { defineRoute, roles } from '../contracts/http';
import { MEMBERS, STAFF } from '../identity/roles';
import { instant, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { grievanceDetailView } from './detailView';
import { caseParams, photoList, version } from './fields';
import { RATINGS } from './lifecycle';

/*
 * The steps of a 诉求's lifecycle (受理, 承诺, 办结, 转办, 上报, 评价, 撤回): one state machine (transitions.ts),
 * served by their own Lambda (`grievanceSteps`), routed by API Gateway ahead of the grievances Lambda's
 * `/grievances/{proxy+}`. The mini-program calls them as `grievanceRoutes` (routes.ts).
 */

const HANDLERS = STAFF;

/** Routes served by the grievanceSteps Lambda. */
export const grievanceStepRoutes = {
  accept: defineRoute({
    id: 'grievances.accept',
    method: 'POST',
    path: '/communities/{communityId}/grievances/{grievanceId}/acceptance',
    summary: '受理',
    access: roles(HANDLERS),
    staffLog: { object: 'grievance' },
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION', 'STALE'] },
    params: caseParams,
    body: z.strictObject({ version }),
    response: grievanceDetailView,
    successStatus: 200,
  }),
  commit: defineRoute({
    id: 'grievances.commit',
    method: 'POST',
    path: '/communities/{communityId}/grievances/{grievanceId}/commitment',
    summary: '公开承诺（一事一诺）：办什么、何时办完',
    access: roles(HANDLERS),
    staffLog: { object: 'grievance' },
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION', 'STALE'] },
    params: caseParams,
    body: z.strictObject({
      version,
      text: text('承诺内容', { max: 200, multiline: true }),
      dueBy: instant('承诺完成时间'),
    }),
    response: grievanceDetailView,
    successStatus: 200,
  }),
  resolve: defineRoute({
    id: 'grievances.resolve',
    method: 'POST',
    path: '/communities/{communityId}/grievances/{grievanceId}/resolution',
    summary: '办结：说明与照片，请提交人评价',
    access: roles(HANDLERS),
    staffLog: { object: 'grievance' },
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION', 'STALE'] },
    params: caseParams,
    body: z.strictObject({ version, note: text('办结说明', { max: 500, multiline: true }), photos: photoList }),
    response: grievanceDetailView,
    successStatus: 200,
  }),
  refer: defineRoute({
    id: 'grievances.refer',
    method: 'POST',
    path: '/communities/{communityId}/grievances/{grievanceId}/referral',
    summary: '非本社区职责：写明转办单位与说明',
    access: roles(HANDLERS),
    staffLog: { object: 'grievance' },
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION', 'STALE'] },
    params: caseParams,
    body: z.strictObject({
      version,
      referredTo: text('转办单位', { max: 50 }),
      note: text('转办说明', { max: 500, multiline: true }),
    }),
    response: grievanceDetailView,
    successStatus: 200,
  }),
  escalate: defineRoute({
    id: 'grievances.escalate',
    method: 'POST',
    path: '/communities/{communityId}/grievances/{grievanceId}/escalation',
    summary: '上报上一级（网格 → 社区 → 街道），须写明原因',
    access: roles(HANDLERS),
    staffLog: { object: 'grievance' },
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION', 'STALE'] },
    params: caseParams,
    body: z.strictObject({ version, reason: text('上报原因', { max: 200, multiline: true }) }),
    response: grievanceDetailView,
    successStatus: 200,
  }),
  rate: defineRoute({
    id: 'grievances.rate',
    method: 'POST',
    path: '/communities/{communityId}/grievances/{grievanceId}/rating',
    summary: '评价办理结果（满意/基本满意/不满意）；不满意将重新办理并上报一级',
    access: roles(MEMBERS),
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION', 'STALE'] },
    params: caseParams,
    body: z
      .strictObject({
        version,
        rating: z.enum(RATINGS, zh('评价')).check(z.meta({ title: '评价' })),
        comment: z.optional(text('评价意见', { max: 200, multiline: true })),
      })
      .check(
        z.refine((b) => b.rating !== 'unsatisfied' || !!b.comment, {
          error: '不满意时请写明原因',
          path: ['comment'],
        }),
      ),
    response: grievanceDetailView,
    successStatus: 200,
  }),
  withdraw: defineRoute({
    id: 'grievances.withdraw',
    method: 'POST',
    path: '/communities/{communityId}/grievances/{grievanceId}/withdrawal',
    summary: '撤回（受理承诺前）',
    access: roles(MEMBERS),
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION', 'STALE'] },
    params: caseParams,
    body: z.strictObject({ version, reason: z.optional(text('撤回原因', { max: 200 })) }),
    response: grievanceDetailView,
    successStatus: 200,
  }),
};
