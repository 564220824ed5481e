import { grievanceRoutes } from '@linli/shared';
import { httpApi, type Call, type Handlers } from '../http/api';
import type { UserItem } from '../db/entities/user';
import { wechatContentChecker } from './contentCheck';
import { addNote, postMessage, support } from './conversation';
import { dashboard, latestEvaluation, publishEvaluation } from './evaluation';
import { createPhotoUpload } from './photos';
import { getCase, listCommunity, listFollowing, listMine, listQueue, suggestDuplicates } from './queries';
import { listReviews, reviewContent } from './review';
import { getSettings, updateSettings } from './settings';
import { submitGrievance } from './submit';
import type { CaseRequest, Caller, GrievanceDeps } from './requests';
import { takeStep, type StepRequest } from './transitions';
import { detailView, summaryView } from './views';

/** Routes admitted by role always have a signed-in user. */
const callerOf = (call: Pick<Call<never>, 'principal' | 'user'>): Caller => ({
  principal: call.principal,
  user: call.user as UserItem,
});

type CaseCall = Pick<Call<never>, 'principal' | 'user' | 'now'> & {
  params: { communityId: string; grievanceId: string };
};

/** The request every route on one case makes: the caller, the case, the time. */
const caseRequest = (call: CaseCall): CaseRequest => ({ ...call.params, caller: callerOf(call), now: call.now });

/** 诉求: residents raise and follow requests; handlers accept, commit, resolve or escalate them. */
export const grievanceHandlers = (
  deps: GrievanceDeps = { checker: wechatContentChecker },
): Handlers<typeof grievanceRoutes> => {
  const step = (call: CaseCall, seenVersion: number, request: StepRequest) =>
    takeStep({ ...caseRequest(call), seenVersion, step: request }, deps);
  return {
    getSettings: ({ params }) => getSettings(params.communityId),
    updateSettings: ({ params, body }) => updateSettings(params.communityId, body),
    createPhotoUpload: ({ principal, params, body, now }) =>
      createPhotoUpload({ ...params, userId: principal.userId, input: body, now }),
    suggestDuplicates: ({ principal, params, query, now }) => suggestDuplicates({ ...params, principal, query, now }),
    listMine: ({ principal, params, query: { awaiting, ...page }, now }) =>
      listMine({ ...params, principal, awaiting, page, now }),
    listFollowing: ({ principal, params, query, now }) => listFollowing({ ...params, principal, page: query, now }),
    listQueue: ({ principal, params, query, now }) =>
      listQueue({ ...params, principal, level: query.level, page: query, now }),
    dashboard: ({ params, query, now }) => dashboard(params.communityId, query.month, now),
    publishEvaluation: ({ principal, params, body, now }) =>
      publishEvaluation({ ...params, month: body.month, publishedBy: principal.userId, now }),
    latestEvaluation: ({ params }) => latestEvaluation(params.communityId),
    listReviews: ({ principal, params, query, now }) => listReviews({ ...params, principal, page: query, now }),
    submit: (call) =>
      submitGrievance({ ...call.params, caller: callerOf(call), input: call.body, now: call.now }, deps),
    listCommunity: ({ principal, params, query, now }) =>
      listCommunity({ ...params, principal, status: query.status, page: query, now }),
    get: async ({ principal, params, now }) => {
      const { parts, access, settings } = await getCase({ ...params, principal });
      return detailView(parts, access, principal.userId, settings, now);
    },
    summary: async ({ principal, params, now }) => {
      const { parts, access, settings } = await getCase({ ...params, principal });
      return summaryView(parts.grievance, access, settings, now);
    },
    support: (call) => support(caseRequest(call)),
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
    postMessage: (call) => postMessage({ ...caseRequest(call), input: call.body }, deps),
    addNote: (call) => addNote({ ...caseRequest(call), input: call.body }, deps),
    reviewContent: (call) => reviewContent({ ...caseRequest(call), input: call.body }),
  };
};

export const handler = httpApi(grievanceRoutes, grievanceHandlers());
