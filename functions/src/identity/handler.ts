import { identityLambdaApi } from '@linli/shared';
import { httpApi, type Handlers } from '../http/api';
import { wechatClient } from '../wechat/container';
import { listBuildings, listCommunities, listUnitsOfBuilding } from '../households/directory';
import { listMyBindings, redeemInvitation, requestBinding } from '../households/bindings';
import { acceptPrivacy, updateProfile } from './profile';
import { refreshSession, signInWithWeChat, signOut, type CodeExchange } from './signIn';
import { meView } from './views';
import { deviceLabel, endSessions, listSessions } from './sessions';

type Routes = typeof identityLambdaApi;

/** Sign-in, profile, privacy and the resident's side of household binding (export and erasure: personalDataHandler.ts). */
export function identityHandlers(deps: { wechat: () => CodeExchange } = { wechat: wechatClient }): Handlers<Routes> {
  return {
    signInWithWeChat: ({ body, now, headers }) =>
      signInWithWeChat({ code: body.code, now, device: deviceLabel(headers['user-agent']) }, { wechat: deps.wechat() }),
    refreshSession: ({ body, now }) => refreshSession(body.refreshToken, now),
    signOut: async ({ principal, body }) => {
      await signOut(principal.userId, body.refreshToken);
      return { ok: true as const };
    },
    getMe: async ({ user }) => meView(user!),
    updateMe: ({ user, body }) => updateProfile(user!, body),
    acceptPrivacy: ({ user, body, now }) => acceptPrivacy(user!, body.version, now),
    listMySessions: ({ user, sessionId, now }) => listSessions(user!.userId, sessionId, now),
    endAllSessions: async ({ user, sessionId }) => ({ ended: await endSessions(user!.userId, { keep: sessionId }) }),
    listCommunities: () => listCommunities(),
    listBuildingsForBinding: ({ params }) => listBuildings(params.communityId),
    listUnitsForBinding: ({ params }) => listUnitsOfBuilding(params.communityId, params.buildingId),
    listMyBindings: ({ user }) => listMyBindings(user!),
    requestBinding: ({ user, principal, body, now }) => requestBinding({ user: user!, principal, input: body, now }),
    redeemInvitation: ({ user, principal, body, now }) =>
      redeemInvitation({ user: user!, principal, code: body.code, realName: body.realName, now }),
  };
}

export const handler = httpApi(identityLambdaApi, identityHandlers());
