import { proxyRoutes } from '@linli/shared';
import { httpApi, type Handlers } from '../http/api';
import { communityProxyRecords, endProxy, myProxy, proxyCandidates, setProxyEnabled, startProxy } from './sessions';

/** 亲情代办: starting and ending a 代办 session, the records, and the resident's switch. */
export const proxyHandlers = (): Handlers<typeof proxyRoutes> => ({
  candidates: ({ principal, params }) => proxyCandidates({ ...params, principal }),
  start: ({ principal, user, params, body, now }) =>
    startProxy({ ...params, principal, user: user!, input: body, now }),
  end: ({ principal, params, now }) => endProxy({ ...params, principal, now }),
  communityRecords: ({ params, query }) => communityProxyRecords({ ...params, query }),
  mine: ({ user }) => myProxy({ user: user! }),
  setEnabled: ({ user, body, now }) => setProxyEnabled({ user: user!, input: body, now }),
});

export const handler = httpApi(proxyRoutes, proxyHandlers());
