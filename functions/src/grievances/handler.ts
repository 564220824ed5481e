import { grievanceLambdaApi } from '@linli/shared';
import { httpApi, type Handlers } from '../http/api';
import { callerOf, caseRequest } from './calls';
import { wechatContentChecker } from './contentCheck';
import { addNote, postMessage, support } from './conversation';
import { createPhotoUpload } from './photos';
import { getCase, listCommunity, listFollowing, listMine, listQueue, suggestDuplicates } from './queries';
import { submitGrievance } from './submit';
import type { GrievanceDeps } from './requests';
import { detailView, summaryView } from './views';

/**
 * 诉求: residents raise, find and follow requests and talk with their handlers. The lifecycle's steps (受理…撤回)
 * are the grievanceSteps Lambda (stepHandler.ts); settings, 看板, 群众性评议 and 人工复核 the grievanceOversight
 * Lambda (oversightHandler.ts).
 */
export const grievanceHandlers = (
  deps: GrievanceDeps = { checker: wechatContentChecker },
): Handlers<typeof grievanceLambdaApi> => ({
  createPhotoUpload: ({ principal, params, body, now }) =>
    createPhotoUpload({ ...params, userId: principal.userId, input: body, now }),
  suggestDuplicates: ({ principal, params, query, now }) => suggestDuplicates({ ...params, principal, query, now }),
  listMine: ({ principal, params, query: { awaiting, ...page }, now }) =>
    listMine({ ...params, principal, awaiting, page, now }),
  listFollowing: ({ principal, params, query, now }) => listFollowing({ ...params, principal, page: query, now }),
  listQueue: ({ principal, params, query, now }) =>
    listQueue({ ...params, principal, level: query.level, page: query, now }),
  submit: (call) => submitGrievance({ ...call.params, caller: callerOf(call), input: call.body, now: call.now }, deps),
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
  postMessage: (call) => postMessage({ ...caseRequest(call), input: call.body }, deps),
  addNote: (call) => addNote({ ...caseRequest(call), input: call.body }, deps),
});

export const handler = httpApi(grievanceLambdaApi, grievanceHandlers());
