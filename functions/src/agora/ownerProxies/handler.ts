import { ownerProxyRoutes } from '@linli/shared';
import type { UserItem } from '../../db/entities/user';
import { httpApi, type Handlers } from '../../http/api';
import {
  castAsProxy,
  claimProxy,
  createProxyUpload,
  listProxies,
  myOwnerSeats,
  nameProxy,
  proxiesForMe,
  recordAssistedProxyBallot,
  reviewProxy,
  revokeProxy,
} from './service';

// Routes admit signed-in callers only, so the user is always there.
const actorOf = (user: UserItem | undefined) => ({
  userId: (user as UserItem).userId,
  name: (user as UserItem).nickname,
});

/**
 * 书面委托 for owners' votes: its own small Lambda (the 议事厅 one is over its size budget), reusing the
 * casting service, so a proxy's ballot obeys the same one-per-owner transaction as every channel.
 */
export const ownerProxyHandlers = (): Handlers<typeof ownerProxyRoutes> => ({
  mine: ({ principal, params, now }) => myOwnerSeats({ ...params, principal, now }),
  createUpload: ({ principal, params, body, now }) => createProxyUpload({ ...params, principal, input: body, now }),
  name: ({ user, principal, params, body, now }) =>
    nameProxy({ ...params, principal, actor: actorOf(user), input: body, now }),
  revoke: ({ principal, params, now }) => revokeProxy({ ...params, principal, now }),
  claim: ({ principal, params, body, now }) => claimProxy({ ...params, principal, code: body.code, now }),
  forMe: ({ principal, params, now }) => proxiesForMe({ ...params, principal, now }),
  cast: ({ user, principal, params, body, now }) =>
    castAsProxy({ ...params, principal, actor: actorOf(user), input: body, now }),
  list: ({ principal, params, now }) => listProxies({ ...params, principal, now }),
  review: ({ user, principal, params, body, now }) =>
    reviewProxy({ ...params, principal, actor: actorOf(user), input: body, now }),
  recordAssisted: ({ user, principal, params, body, now }) =>
    recordAssistedProxyBallot({ ...params, principal, actor: actorOf(user), input: body, now }),
});

export const handler = httpApi(ownerProxyRoutes, ownerProxyHandlers());
