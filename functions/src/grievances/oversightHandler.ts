import { grievanceOversightRoutes } from '@linli/shared';
import { httpApi, type Handlers } from '../http/api';
import { caseRequest } from './calls';
import { dashboard, latestEvaluation, publishEvaluation } from './evaluation';
import { listReviews, reviewContent } from './review';
import { getSettings, updateSettings } from './settings';

/**
 * 诉求 oversight (settings, 诉求看板, 群众性评议, 人工复核): their own Lambda, so the grievances Lambda that
 * residents and handlers call on every case carries neither their contracts nor their services. API Gateway
 * routes these paths ahead of the grievances Lambda's `/grievances/{proxy+}`.
 */
export const grievanceOversightHandlers = (): Handlers<typeof grievanceOversightRoutes> => ({
  getSettings: ({ params }) => getSettings(params.communityId),
  updateSettings: ({ params, body }) => updateSettings(params.communityId, body),
  dashboard: ({ params, query, now }) => dashboard(params.communityId, query.month, now),
  publishEvaluation: ({ principal, params, body, now }) =>
    publishEvaluation({ ...params, month: body.month, publishedBy: principal.userId, now }),
  latestEvaluation: ({ params }) => latestEvaluation(params.communityId),
  listReviews: ({ principal, params, query, now }) => listReviews({ ...params, principal, page: query, now }),
  reviewContent: (call) => reviewContent({ ...caseRequest(call), input: call.body }),
});

export const handler = httpApi(grievanceOversightRoutes, grievanceOversightHandlers());
