import { notificationLambdaApi } from '@linli/shared';
import { httpApi, type Handlers } from '../http/api';
import { listBroadcasts, previewBroadcast, sendBroadcast } from './broadcasts';
import { listFailed, retryFailed } from './failures';
import { getInboxItem, listInbox, markAllRead, markRead, unreadCount } from './inbox';
import { reachOf } from './reach';
import { reportGrants, saveSettings, settingsOf } from './settings';

/** A resident's inbox and notification settings; community notices; parked failures for admins. */
export const notificationHandlers = (): Handlers<typeof notificationLambdaApi> => ({
  listInbox: ({ principal, query }) => listInbox(principal.userId, query),
  getInboxItem: ({ principal, params }) => getInboxItem(principal.userId, params.itemId),
  markRead: ({ principal, params, now }) => markRead(principal.userId, params.itemId, now),
  markAllRead: ({ principal, now }) => markAllRead(principal.userId, now),
  unreadCount: async ({ principal }) => ({ unread: await unreadCount(principal.userId) }),
  getSettings: ({ principal }) => settingsOf(principal.userId),
  updateSettings: ({ principal, body, now }) => saveSettings(principal.userId, body, now),
  reportGrants: ({ principal, body, now }) => reportGrants(principal.userId, body, now),
  previewBroadcast: ({ principal, params, body }) => previewBroadcast(principal, params.communityId, body.scope),
  sendBroadcast: ({ principal, params, body, now }) => sendBroadcast({ ...params, principal, input: body, now }),
  listBroadcasts: ({ params, query }) => listBroadcasts(params.communityId, query),
  listFailed: ({ params, query }) => listFailed(params.communityId, query),
  retryFailed: ({ params, now }) => retryFailed(params.communityId, params.intentId, now),
  getReach: ({ principal, params, query }) => reachOf({ ...params, subject: query.subject, principal }),
});

export const handler = httpApi(notificationLambdaApi, notificationHandlers());
