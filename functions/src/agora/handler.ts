import { agoraTopicRoutes } from '@linli/shared';
import { wechatClient } from '../wechat/container';
import type { UserItem } from '../db/entities/user';
import { httpApi, type Call, type Handlers } from '../http/api';
import { changeSchedule } from './closing';
import { addComment, listComments } from './deliberation';
import { wechatContentCheck, type ContentCheck } from '../wechat/commentCheck';
import { computeElectorate, electorateView } from './electorate';
import {
  createTopic,
  getTopic,
  listTopics,
  proposeTopic,
  publishSummary,
  reviewProposal,
  scheduleVote,
  setCommitment,
  supportThresholdOf,
  supportTopic,
  updateSettings,
} from './topics';

// Routes admit signed-in callers only, so the user is always there.
const me = (user: UserItem | undefined) => user as UserItem;
const actorOf = (user: UserItem | undefined) => ({ userId: me(user).userId, name: me(user).nickname });

/**
 * 议事厅: topics, deliberation, scheduling, the summary and the commitment. Writes answer with the fresh topic.
 * Voting and counting (ballots, 核验, paper ballots, conflicts, recount, export) are votingHandler.ts.
 */
export const agoraHandlers = (
  deps: { contentCheck: ContentCheck } = { contentCheck: wechatContentCheck(wechatClient) },
): Handlers<typeof agoraTopicRoutes> => {
  /** The topic as the caller now sees it: every write answers with it. */
  const fresh = (c: Pick<Call<never>, 'user' | 'principal' | 'now'>, communityId: string, topicId: string) =>
    getTopic({ user: me(c.user), principal: c.principal, communityId, topicId, now: c.now });
  return {
    listTopics: ({ principal, params, query, now }) => listTopics({ ...params, principal, query, now }),
    getTopic: (c) => fresh(c, c.params.communityId, c.params.topicId),
    createTopic: async (c) =>
      fresh(
        c,
        c.params.communityId,
        await createTopic({
          ...c.params,
          principal: c.principal,
          input: c.body,
          now: c.now,
          actorName: me(c.user).nickname,
        }),
      ),
    proposeTopic: async (c) =>
      fresh(
        c,
        c.params.communityId,
        await proposeTopic({ ...c.params, principal: c.principal, input: c.body, now: c.now }),
      ),
    supportTopic: ({ principal, params, now }) => supportTopic({ ...params, principal, now }),
    reviewProposal: async (c) => {
      await reviewProposal({ ...c.params, principal: c.principal, input: c.body });
      return fresh(c, c.params.communityId, c.params.topicId);
    },
    previewElectorate: async ({ params, body, now }) =>
      electorateView(body.basis, await computeElectorate({ ...params, scope: body.scope, basis: body.basis, now })),
    scheduleVote: async (c) => {
      await scheduleVote({ ...c.params, spec: c.body, now: c.now });
      return fresh(c, c.params.communityId, c.params.topicId);
    },
    listComments: ({ principal, params, query }) => listComments({ ...params, principal, page: query }),
    addComment: ({ user, principal, params, body, now }) =>
      addComment({ ...params, user: me(user), principal, input: body, now }, deps),
    publishSummary: async (c) => {
      await publishSummary({ ...c.params, principal: c.principal, text: c.body.text, now: c.now });
      return fresh(c, c.params.communityId, c.params.topicId);
    },
    changeSchedule: async (c) => {
      await changeSchedule({ ...c.params, by: actorOf(c.user), input: c.body, now: c.now });
      return fresh(c, c.params.communityId, c.params.topicId);
    },
    setCommitment: async (c) => {
      await setCommitment({ ...c.params, principal: c.principal, input: c.body, now: c.now });
      return fresh(c, c.params.communityId, c.params.topicId);
    },
    getSettings: async ({ params }) => ({ supportThreshold: await supportThresholdOf(params.communityId) }),
    updateSettings: ({ principal, params, body }) =>
      updateSettings(principal, params.communityId, body.supportThreshold),
  };
};

export const handler = httpApi(agoraTopicRoutes, agoraHandlers());
