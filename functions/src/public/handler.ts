import { publicRoutes } from '@linli/shared';
import { httpApi, type Handlers } from '../http/api';
import { publicCommunities, publicOverview } from './overview';

/** 社区公开信息 before sign-in: no token, limited per source IP, cacheable for a minute. */
export const publicHandlers = (): Handlers<typeof publicRoutes> => ({
  listCommunities: () => publicCommunities(),
  getOverview: ({ params }) => publicOverview(params.communityId),
});

export const handler = httpApi(publicRoutes, publicHandlers());
