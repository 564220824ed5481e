import { budgetProjectRoutes } from '@linli/shared';
import { wechatClient } from '../wechat/container';
import type { UserItem } from '../db/entities/user';
import { httpApi, type Handlers } from '../http/api';
import { wechatContentCheck, type ContentCheck } from '../wechat/commentCheck';
import { addBudgetComment, addObjection, answerObjection, listBudgetComments } from './comments';
import { createPhotoUpload, getProject, proposeProject, supportProject } from './projects';
import { linkRequest, mergeProjects, screenProject } from './screening';

// Routes admit signed-in callers only, so the user is there.
const me = (user: UserItem | undefined) => user as UserItem;
const actorOf = (user: UserItem | undefined) => ({ userId: me(user).userId, name: me(user).nickname });

/**
 * 民生微实事's projects, a Lambda of their own (`budgetProjects`): photos, 点单 and 附议, the project page, 审核筛选
 * (screening, merging, linking a 诉求), the comments and the objections (公示与异议). Writes answer with the fresh project.
 */
export const budgetProjectHandlers = (
  deps: { contentCheck: ContentCheck } = { contentCheck: wechatContentCheck(wechatClient) },
): Handlers<typeof budgetProjectRoutes> => {
  type Ctx = { user: UserItem | undefined; principal: Parameters<typeof getProject>[0]['principal']; now: Date };
  const project = (c: Ctx, p: { communityId: string; roundId: string; projectId: string }) =>
    getProject({ principal: c.principal, ...p, now: c.now });
  return {
    createPhotoUpload: ({ principal, params, body, now }) =>
      createPhotoUpload({ principal, ...params, input: body, now }),
    proposeProject: async (c) => {
      const projectId = await proposeProject({
        user: me(c.user),
        principal: c.principal,
        ...c.params,
        input: c.body,
        contentCheck: deps.contentCheck,
        now: c.now,
      });
      return project(c, { ...c.params, projectId });
    },
    getProject: (c) => project(c, c.params),
    supportProject: ({ principal, params, now }) => supportProject({ principal, ...params, now }),
    screenProject: async (c) => {
      await screenProject({ by: actorOf(c.user), ...c.params, input: c.body, now: c.now });
      return project(c, c.params);
    },
    mergeProjects: async (c) => {
      await mergeProjects({ ...c.params, duplicateIds: c.body.duplicateIds, reason: c.body.reason });
      return project(c, c.params);
    },
    linkRequest: async (c) => {
      await linkRequest({
        principal: c.principal,
        actor: actorOf(c.user),
        ...c.params,
        grievanceId: c.body.grievanceId,
        now: c.now,
      });
      return project(c, c.params);
    },
    listComments: ({ principal, params }) =>
      listBudgetComments(principal, params.communityId, params.roundId, params.projectId),
    addComment: ({ user, principal, params, body, now }) =>
      addBudgetComment({ user: me(user), principal, ...params, input: body, contentCheck: deps.contentCheck, now }),
    addObjection: ({ user, principal, params, body, now }) =>
      addObjection({ user: me(user), principal, ...params, input: body, contentCheck: deps.contentCheck, now }),
    answerObjection: ({ user, params, body, now }) =>
      answerObjection({ by: actorOf(user), ...params, text: body.text, now }),
  };
};

export const handler = httpApi(budgetProjectRoutes, budgetProjectHandlers());
