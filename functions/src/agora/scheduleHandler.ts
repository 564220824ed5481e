import { agoraScheduleRoutes } from '@linli/shared';
import type { UserItem } from '../db/entities/user';
import { httpApi, type Handlers } from '../http/api';
import { changeSchedule } from './closing';
import { getTopic } from './topics';

/**
 * 提前结束或延长投票, a Lambda of its own (`agoraSchedule`): an early close counts the poll at once (closing.ts:
 * the tally, the receipt tree, a street poll's sum), and the answer is the fresh topic page. The agora Lambda
 * carried both and was over the size budget; this one carries no topic creation, comments or casting.
 */
export const agoraScheduleHandlers = (): Handlers<typeof agoraScheduleRoutes> => ({
  changeSchedule: async ({ user, principal, params, body, now }) => {
    // Routes admit signed-in callers only, so the user is always there.
    const me = user as UserItem;
    await changeSchedule({ ...params, by: { userId: me.userId, name: me.nickname }, input: body, now });
    return getTopic({ user: me, principal, ...params, now });
  },
});

export const handler = httpApi(agoraScheduleRoutes, agoraScheduleHandlers());
