import { agoraArchiveRoutes } from '@linli/shared';
import { httpApi, type Handlers } from '../../http/api';
import { archiveVote, archiveYearsOf, findSheet, loadBallotSheets, updateArchiveYears } from './service';

/** 打印表决票 and 表决归档: their own Lambda, like the other exports, so the 议事 Lambda stays as it is. */
export const agoraArchiveHandlers = (): Handlers<typeof agoraArchiveRoutes> => ({
  ballotSheets: ({ params, query }) => loadBallotSheets({ ...params, buildingId: query.buildingId }),
  findSheet: ({ params }) => findSheet(params),
  archiveVote: ({ params, now }) => archiveVote({ ...params, now }),
  getArchiveSettings: async ({ params }) => ({ years: await archiveYearsOf(params.communityId) }),
  updateArchiveSettings: ({ principal, params, body }) =>
    updateArchiveYears({ principal, communityId: params.communityId, years: body.years }),
});

export const handler = httpApi(agoraArchiveRoutes, agoraArchiveHandlers());
