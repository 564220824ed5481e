import { streetWideRoutes } from '@linli/shared';
import { httpApi, type Handlers } from '../http/api';
import { streetTimebankAudit } from './streetAudit';
import { listStreetNotices, previewStreetNotice, sendStreetNotice, streetNoticeReach } from './streetNotices';

/** 街道: the street office's street-wide actions — notices to every household, and the 通存通兑 audit. */
export const streetWideHandlers = (): Handlers<typeof streetWideRoutes> => ({
  previewStreetNotice: ({ params, body }) => previewStreetNotice({ ...params, communityIds: body.communityIds }),
  sendStreetNotice: ({ principal, params, body, now }) => sendStreetNotice({ ...params, principal, input: body, now }),
  listStreetNotices: ({ params }) => listStreetNotices(params),
  streetNoticeReach: ({ params }) => streetNoticeReach(params),
  runStreetAudit: ({ params, now }) => streetTimebankAudit({ ...params, now }),
});

export const handler = httpApi(streetWideRoutes, streetWideHandlers());
