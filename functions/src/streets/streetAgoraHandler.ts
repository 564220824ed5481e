import { streetAgoraRoutes } from '@linli/shared';
import { httpApi, type Handlers } from '../http/api';
import { getStreetTopic, listStreetTopics, openStreetTopic } from './streetTopics';

/** 街道议事: the street office opens a consultation across its communities and reads the summed result. */
export const streetAgoraHandlers = (): Handlers<typeof streetAgoraRoutes> => ({
  openStreetTopic: ({ principal, params, body, now }) => openStreetTopic({ ...params, principal, input: body, now }),
  listStreetTopics: ({ params }) => listStreetTopics(params),
  getStreetTopic: ({ params, now }) => getStreetTopic({ ...params, now }),
});

export const handler = httpApi(streetAgoraRoutes, streetAgoraHandlers());
