import * as z from 'zod/mini';
import { defineRoute, page, roles, SIGNED_IN } from '../contracts/http';
import { COMMITTEE } from '../identity/roles';
import { cursor, id, pageLimit, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { scopeSchema } from './audience';
import { preferencesSchema } from './respect';
import { notificationTabRoutes } from './tabRoutes';
import { MAX_TEMPLATES_PER_ASK, TEMPLATE_KEYS, type TemplateKey } from './templates';

const communityParams = z.strictObject({ communityId: id('社区') });
/** A client-made id for one user action, so a retried request is recognised and not done twice. */
const requestId = z.string(zh('请求编号')).check(z.regex(/^[0-9A-Za-z_-]{8,64}$/), z.meta({ title: '请求编号' }));

export const inboxItemView = z.object({
  itemId: z.string(),
  event: z.string(),
  category: z.string(),
  title: z.string(),
  body: z.string(),
  /** The page of the object the message is about (with query); empty when the message is the object (a notice). */
  link: z.string(),
  urgent: z.boolean(),
  createdAt: z.string(),
  readAt: z.optional(z.string()),
});
export type InboxItemView = z.output<typeof inboxItemView>;

const preferencesView = z.object({
  categories: z.record(z.string(), z.boolean()),
  quietHours: z.object({ enabled: z.boolean(), start: z.string(), end: z.string() }),
  dailyCap: z.number(),
});

export const grantView = z.object({ template: z.string(), title: z.string(), remaining: z.number() });
export type GrantView = z.output<typeof grantView>;

export const notificationSettingsView = z.object({ preferences: preferencesView, grants: z.array(grantView) });
export type NotificationSettingsView = z.output<typeof notificationSettingsView>;

/** What wx.requestSubscribeMessage answers per template: accept 允许, reject 取消, ban 被封禁, filter 被过滤. */
export const SUBSCRIBE_RESULTS = ['accept', 'reject', 'ban', 'filter'] as const;

export const broadcastView = z.object({
  broadcastId: z.string(),
  title: z.string(),
  body: z.string(),
  scopeLabel: z.string(),
  urgent: z.boolean(),
  senderLabel: z.string(),
  createdAt: z.string(),
  /** Residents the notice was addressed to (grows while it is being sent). */
  recipients: z.number(),
  /** Recipients who opened it in their inbox. */
  reads: z.number(),
  completed: z.boolean(),
});
export type BroadcastView = z.output<typeof broadcastView>;

export const broadcastPreviewView = z.object({
  households: z.number(),
  residents: z.number(),
  buildings: z.array(
    z.object({ buildingId: z.string(), name: z.string(), households: z.number(), residents: z.number() }),
  ),
});
export type BroadcastPreview = z.output<typeof broadcastPreviewView>;

export const failedNotificationView = z.object({
  intentId: z.string(),
  event: z.string(),
  eventLabel: z.string(),
  title: z.string(),
  /** One person, or a description of the audience. */
  recipient: z.string(),
  createdAt: z.string(),
  failedAt: z.string(),
  reason: z.string(),
  attempts: z.number(),
  /** The message still reached the recipient's inbox; only the WeChat push failed. */
  inboxDelivered: z.boolean(),
});
export type FailedNotificationView = z.output<typeof failedNotificationView>;

const itemParams = z.strictObject({ itemId: id('消息') });

/** A resident's own inbox, preferences and subscribe grants (no community in the path: they are personal). */
export const inboxRoutes = {
  listInbox: defineRoute({
    id: 'notifications.listInbox',
    method: 'GET',
    path: '/notifications/items',
    summary: '我的消息（最新在前）与未读数',
    access: SIGNED_IN,
    query: z.object({ cursor, limit: pageLimit }),
    response: z.extend(page(inboxItemView), { unread: z.number() }),
  }),
  getInboxItem: defineRoute({
    id: 'notifications.getInboxItem',
    method: 'GET',
    path: '/notifications/items/{itemId}',
    summary: '一条消息的全文',
    access: SIGNED_IN,
    params: itemParams,
    response: inboxItemView,
  }),
  markRead: notificationTabRoutes.markRead,
  markAllRead: defineRoute({
    id: 'notifications.markAllRead',
    method: 'POST',
    path: '/notifications/read-all',
    summary: '全部标记为已读',
    access: SIGNED_IN,
    answers: { conflicts: ['CONFLICT'] },
    response: z.object({ unread: z.number() }),
    successStatus: 200,
  }),
  unreadCount: notificationTabRoutes.unreadCount,
  getSettings: defineRoute({
    id: 'notifications.getSettings',
    method: 'GET',
    path: '/notifications/settings',
    summary: '通知设置：分类推送、免打扰、每日上限，以及剩余的微信订阅次数',
    access: SIGNED_IN,
    response: notificationSettingsView,
  }),
  updateSettings: defineRoute({
    id: 'notifications.updateSettings',
    method: 'PUT',
    path: '/notifications/settings',
    summary: '保存通知设置',
    access: SIGNED_IN,
    body: preferencesSchema,
    response: notificationSettingsView,
  }),
  reportGrants: defineRoute({
    id: 'notifications.reportGrants',
    method: 'POST',
    path: '/notifications/grants',
    summary: '上报 wx.requestSubscribeMessage 的结果：每个“允许”可发送一次该模板的订阅消息',
    access: SIGNED_IN,
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT'] },
    body: z.strictObject({
      requestId,
      results: z
        .partialRecord(z.enum(TEMPLATE_KEYS as [TemplateKey, ...TemplateKey[]]), z.enum(SUBSCRIBE_RESULTS))
        .check(
          z.refine((r) => Object.keys(r).length > 0 && Object.keys(r).length <= MAX_TEMPLATES_PER_ASK, {
            error: '一次最多上报 3 个模板的结果',
          }),
          z.meta({ title: '订阅结果' }),
        ),
    }),
    response: z.object({ grants: z.array(grantView) }),
    successStatus: 200,
  }),
};

const broadcastBody = z.strictObject({
  requestId,
  title: text('通知标题', { max: 40 }),
  body: text('通知内容', { max: 500, multiline: true }),
  scope: scopeSchema,
  urgent: z.optional(z.boolean(zh('紧急通知')).check(z.meta({ title: '紧急通知' }))),
});

/** Community notices (社区通知) and the delivery failures admins look after. */
export const noticeRoutes = {
  previewBroadcast: defineRoute({
    id: 'notifications.previewBroadcast',
    method: 'POST',
    path: '/communities/{communityId}/notifications/broadcasts/preview',
    summary: '发送前预览：所选范围内会收到通知的户数和人数（按楼栋）',
    access: roles(['gridWorker', ...COMMITTEE]),
    staffLog: false, // counts the audience; writes nothing
    answers: { notFound: true },
    params: communityParams,
    body: z.strictObject({ scope: scopeSchema }),
    response: broadcastPreviewView,
    successStatus: 200,
    rateLimit: 'none',
  }),
  sendBroadcast: defineRoute({
    id: 'notifications.sendBroadcast',
    method: 'POST',
    path: '/communities/{communityId}/notifications/broadcasts',
    summary: '向全社区、网格或楼栋发布通知（网格员只能发本网格）',
    access: roles(['gridWorker', ...COMMITTEE]),
    staffLog: { object: 'broadcast' },
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT'], notFound: true },
    params: communityParams,
    body: broadcastBody,
    response: broadcastView,
  }),
  listBroadcasts: defineRoute({
    id: 'notifications.listBroadcasts',
    method: 'GET',
    path: '/communities/{communityId}/notifications/broadcasts',
    summary: '已发布的社区通知，含送达人数与已读人数',
    access: roles(['gridWorker', ...COMMITTEE]),
    params: communityParams,
    query: z.object({ cursor, limit: pageLimit }),
    response: page(broadcastView),
  }),
  listFailed: defineRoute({
    id: 'notifications.listFailed',
    method: 'GET',
    path: '/communities/{communityId}/notifications/failed',
    summary: '多次重试仍未送达的通知及原因（管理员）',
    access: roles(['admin']),
    params: communityParams,
    query: z.object({ cursor, limit: pageLimit }),
    response: page(failedNotificationView),
  }),
  retryFailed: defineRoute({
    id: 'notifications.retryFailed',
    method: 'POST',
    path: '/communities/{communityId}/notifications/failed/{intentId}/retry',
    summary: '重新投递一条未送达的通知（已送达的渠道不会重复）',
    access: roles(['admin']),
    staffLog: { object: 'notification' },
    answers: { conflicts: ['CONFLICT'] },
    params: z.strictObject({ communityId: id('社区'), intentId: id('通知') }),
    response: z.object({ ok: z.literal(true) }),
    successStatus: 202,
  }),
};

/** Routes served by the notifications Lambda. */
export const notificationApi = { ...inboxRoutes, ...noticeRoutes };
