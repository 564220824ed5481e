import { rosterApi } from '@linli/shared';
import { httpApi, type Handlers } from '../http/api';
import { createInvitation, decideBinding, listBindingQueue } from '../households/bindings';
import { listUnits, rosterOverview } from './overview';
import { grantRole, listStaff, revealOwnerPhone, revokeRole } from './staff';
import { readStaffLog } from './staffLog';

/** The committee's and grid workers' roster: structure, households, approvals, staff. */
export const rosterHandlers = (): Handlers<typeof rosterApi> => ({
  overview: ({ principal, params }) => rosterOverview(principal, params.communityId),
  listUnits: ({ params, query }) => listUnits(params.communityId, query.buildingId, query),
  revealOwnerPhone: ({ principal, params, body, now }) =>
    revealOwnerPhone({ ...params, principal, reason: body.reason, now }),
  listBindings: ({ principal, params, query }) =>
    listBindingQueue({ ...params, principal, status: query.status, page: query }),
  decideBinding: ({ principal, params, body, now }) => decideBinding({ ...params, principal, decision: body, now }),
  createInvitation: ({ principal, params, body, now }) =>
    createInvitation({ ...params, principal, relation: body.relation, now }),
  listStaff: ({ params }) => listStaff(params.communityId),
  staffLog: ({ principal, params, query }) => readStaffLog({ ...params, principal, query }),
  grantRole: ({ principal, params, body, now }) => grantRole({ ...params, principal, input: body, now }),
  revokeRole: ({ principal, params, body, now }) => revokeRole({ ...params, principal, input: body, now }),
});

export const handler = httpApi(rosterApi, rosterHandlers());
