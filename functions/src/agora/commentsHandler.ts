import { agoraCommentRoutes } from '@linli/shared';
import { wechatClient } from '../wechat/container';
import type { UserItem } from '../db/entities/user';
import { httpApi, type Handlers } from '../http/api';
import { wechatContentCheck, type ContentCheck } from '../wechat/commentCheck';
import { addComment, listComments } from './deliberation';

/**
 * 征询意见, a Lambda of its own (`agoraComments`): a topic's comments, with WeChat's content check. Neither route
 * answers with the topic's page, so it carries neither the page nor topic creation (handler.ts serves those).
 */
export const agoraCommentHandlers = (
  deps: { contentCheck: ContentCheck } = { contentCheck: wechatContentCheck(wechatClient) },
): Handlers<typeof agoraCommentRoutes> => ({
  listComments: ({ principal, params, query }) => listComments({ ...params, principal, page: query }),
  // Routes admit signed-in callers only, so the user is always there.
  addComment: ({ user, principal, params, body, now }) =>
    addComment({ ...params, user: user as UserItem, principal, input: body, now }, deps),
});

export const handler = httpApi(agoraCommentRoutes, agoraCommentHandlers());
