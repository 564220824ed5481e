import { moderationRoutes } from '@linli/shared';
import { httpApi, type Handlers } from '../http/api';
import { decideContent, listLog, listQueue, reportContent } from './reports';

/** 举报与内容审核: residents' reports, the committee's queue, decisions and the log. */
export const moderationHandlers = (): Handlers<typeof moderationRoutes> => ({
  report: ({ params, body, principal, now }) => reportContent({ ...params, principal, input: body, now }),
  queue: ({ params, query, principal, now }) => listQueue({ ...params, principal, page: query, now }),
  decide: ({ params, body, principal, user, now }) => decideContent({ ...params, principal, user, input: body, now }),
  log: ({ params, query }) => listLog({ ...params, page: query }),
});

export const handler = httpApi(moderationRoutes, moderationHandlers());
