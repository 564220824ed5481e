import { grievanceRoutes } from '@linli/shared';
import { httpApi, type Call, type Handlers } from '../http/api';
import type { UserItem } from '../db/entities/user';
import { wechatContentChecker, type ContentChecker } from './contentCheck';
import { addNote, postMessage, support } from './conversation';
import { dashboard, latestEvaluation, publishEvaluation } from './evaluation';
import { createPhotoUpload } from './photos';
import { getCase, listCommunity, listFollowing, listMine, listQueue, suggestDuplicates } from './queries';
import { listReviews, reviewContent } from './review';
import { getSettings, updateSettings } from './settings';
import { submitGrievance } from './submit';
import { takeStep, type Caller, type StepRequest } from './transitions';
import { detailView, summaryView } from './views';

/** Routes admitted by role always have a signed-in user. */
const callerOf = (call: Pick<Call<never>, 'principal' | 'user'>): Caller => ({
  principal: call.principal,
  user: call.user as UserItem,
});

type CaseCall = {
  principal: Call<never>['principal'];
  user: Call<never>['user'];
  params: { communityId: string; grievanceId: string };
  now: Date;
};

/** 诉求: residents raise and follow requests; handlers accept, commit, resolve or escalate them. */
export const grievanceHandlers = (
  deps: { checker: ContentChecker } = { checker: wechatContentChecker },
): Handlers<typeof grievanceRoutes> => {
  const step = (call: CaseCall, version: number, request: StepRequest) =>
    takeStep(deps, callerOf(call), call.params.communityId, call.params.grievanceId, version, request, call.now);
  return {
    getSettings: ({ params }) => getSettings(params.communityId),
    updateSettings: ({ params, body }) => updateSettings(params.communityId, body),
    createPhotoUpload: ({ principal, params, body, now }) =>
      createPhotoUpload(principal.userId, params.communityId, body, now),
    suggestDuplicates: ({ principal, params, query, now }) =>
      suggestDuplicates(principal, params.communityId, query, now),
    listMine: ({ principal, params, query, now }) => listMine(principal, params.communityId, query, now),
    listFollowing: ({ principal, params, query, now }) => listFollowing(principal, params.communityId, query, now),
    listQueue: ({ principal, params, query, now }) => listQueue(principal, params.communityId, query.level, query, now),
    dashboard: ({ params, query, now }) => dashboard(params.communityId, query.month, now),
    publishEvaluation: ({ principal, params, body, now }) =>
      publishEvaluation(params.communityId, body.month, principal.userId, now),
    latestEvaluation: ({ params }) => latestEvaluation(params.communityId),
    listReviews: ({ principal, params, query, now }) => listReviews(principal, params.communityId, query, now),
    submit: (call) => submitGrievance(deps, callerOf(call), call.params.communityId, call.body, call.now),
    listCommunity: ({ principal, params, query, now }) =>
      listCommunity(principal, params.communityId, query.status, query, now),
    get: async ({ principal, params, now }) => {
      const { parts, access, settings } = await getCase(principal, params.communityId, params.grievanceId, now);
      return detailView(parts, access, principal.userId, settings, now);
    },
    summary: async ({ principal, params, now }) => {
      const { parts, access, settings } = await getCase(principal, params.communityId, params.grievanceId, now);
      return summaryView(parts.grievance, access, settings, now);
    },
    support: (call) => support(callerOf(call), call.params.communityId, call.params.grievanceId, call.now),
    accept: (call) => step(call, call.body.version, { action: 'accept' }),
    commit: (call) => step(call, call.body.version, { action: 'commit', text: call.body.text, dueBy: call.body.dueBy }),
    resolve: (call) =>
      step(call, call.body.version, { action: 'resolve', note: call.body.note, photos: call.body.photos }),
    refer: (call) =>
      step(call, call.body.version, { action: 'refer', referredTo: call.body.referredTo, note: call.body.note }),
    escalate: (call) => step(call, call.body.version, { action: 'escalate', reason: call.body.reason }),
    rate: (call) =>
      step(call, call.body.version, { action: 'rate', rating: call.body.rating, comment: call.body.comment }),
    withdraw: (call) => step(call, call.body.version, { action: 'withdraw', reason: call.body.reason }),
    postMessage: (call) =>
      postMessage(deps, callerOf(call), call.params.communityId, call.params.grievanceId, call.body, call.now),
    addNote: (call) =>
      addNote(deps, callerOf(call), call.params.communityId, call.params.grievanceId, call.body, call.now),
    reviewContent: (call) =>
      reviewContent(callerOf(call), call.params.communityId, call.params.grievanceId, call.body, call.now),
  };
};

export const handler = httpApi(grievanceRoutes, grievanceHandlers());
