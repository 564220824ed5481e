import { agoraVotingRoutes } from '@linli/shared';
import type { UserItem } from '../db/entities/user';
import { voteConflicts } from '../db/entities/voteConflict';
import { httpApi, type Handlers } from '../http/api';
import { forbidden, notFound } from '../http/errors';
import { checkReceipt, exportResult } from './bulletin';
import { castBallot, resolveConflict } from './casting';
import { recount } from './closing';
import { conflictViewOf, listConflicts } from './conflicts';
import { createPaperUpload, listHouseholds, recordPaperBallot } from './paper';
import { seatsOf } from './seats';
import { loadTopic, votingTopic } from './topicItem';

// Routes admit signed-in callers only, so the user is always there.
const me = (user: UserItem | undefined) => user as UserItem;
const actorOf = (user: UserItem | undefined) => ({ userId: me(user).userId, name: me(user).nickname });

/**
 * 议事厅's voting and counting, a Lambda of its own (`agoraVoting`): online and paper ballots, 核验, the
 * households' voted list, cross-channel conflicts, 复核计票 and the export. None answers with a topic's
 * page, so this Lambda carries neither topic creation nor the 诉求 link (handler.ts serves those).
 */
export const agoraVotingHandlers = (): Handlers<typeof agoraVotingRoutes> => ({
  castBallot: async ({ user, principal, params, body, now }) => {
    const topic = await votingTopic(params.communityId, params.topicId, now);
    const seats = await seatsOf(me(user), principal, topic);
    if (!seats.length)
      throw forbidden(
        topic.vote ? '您不在本次表决的范围内（需绑定范围内的房屋；业主表决需以业主身份绑定）' : '该议题没有表决',
      );
    const seat = body.voterKey ? seats.find((s) => s.voterKey === body.voterKey) : seats[0];
    if (!seat) throw forbidden('您不能代表该户或该业主投票');
    return castBallot({
      topic,
      seat,
      choices: body.choices,
      channel: 'online',
      actor: actorOf(user),
      requestId: body.requestId,
      now,
    });
  },
  checkReceipt: ({ params }) => checkReceipt(params.communityId, params.topicId, params.receipt),
  createPaperUpload: ({ principal, params, body, now }) =>
    createPaperUpload({ ...params, principal, input: body, now }),
  recordPaperBallot: ({ user, principal, params, body, now }) =>
    recordPaperBallot({
      ...params,
      principal,
      // 亲情代办: the helper records it, and the participation channel says 代办.
      actor: principal.actor ? { userId: principal.actor.userId, name: `${principal.actor.name}代办·` } : actorOf(user),
      input: body,
      now,
    }),
  listHouseholds: ({ principal, params, query }) =>
    listHouseholds({ ...params, principal, buildingId: query.buildingId }),
  listConflicts: ({ params, now }) => listConflicts(params.communityId, params.topicId, now),
  resolveConflict: async ({ user, params, body, now }) => {
    const topic = await loadTopic(params.communityId, params.topicId, true);
    const { Item: found } = await voteConflicts.get(
      { communityId: params.communityId, topicId: params.topicId, conflictId: params.conflictId },
      { consistent: true },
    );
    if (!found) throw notFound('冲突记录');
    return conflictViewOf(
      await resolveConflict({
        topic,
        conflict: found,
        decision: body.decision,
        note: body.note,
        by: actorOf(user),
        now,
      }),
      now,
    );
  },
  recount: ({ user, params, now }) => recount({ ...params, actorId: actorOf(user).userId, now }),
  exportResult: ({ params }) => exportResult(params.communityId, params.topicId),
});

export const handler = httpApi(agoraVotingRoutes, agoraVotingHandlers());
