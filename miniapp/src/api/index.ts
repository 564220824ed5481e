import { identityApi } from '@linli/shared';
import { env } from '@/config/env';
import { createApiClient } from './client';
import { sessionLost, sessionRefreshed } from './sessionEvents';
import { storageTokens } from './tokens';
import { taroTransport } from './transport';
import { actingHeaderFor } from '@/session/acting';

export { ApiFailure, fieldErrorsOf, messageOf, NETWORK_MESSAGE } from './failure';
export type { CallArgs } from './client';

/**
 * The app's API client: every page calls the backend through `call(grievanceRoutes.x, { params, query, body })`,
 * importing its feature's route group from @linli/shared. Not the whole `API` registry: that would put every
 * feature's contracts into the main package (the weapp's 600 KB budget), subpackage-only ones included.
 */
export const apiClient = createApiClient({
  baseUrl: () => env.apiBase,
  transport: (request) => taroTransport(request),
  tokens: storageTokens,
  refreshRoute: identityApi.refreshSession,
  onRefreshed: (session) => sessionRefreshed.emit(session),
  onSessionLost: (failure) => sessionLost.emit(failure),
  actingFor: actingHeaderFor,
});

export const call = apiClient.call;
