import { agoraPollRoutes } from '@linli/shared';
import type { UserItem } from '../db/entities/user';
import { httpApi, type Call, type Handlers } from '../http/api';
import { computeElectorate, electorateView } from './electorate';
import { createTopic, getTopic, scheduleVote } from './topics';

// Routes admit signed-in callers only, so the user is always there.
const me = (user: UserItem | undefined) => user as UserItem;

/**
 * 发起议题与设定表决, a Lambda of its own (`agoraPolls`): the committee creates a topic (with its vote, or from a
 * 诉求), previews the electorate and schedules the vote. Writes answer with the fresh topic, as in handler.ts.
 */
export const agoraPollHandlers = (): Handlers<typeof agoraPollRoutes> => {
  /** The topic as the caller now sees it. */
  const fresh = (c: Pick<Call<never>, 'user' | 'principal' | 'now'>, communityId: string, topicId: string) =>
    getTopic({ user: me(c.user), principal: c.principal, communityId, topicId, now: c.now });
  return {
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
    previewElectorate: async ({ params, body, now }) =>
      electorateView(body.basis, await computeElectorate({ ...params, scope: body.scope, basis: body.basis, now })),
    scheduleVote: async (c) => {
      await scheduleVote({ ...c.params, spec: c.body, now: c.now });
      return fresh(c, c.params.communityId, c.params.topicId);
    },
  };
};

export const handler = httpApi(agoraPollRoutes, agoraPollHandlers());
