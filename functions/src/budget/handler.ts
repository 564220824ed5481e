import { budgetRoutes } from '@linli/shared';
import { wechatClient } from '../wechat/container';
import type { UserItem } from '../db/entities/user';
import { httpApi, type Handlers } from '../http/api';
import { wechatContentCheck, type ContentCheck } from '../wechat/commentCheck';
import { accountability } from './accountability';
import { castBudgetBallot, checkBudgetReceipt } from './ballots';
import { addBudgetComment, addObjection, answerObjection, listBudgetComments } from './comments';
import { finishProject, rateProject, reportProgress, setImplementation } from './implementation';
import { createPhotoUpload, getProject, proposeProject, supportProject } from './projects';
import { advanceRound, getRound, listRounds, openRound } from './rounds';
import { linkRequest, mergeProjects, screenProject } from './screening';

// Routes other than the accountability page admit signed-in callers only, so the user is there.
const me = (user: UserItem | undefined) => user as UserItem;
const actorOf = (user: UserItem | undefined) => ({ userId: me(user).userId, name: me(user).nickname });

/** 民生微实事: rounds, proposals, screening, deliberation, ballots, objections, implementation, ratings. */
export const budgetHandlers = (
  deps: { contentCheck: ContentCheck } = { contentCheck: wechatContentCheck(wechatClient) },
): Handlers<typeof budgetRoutes> => {
  type Ctx = { user: UserItem | undefined; principal: Parameters<typeof getRound>[1]; now: Date };
  const round = (c: Ctx, communityId: string, roundId: string) =>
    getRound(me(c.user), c.principal, communityId, roundId, c.now);
  const project = (c: Ctx, p: { communityId: string; roundId: string; projectId: string }) =>
    getProject({ principal: c.principal, ...p, now: c.now });
  return {
    listRounds: ({ principal, params, now }) => listRounds(principal, params.communityId, now),
    openRound: async (c) =>
      round(
        c,
        c.params.communityId,
        await openRound({ principal: c.principal, communityId: c.params.communityId, input: c.body, now: c.now }),
      ),
    getRound: (c) => round(c, c.params.communityId, c.params.roundId),
    advanceRound: async (c) => {
      await advanceRound({ by: actorOf(c.user), ...c.params, from: c.body.from, reason: c.body.reason, now: c.now });
      return round(c, c.params.communityId, c.params.roundId);
    },
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
    castBallot: ({ user, principal, params, body, now }) =>
      castBudgetBallot({ user: me(user), principal, ...params, ...body, now }),
    checkReceipt: ({ params }) => checkBudgetReceipt(params.communityId, params.roundId, params.receipt),
    addObjection: ({ user, principal, params, body, now }) =>
      addObjection({ user: me(user), principal, ...params, input: body, contentCheck: deps.contentCheck, now }),
    answerObjection: ({ user, params, body, now }) =>
      answerObjection({ by: actorOf(user), ...params, text: body.text, now }),
    setImplementation: async (c) => {
      await setImplementation({ by: actorOf(c.user), ...c.params, input: c.body, now: c.now });
      return project(c, c.params);
    },
    reportProgress: async (c) => {
      await reportProgress({ by: actorOf(c.user), ...c.params, input: c.body, now: c.now });
      return project(c, c.params);
    },
    finishProject: async (c) => {
      await finishProject({ by: actorOf(c.user), ...c.params, note: c.body.note, now: c.now });
      return project(c, c.params);
    },
    rateProject: async (c) => {
      await rateProject({ user: me(c.user), principal: c.principal, ...c.params, input: c.body, now: c.now });
      return project(c, c.params);
    },
    accountability: ({ params, now }) => accountability({ communityId: params.communityId, now }),
  };
};

export const handler = httpApi(budgetRoutes, budgetHandlers());
