import { agoraRoutes } from '@linli/shared';
import { wechatClient } from '../wechat/container';
import type { UserItem } from '../db/entities/user';
import { voteConflicts } from '../db/entities/voteConflict';
import { httpApi, type Call, type Handlers } from '../http/api';
import { forbidden, notFound } from '../http/errors';
import { castBallot, resolveConflict } from './casting';
import { checkReceipt, exportResult } from './bulletin';
import { changeSchedule, recount } from './closing';
import { conflictViewOf, listConflicts } from './conflicts';
import { addComment, listComments } from './deliberation';
import { wechatContentCheck, type ContentCheck } from '../wechat/commentCheck';
import { computeElectorate, electorateView } from './electorate';
import { createPaperUpload, listHouseholds, recordPaperBallot } from './paper';
import { seatsOf } from './seats';
import {
  createTopic,
  getTopic,
  listTopics,
  loadTopic,
  proposeTopic,
  publishSummary,
  reviewProposal,
  scheduleVote,
  setCommitment,
  supportThresholdOf,
  supportTopic,
  updateSettings,
  votingTopic,
} from './topics';

// Routes admit signed-in callers only, so the user is always there.
const me = (user: UserItem | undefined) => user as UserItem;
const actorOf = (user: UserItem | undefined) => ({ userId: me(user).userId, name: me(user).nickname });

/** 议事厅: topics, deliberation, votes (online and paper), conflicts, results. Writes answer with the fresh topic. */
export const agoraHandlers = (
  deps: { contentCheck: ContentCheck } = { contentCheck: wechatContentCheck(wechatClient) },
): Handlers<typeof agoraRoutes> => {
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
    changeSchedule: async (c) => {
      await changeSchedule({ ...c.params, by: actorOf(c.user), input: c.body, now: c.now });
      return fresh(c, c.params.communityId, c.params.topicId);
    },
    createPaperUpload: ({ principal, params, body, now }) =>
      createPaperUpload({ ...params, principal, input: body, now }),
    recordPaperBallot: ({ user, principal, params, body, now }) =>
      recordPaperBallot({
        ...params,
        principal,
        // 亲情代办: the helper records it, and the participation channel says 代办.
        actor: principal.actor
          ? { userId: principal.actor.userId, name: `${principal.actor.name}代办·` }
          : actorOf(user),
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
    setCommitment: async (c) => {
      await setCommitment({ ...c.params, principal: c.principal, input: c.body, now: c.now });
      return fresh(c, c.params.communityId, c.params.topicId);
    },
    exportResult: ({ params }) => exportResult(params.communityId, params.topicId),
    getSettings: async ({ params }) => ({ supportThreshold: await supportThresholdOf(params.communityId) }),
    updateSettings: ({ principal, params, body }) =>
      updateSettings(principal, params.communityId, body.supportThreshold),
  };
};

export const handler = httpApi(agoraRoutes, agoraHandlers());
