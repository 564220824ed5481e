import { API } from '@linli/shared';
import { env } from '../config/env';
import { createApiClient } from './client';
import { sessionLost, sessionRefreshed } from './sessionEvents';
import { storageTokens } from './tokens';
import { taroTransport } from './transport';

export { API };
export { ApiFailure, fieldErrorsOf, messageOf, NETWORK_MESSAGE } from './failure';
export type { CallArgs } from './client';

/** The app's API client: every page calls the backend through `call(API.x.y, { params, query, body })`. */
export const apiClient = createApiClient({
  baseUrl: () => env.apiBase,
  transport: (request) => taroTransport(request),
  tokens: storageTokens,
  refreshRoute: API.identity.refreshSession,
  onRefreshed: (session) => sessionRefreshed.emit(session),
  onSessionLost: (failure) => sessionLost.emit(failure),
});

export const call = apiClient.call;
