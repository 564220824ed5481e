import * as z from 'zod/mini';
import { defineRoute, roles } from '../contracts/http';
import { MEMBERS, STAFF } from '../identity/roles';
import { id, mobile, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { SOURCES, URGENCIES, VISIBILITIES } from './lifecycle';
import { grievanceDetailView } from './detailView';
import { caseParams, GRIEVANCE_PHOTO_TYPES, MAX_PHOTO_BYTES, photoList, type GrievancePhotoType } from './fields';
import { grievanceSummaryView, grievanceTabRoutes } from './tabRoutes';

export {
  evaluationView,
  grievanceSummaryView,
  grievanceTabRoutes,
  type EvaluationView,
  type GrievanceSummary,
} from './tabRoutes';
export {
  grievanceDetailView,
  grievancePhotoView,
  timelineEntryView,
  type GrievanceDetail,
  type TimelineEntry,
} from './detailView';

export { GRIEVANCE_PHOTO_TYPES, MAX_PHOTO_BYTES, MAX_PHOTOS, type GrievancePhotoType } from './fields';

const communityParams = z.strictObject({ communityId: id('社区') });

/** Where the problem is: the reporter's own unit, a building, or a place described in words. */
export const locationInput = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('unit'), unitId: id('房屋') }),
    z.strictObject({
      kind: z.literal('building'),
      buildingId: id('楼栋'),
      detail: z.optional(text('具体位置', { max: 50 })),
    }),
    z.strictObject({ kind: z.literal('place'), place: text('地点', { max: 50 }) }),
  ],
  zh('位置'),
);
export type LocationInput = z.output<typeof locationInput>;

const HANDLERS = STAFF;

/**
 * Routes served by the grievances Lambda: submitting, following and handling cases. Fixed paths (photos, mine,
 * queue…) come before `{grievanceId}`: the router takes the first route whose path matches. The settings, the
 * 看板, 群众性评议 and 人工复核 are oversightContracts.ts (their own Lambda); `grievanceRoutes` (routes.ts) is both.
 */
export const grievanceLambdaApi = {
  createPhotoUpload: defineRoute({
    id: 'grievances.createPhotoUpload',
    method: 'POST',
    path: '/communities/{communityId}/grievances/photos',
    summary: '获取上传诉求照片的预签名表单（jpg/png/webp，≤10 MB）',
    access: roles(MEMBERS),
    params: communityParams,
    body: z.strictObject({
      fileName: text('文件名', { max: 100 }),
      contentType: z
        .enum(Object.keys(GRIEVANCE_PHOTO_TYPES) as [GrievancePhotoType], zh('照片格式'))
        .check(z.meta({ title: '照片格式' })),
      size: z.number(zh('照片大小')).check(z.int(), z.gte(1), z.lte(MAX_PHOTO_BYTES), z.meta({ title: '照片大小' })),
    }),
    response: z.object({
      url: z.string(),
      fields: z.record(z.string(), z.string()),
      key: z.string(),
      expiresAt: z.string(),
    }),
  }),
  suggestDuplicates: defineRoute({
    id: 'grievances.suggestDuplicates',
    method: 'GET',
    path: '/communities/{communityId}/grievances/duplicates',
    summary: '提交前查看可能相同的公开诉求（同楼栋或公共区域、同类别、近期未办结），以及自己提过的同类未办结诉求',
    access: roles(MEMBERS),
    answers: { notFound: true },
    params: communityParams,
    query: z.object({ category: id('类别'), buildingId: z.optional(id('楼栋')), unitId: z.optional(id('房屋')) }),
    response: z.object({
      items: z.array(grievanceSummaryView),
      /** My own open requests of the same category and place (public or not): 您已经反映过. */
      mine: z.array(grievanceSummaryView),
    }),
  }),
  listMine: grievanceTabRoutes.listMine,
  listFollowing: grievanceTabRoutes.listFollowing,
  listQueue: grievanceTabRoutes.listQueue,
  submit: defineRoute({
    id: 'grievances.submit',
    method: 'POST',
    path: '/communities/{communityId}/grievances',
    summary: '提交诉求（重复提交同一编号不会产生第二条）；网格员可代录走访或主动发现的问题',
    access: roles(MEMBERS),
    idempotencyKey: 'clientRequestId',
    answers: { conflicts: ['CONFLICT'], notFound: true },
    params: communityParams,
    body: z
      .strictObject({
        /** Made by the client once per form: a retried submit lands on the same request. */
        clientRequestId: id('提交编号'),
        category: id('类别'),
        description: text('问题描述', { min: 5, max: 500, multiline: true }),
        photos: photoList,
        location: locationInput,
        urgency: z._default(z.enum(URGENCIES, zh('紧急程度')), 'normal').check(z.meta({ title: '紧急程度' })),
        visibility: z.enum(VISIBILITIES, zh('公开范围')).check(z.meta({ title: '公开范围' })),
        anonymous: z._default(z.boolean(zh('匿名')), false).check(z.meta({ title: '匿名' })),
        source: z._default(z.enum(SOURCES, zh('来源')), 'resident').check(z.meta({ title: '来源' })),
        resident: z.optional(
          z.strictObject({ name: text('居民姓名', { max: 20 }), phone: z.optional(mobile('联系电话')) }),
        ),
      })
      .check(
        z.refine((b) => !b.anonymous || b.visibility === 'public', {
          error: '只有社区公开的诉求可以匿名',
          path: ['anonymous'],
        }),
        z.refine((b) => b.source === 'visit' || !b.resident, {
          error: '只有走访代录时填写居民信息',
          path: ['resident'],
        }),
        z.refine((b) => b.source !== 'visit' || !!b.resident, {
          error: '走访代录请填写居民姓名',
          path: ['resident'],
        }),
      ),
    response: grievanceDetailView,
  }),
  listCommunity: grievanceTabRoutes.listCommunity,
  get: defineRoute({
    id: 'grievances.get',
    method: 'GET',
    path: '/communities/{communityId}/grievances/{grievanceId}',
    summary: '诉求详情：进度时间线、承诺、留言、照片、评价（按查看人裁剪）',
    access: roles(MEMBERS),
    params: caseParams,
    response: grievanceDetailView,
  }),
  summary: defineRoute({
    id: 'grievances.summary',
    method: 'GET',
    path: '/communities/{communityId}/grievances/{grievanceId}/summary',
    summary: '诉求摘要（供议事厅引用；仅公开诉求，匿名不显示提交人）',
    access: roles(MEMBERS),
    params: caseParams,
    response: grievanceSummaryView,
  }),
  support: defineRoute({
    id: 'grievances.support',
    method: 'POST',
    path: '/communities/{communityId}/grievances/{grievanceId}/supports',
    summary: '“我也遇到”：附议并关注一条公开诉求（重复操作只算一次）',
    access: roles(MEMBERS),
    answers: { conflicts: ['CONFLICT'] },
    params: caseParams,
    response: z.object({ supportCount: z.number(), supportedByMe: z.literal(true) }),
    successStatus: 200,
  }),
  postMessage: defineRoute({
    id: 'grievances.postMessage',
    method: 'POST',
    path: '/communities/{communityId}/grievances/{grievanceId}/messages',
    summary: '提交人与办理人之间的留言',
    access: roles(MEMBERS),
    answers: { conflicts: ['CONFLICT'] },
    params: caseParams,
    body: z.strictObject({ clientMessageId: id('留言编号'), text: text('留言', { max: 500, multiline: true }) }),
    response: grievanceDetailView,
  }),
  addNote: defineRoute({
    id: 'grievances.addNote',
    method: 'POST',
    path: '/communities/{communityId}/grievances/{grievanceId}/notes',
    summary: '内部备注（仅工作人员可见）',
    access: roles(HANDLERS),
    staffLog: { object: 'grievance' },
    answers: { conflicts: ['CONFLICT'] },
    params: caseParams,
    body: z.strictObject({ clientNoteId: id('备注编号'), text: text('内部备注', { max: 500, multiline: true }) }),
    response: grievanceDetailView,
  }),
};

/** What a client sends to submit (before defaults). */
export type SubmitBody = z.input<typeof grievanceLambdaApi.submit.body>;
