import { budgetRoundRoutes } from '@linli/shared';
import type { UserItem } from '../db/entities/user';
import { httpApi, type Handlers } from '../http/api';
import { castBudgetBallot, checkBudgetReceipt } from './ballots';
import { advanceRound, getRound, listRounds, openRound } from './rounds';

// Routes admit signed-in callers only, so the user is there.
const me = (user: UserItem | undefined) => user as UserItem;
const actorOf = (user: UserItem | undefined) => ({ userId: me(user).userId, name: me(user).nickname });

/**
 * 民生微实事: rounds and their phases, ballots and 核验. Writes answer with the fresh round. Projects (点单, 附议,
 * screening, comments, objections) are projectsHandler.ts, 实施与验收 deliveryHandler.ts: Lambdas of their own.
 */
export const budgetHandlers = (): Handlers<typeof budgetRoundRoutes> => {
  type Ctx = { user: UserItem | undefined; principal: Parameters<typeof getRound>[1]; now: Date };
  const round = (c: Ctx, communityId: string, roundId: string) =>
    getRound(me(c.user), c.principal, communityId, roundId, c.now);
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
    castBallot: ({ user, principal, params, body, now }) =>
      castBudgetBallot({ user: me(user), principal, ...params, ...body, now }),
    checkReceipt: ({ params }) => checkBudgetReceipt(params.communityId, params.roundId, params.receipt),
  };
};

export const handler = httpApi(budgetRoundRoutes, budgetHandlers());
