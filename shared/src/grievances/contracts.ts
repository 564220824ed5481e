import * as z from 'zod/mini';
import { defineRoute, page, roles } from '../contracts/http';
import { COMMITTEE, MEMBERS, STAFF } from '../identity/roles';
import { cursor, id, instant, mobile, pageLimit, text } from '../validation/fields';
import { zh } from '../validation/messages';
import {
  EVALUATORS,
  GRIEVANCE_ACTIONS,
  GRIEVANCE_STATUSES,
  LEVELS,
  OUTCOMES,
  RATINGS,
  SOURCES,
  URGENCIES,
  VISIBILITIES,
} from './lifecycle';
import { grievanceSettingsSchema } from './settings';
import { evaluationView, grievanceSummaryView, grievanceTabRoutes, tallyView } from './tabRoutes';

export {
  evaluationView,
  grievanceSummaryView,
  grievanceTabRoutes,
  type EvaluationView,
  type GrievanceSummary,
} from './tabRoutes';

/** Photos residents and handlers attach: jpeg/png/webp, at most 10 MB each and 9 per request. */
export const GRIEVANCE_PHOTO_TYPES = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;
export type GrievancePhotoType = keyof typeof GRIEVANCE_PHOTO_TYPES;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const MAX_PHOTOS = 9;

const communityParams = z.strictObject({ communityId: id('社区') });
const caseParams = z.strictObject({ communityId: id('社区'), grievanceId: id('诉求') });
const version = z.number(zh('版本')).check(z.int(), z.gte(1), z.meta({ title: '版本' }));
const photoKey = z.string(zh('照片')).check(z.minLength(1), z.maxLength(300), z.meta({ title: '照片' }));
const photoList = z
  ._default(z.array(z.strictObject({ key: photoKey }), zh('照片')).check(z.maxLength(MAX_PHOTOS)), [])
  .check(
    z.refine((ps) => new Set(ps.map((p) => p.key)).size === ps.length, { error: '同一张照片只能添加一次' }),
    z.meta({ title: '照片' }),
  );

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

const actorRole = z.enum(['reporter', 'resident', 'gridWorker', 'committee', 'street', 'admin', 'system']);
const actorView = z.object({ name: z.string(), role: actorRole });
const contentState = z.enum(['visible', 'reviewing', 'rejected']);

export const timelineEntryView = z.object({
  seq: z.number(),
  at: z.string(),
  action: z.enum([
    ...GRIEVANCE_ACTIONS,
    'submit',
    'remind',
    'overdue',
    'linkTopic',
    'linkBudget',
    'approveContent',
    'rejectContent',
  ]),
  actor: actorView,
  fromStatus: z.optional(z.enum(GRIEVANCE_STATUSES)),
  toStatus: z.enum(GRIEVANCE_STATUSES),
  fromLevel: z.optional(z.enum(LEVELS)),
  toLevel: z.enum(LEVELS),
  note: z.optional(z.string()),
  /** 亲情代办: who took this step in the resident's name (shown as 代办). */
  proxyBy: z.optional(z.string()),
});
export type TimelineEntry = z.output<typeof timelineEntryView>;

export const grievancePhotoView = z.object({
  photoId: z.string(),
  role: z.enum(['report', 'resolution']),
  /** visible: passed the content check; reviewing: 审核中; rejected: 未通过审核 (shown only to its uploader). */
  state: contentState,
  url: z.optional(z.string()),
  expiresAt: z.optional(z.string()),
  /** WeChat asked for a person to judge it (待人工复核): shown to the reviewers and the uploader. */
  awaitingReview: z.optional(z.boolean()),
  /** Why staff rejected it: to its uploader only. */
  rejectedReason: z.optional(z.string()),
});

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

export const grievanceDetailView = z.extend(grievanceSummaryView, {
  description: z.optional(z.string()),
  descriptionState: contentState,
  /** The description waits for a person's judgement (待人工复核): set for the reviewers and the reporter. */
  descriptionAwaitingReview: z.optional(z.boolean()),
  /** Why staff rejected the description: to the reporter only. */
  descriptionRejectedReason: z.optional(z.string()),
  photos: z.array(grievancePhotoView),
  commitment: z.optional(z.object({ text: z.string(), dueBy: z.string(), by: actorView, at: z.string() })),
  resolution: z.optional(
    z.object({
      outcome: z.enum(OUTCOMES),
      note: z.string(),
      referredTo: z.optional(z.string()),
      by: actorView,
      at: z.string(),
    }),
  ),
  rating: z.optional(
    z.object({ rating: z.enum([...RATINGS, 'unrated']), comment: z.optional(z.string()), at: z.string() }),
  ),
  timeline: z.array(timelineEntryView),
  /** The conversation between the reporter and the handlers; absent for other viewers. */
  messages: z.optional(
    z.array(
      z.object({
        messageId: z.string(),
        at: z.string(),
        author: actorView,
        fromReporter: z.boolean(),
        mine: z.boolean(),
        text: z.optional(z.string()),
        state: contentState,
        awaitingReview: z.optional(z.boolean()),
        rejectedReason: z.optional(z.string()),
      }),
    ),
  ),
  /** Internal notes: staff only, never the reporter. */
  notes: z.optional(z.array(z.object({ noteId: z.string(), at: z.string(), author: actorView, text: z.string() }))),
  /** The resident a grid worker logged this for (民情日记): staff only, phone masked. */
  resident: z.optional(z.object({ name: z.string(), phoneMasked: z.optional(z.string()) })),
  version: z.number(),
  viewer: z.enum(['reporter', 'household', 'handler', 'member']),
  actions: z.array(z.enum(GRIEVANCE_ACTIONS)),
  canMessage: z.boolean(),
  canSupport: z.boolean(),
  supportedByMe: z.boolean(),
  reopenCount: z.number(),
  /** The viewer may approve or reject content waiting for review on this case (its handlers). */
  canReview: z.optional(z.boolean()),
});
export type GrievanceDetail = z.output<typeof grievanceDetailView>;

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

/**
 * Routes served by the grievances Lambda. Fixed paths (settings, mine, queue…) come before
 * `{grievanceId}`: the router takes the first route whose path matches.
 */
export const grievanceRoutes = {
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

/** What a client sends to submit (before defaults). */
export type SubmitBody = z.input<typeof grievanceRoutes.submit.body>;
