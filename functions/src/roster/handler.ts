import { rosterRoutes } from '@linli/shared';
import { httpApi, type Handlers } from '../http/api';
import { createInvitation, decideBinding, listBindingQueue } from '../households/bindings';
import { listUnits, rosterOverview } from './overview';
import { grantRole, listStaff, revealOwnerPhone, revokeRole } from './staff';

/** The committee's and grid workers' roster: structure, households, approvals, staff. */
export const rosterHandlers = (): Handlers<typeof rosterRoutes> => ({
  overview: ({ principal, params }) => rosterOverview(principal, params.communityId),
  listUnits: ({ params, query }) => listUnits(params.communityId, query.buildingId, query),
  revealOwnerPhone: ({ principal, params, body, now }) =>
    revealOwnerPhone(principal, params.communityId, params.ownerId, body.reason, now),
  listBindings: ({ principal, params, query }) => listBindingQueue(principal, params.communityId, query.status, query),
  decideBinding: ({ principal, params, body, now }) =>
    decideBinding(principal, params.communityId, params.bindingId, body, now),
  createInvitation: ({ principal, params, body, now }) =>
    createInvitation(principal, params.communityId, params.unitId, body.relation, now),
  listStaff: ({ params }) => listStaff(params.communityId),
  grantRole: ({ principal, params, body, now }) => grantRole(principal, params.communityId, body, now),
  revokeRole: ({ principal, params, body, now }) => revokeRole(principal, params.communityId, body, now),
});

export const handler = httpApi(rosterRoutes, rosterHandlers());
