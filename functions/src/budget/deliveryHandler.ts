import { budgetDeliveryRoutes } from '@linli/shared';
import type { UserItem } from '../db/entities/user';
import { httpApi, type Handlers } from '../http/api';
import { accountability } from './accountability';
import { finishProject, rateProject, reportProgress, setImplementation } from './implementation';
import { getProject } from './projects';

// Routes other than the accountability page admit signed-in callers only, so the user is there.
const me = (user: UserItem | undefined) => user as UserItem;
const actorOf = (user: UserItem | undefined) => ({ userId: me(user).userId, name: me(user).nickname });

/**
 * 民生微实事's 实施与验收, a Lambda of its own (`budgetDelivery`): the responsible party and commitment, monthly
 * progress, finishing, residents' ratings, and the public accountability page (公开台账). Writes answer with the
 * fresh project.
 */
export const budgetDeliveryHandlers = (): Handlers<typeof budgetDeliveryRoutes> => {
  type Ctx = { user: UserItem | undefined; principal: Parameters<typeof getProject>[0]['principal']; now: Date };
  const project = (c: Ctx, p: { communityId: string; roundId: string; projectId: string }) =>
    getProject({ principal: c.principal, ...p, now: c.now });
  return {
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

export const handler = httpApi(budgetDeliveryRoutes, budgetDeliveryHandlers());
