import { homeRoutes } from '@linli/shared';
import { httpApi, type Handlers } from '../http/api';
import { waitingFor } from './waiting';

/** 首页: 待我处理, assembled from every context's waiting items. */
export const homeHandlers = (): Handlers<typeof homeRoutes> => ({
  waiting: ({ principal, params, now }) => waitingFor({ ...params, principal, now }),
});

export const handler = httpApi(homeRoutes, homeHandlers());
