import { agoraTopicRoutes } from '@linli/shared';
import type { UserItem } from '../db/entities/user';
import { httpApi, type Call, type Handlers } from '../http/api';
import {
  getTopic,
  listTopics,
  proposeTopic,
  publishSummary,
  reviewProposal,
  setCommitment,
  supportThresholdOf,
  supportTopic,
  updateSettings,
} from './topics';

// Routes admit signed-in callers only, so the user is always there.
const me = (user: UserItem | undefined) => user as UserItem;

/**
 * 议事厅: the topics list and page, proposals and support, review, the summary, the commitment and the settings.
 * Writes answer with the fresh topic. Each a Lambda of its own: creating a topic and scheduling its vote
 * (pollsHandler.ts), the comments (commentsHandler.ts), closing early or extending (scheduleHandler.ts), voting
 * and counting (votingHandler.ts).
 */
export const agoraHandlers = (): Handlers<typeof agoraTopicRoutes> => {
  /** The topic as the caller now sees it: every write answers with it. */
  const fresh = (c: Pick<Call<never>, 'user' | 'principal' | 'now'>, communityId: string, topicId: string) =>
    getTopic({ user: me(c.user), principal: c.principal, communityId, topicId, now: c.now });
  return {
    listTopics: ({ principal, params, query, now }) => listTopics({ ...params, principal, query, now }),
    getTopic: (c) => fresh(c, c.params.communityId, c.params.topicId),
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
    publishSummary: async (c) => {
      await publishSummary({ ...c.params, principal: c.principal, text: c.body.text, now: c.now });
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
