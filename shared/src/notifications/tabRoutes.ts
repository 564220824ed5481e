import * as z from 'zod/mini';
import { defineRoute, SIGNED_IN } from '../contracts/http';
import { id } from '../validation/fields';

/*
 * The notifications routes the tab pages call (the unread badge on 我的; a 待我处理 item marked read on home), apart from the rest of the
 * notification contracts (contracts.ts), which take it from here. A tab page is in the main package, and a
 * module is all-or-nothing there: defined beside the others, these routes would pull the whole notification
 * catalogue (events, templates, audiences, preferences) into it. As agora/tabRoutes.ts.
 */
export const notificationTabRoutes = {
  markRead: defineRoute({
    id: 'notifications.markRead',
    method: 'POST',
    path: '/notifications/items/{itemId}/read',
    summary: '标记一条消息为已读（重复标记无副作用）',
    access: SIGNED_IN,
    answers: { conflicts: ['CONFLICT'] },
    params: z.strictObject({ itemId: id('消息') }),
    response: z.object({ unread: z.number() }),
    successStatus: 200,
  }),
  unreadCount: defineRoute({
    id: 'notifications.unreadCount',
    method: 'GET',
    path: '/notifications/unread-count',
    summary: '未读消息数（底部标签的角标）',
    access: SIGNED_IN,
    response: z.object({ unread: z.number() }),
  }),
};
