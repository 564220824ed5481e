import { streetsApi } from '@linli/shared';
import type { UserItem } from '../db/entities/user';
import { httpApi, type Handlers } from '../http/api';
import { unauthenticated } from '../http/errors';
import { redeemBootstrap } from './bootstrap';
import { inviteStaff, listInvitations, redeemStaffInvitation } from './staffInvitations';
import { createCommunity, createStreet, getStreet, listStreets } from './streets';

const signedIn = (user: UserItem | undefined): UserItem => {
  if (!user) throw unauthenticated();
  return user;
};

/** 街道: onboarding — the first administrator, streets, communities, staff invitation codes. */
export const streetsHandlers = (): Handlers<typeof streetsApi> => ({
  redeemBootstrap: ({ user, body, now }) => redeemBootstrap({ user: signedIn(user), ...body, now }),
  listStreets: ({ principal }) => listStreets({ principal }),
  createStreet: ({ principal, body, now }) => createStreet({ principal, input: body, now }),
  redeemStaffInvitation: ({ user, body, now }) => redeemStaffInvitation({ user: signedIn(user), ...body, now }),
  getStreet: ({ params }) => getStreet(params),
  createCommunity: ({ principal, params, body, now }) => createCommunity({ ...params, principal, input: body, now }),
  inviteStaff: ({ principal, params, body, now }) => inviteStaff({ ...params, principal, input: body, now }),
  listInvitations: ({ params, query, now }) => listInvitations({ ...params, communityId: query.communityId, now }),
});

export const handler = httpApi(streetsApi, streetsHandlers());
